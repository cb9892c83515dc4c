"""Who is "responsible"? Rankings of emitters under different metrics, and emissions by fuel.

Used by chapter 6 (Competition or cooperation?). The ranking of the large emitters
changes with the measure: annual total, emissions per person, or emissions summed
since 1750. These helpers compute those ranks from ``co2_annual`` and draw them as a
bump chart, and split fossil CO2 by fuel from ``co2_by_source``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .analysis import snapshot
from .charts import END_LABELS, finish, source_lines
from .i18n import (
    DEFAULT_LANGUAGE,
    N_,
    Expr,
    _,
    joined,
    language,
    listing,
    translate_name,
    translate_names,
    translated,
    vega_text,
)
from .theme import country_scales
from .tables import Table

RANK_METRICS: dict[str, str] = {
    "co2": N_("Annual total"),
    "co2_per_capita": N_("Per person"),
    "cumulative_co2": N_("Since 1750"),
}
UNITS = {"co2": N_("Mt CO₂"), "co2_per_capita": N_("t CO₂ per person"), "cumulative_co2": N_("Mt CO₂")}
RANK_COUNTRIES = ["China", "United States", "EU-27", "India", "Japan", "Russia", "United Kingdom"]
FUELS = ["coal", "oil", "gas", "cement"]
FUEL_LABELS = {"coal": N_("coal"), "oil": N_("oil"), "gas": N_("gas"), "cement": N_("cement")}


def fuel_name(fuel: str) -> str:
    """A fuel's name as a row or axis label: "Coal" (the lower-case messages are shared with running
    text, and "Coal" already means coal power in the power chapter's catalogue)."""
    name = _(FUEL_LABELS[fuel])
    return name[:1].upper() + name[1:]

# The six main sources of greenhouse gases the white paper lists (section 6), with
# what each covers, in our words, and the US EPA's shares of 2019 US emissions as its
# "Sources of Greenhouse Gas Emissions" page gave them in 2021 (land use is a net sink).
GHG_SOURCES = [
    (N_("Transport"), N_("Cars, trucks, ships, trains and planes burning petrol, diesel and jet fuel"), "29 %"),
    (N_("Electricity"), N_("Power stations, above all those burning coal and gas"), "25 %"),
    (N_("Industry"), N_("Fuel burned in factories plus process emissions from cement, steel and chemicals"), "23 %"),
    (N_("Commercial and residential"), N_("Heating and cooking in homes and businesses, refrigerant leaks, waste"), "13 %"),
    (N_("Agriculture"), N_("Methane from livestock and rice, nitrous oxide from fertilised soils"), "10 %"),
    (N_("Land use and forestry"), N_("Clearing forests releases carbon; growing forests take it up"), N_("−12 % (net sink)")),
]


def ghg_sources_table() -> pd.DataFrame:
    """The six main GHG sources as a table (sector, what it covers, EPA share of US 2019)."""
    return pd.DataFrame([tuple(_(cell) for cell in row) for row in GHG_SOURCES],
                        columns=[_("Source"), _("What it covers"), _("Share of US GHG, 2019 (EPA)")])


def rank_values(values: pd.Series) -> pd.Series:
    """Rank 1 = largest; ties share the best rank ("min" method), missing values stay missing."""
    return values.rank(ascending=False, method="min").astype("Int64")


def rank_table(
    table: pd.DataFrame,
    years: list[int],
    countries: list[str] | None = None,
    metrics: list[str] | None = None,
) -> pd.DataFrame:
    """Long table (year, country, metric, label, value, rank) of each country's rank per metric.

    Ranks are among ``countries`` only (the World row is never ranked).
    """
    countries = countries or RANK_COUNTRIES
    metrics = metrics or list(RANK_METRICS)
    unknown = [m for m in metrics if m not in RANK_METRICS]
    if unknown:
        raise ValueError(f"metrics must be among {list(RANK_METRICS)}, not {unknown}")
    rows = table[table["country"].isin(countries) & table["year"].isin(years)]
    missing = {(y, c) for y in years for c in countries} - set(zip(rows["year"], rows["country"]))
    if missing:
        raise ValueError(f"no data for (year, country) {sorted(missing)[:5]}")
    long = rows.melt(id_vars=["year", "country"], value_vars=metrics, var_name="metric", value_name="value")
    long["value"] = long["value"].astype(float)
    long["rank"] = long.groupby(["year", "metric"])["value"].transform(rank_values).astype("Int64")
    long["label"] = long["metric"].map(RANK_METRICS)
    long["unit"] = long["metric"].map(UNITS)
    long["year"] = long["year"].astype(int)
    order = {m: i for i, m in enumerate(metrics)}
    long = long.sort_values(["year", "metric", "rank"], key=lambda s: s.map(order) if s.name == "metric" else s)
    return long[["year", "country", "metric", "label", "unit", "value", "rank"]].reset_index(drop=True)


def rank_grid(ranks: pd.DataFrame, year: int) -> pd.DataFrame:
    """Countries by metric label, holding the rank in ``year`` (for printing)."""
    one = ranks[ranks["year"] == year]
    grid = one.pivot(index="country", columns="label", values="rank")
    labels = list(dict.fromkeys(one["label"]))
    grid = grid[labels].sort_values(labels[0])
    if language() == DEFAULT_LANGUAGE:
        return grid
    grid.index = translate_names(grid.index.to_series())
    grid.columns = [_(label) for label in grid.columns]
    return grid


def rank_grid_table(ranks: pd.DataFrame, year: int) -> Table:
    """:func:`rank_grid` as a table (1 = largest)."""
    grid = rank_grid(ranks, year).rename_axis(index=N_("Country"), columns=None).reset_index()
    return Table(grid, _("Rank of each country by each measure in {year} (1 = largest)", year=year), names=[N_("Country")])


def fuel_share_table(mix: pd.DataFrame, fuels: list[str], year: int) -> Table:
    """:func:`fuel_mix` as a table: one row per fuel, one column per country (% of its fossil CO₂)."""
    wide = mix.pivot(index="fuel", columns="country", values="share_pct").loc[fuels].round(1)
    shown = wide.rename(index=fuel_name).rename_axis(index=N_("Fuel"), columns=None).reset_index()
    return Table(shown, _("Share of fossil CO₂ by fuel, {year}, GCB 2023 release", year=year),
                 units={c: "%" for c in wide.columns}, headers={c: translate_name(c) for c in wide.columns}, decimals=1)



def rank_flip_chart(ranks: pd.DataFrame, source: str, year: int | None = None) -> alt.LayerChart:
    """Static-mode bump chart: each country's rank under each metric; a menu picks the year."""
    years = sorted(ranks["year"].unique().tolist())
    year = year if year is not None else years[-1]
    present = set(ranks["country"])
    countries = [c for c in RANK_COUNTRIES if c in present] + sorted(present - set(RANK_COUNTRIES))
    labels = [_(label) for label in dict.fromkeys(ranks["label"])]
    scales = country_scales(countries)
    pick = alt.param(
        name="rank_year", value=year,
        bind=alt.binding_select(options=years, name=_("Year: ")),
    )
    data = translated(ranks.assign(rank=ranks["rank"].astype(int), label=ranks["label"].map(_), unit=ranks["unit"].map(_)),
                      "country")
    data = data.assign(pos=data["label"].map({l: i for i, l in enumerate(labels)}))
    base = alt.Chart(data).transform_filter("datum.year == rank_year")
    # a numeric x with wide margins leaves room for the country labels at both ends
    names = "[" + ", ".join(f"'{l}'" for l in labels) + "]"
    x = alt.X("pos:Q", title=None, scale=alt.Scale(domain=[-1.3, len(labels) - 1 + 1.3]),
              # each heading on two lines at its spaces ("Annual / total"), so that three fit a phone
              axis=alt.Axis(values=list(range(len(labels))), labelExpr=f"split({names}[datum.value], ' ')", orient="top",
                            labelFontWeight="bold", labelFontSize=13, domain=False, ticks=False, grid=False))
    y = alt.Y("rank:O", title=_("Rank (1 = largest)"), scale=alt.Scale(domain=list(range(1, len(countries) + 1))))
    legend = alt.Legend(title=_("Country"), symbolStrokeWidth=2.5, symbolType="stroke")  # each line in its colour and dash
    lines = base.mark_line(strokeWidth=3).encode(
        x=x, y=y,
        color=alt.Color("country:N", scale=scales["color"], legend=legend),
        strokeDash=alt.StrokeDash("country:N", scale=scales["strokeDash"], legend=legend),
        detail="country:N",
        order=alt.Order("pos:Q"),
    )
    points = base.mark_point(size=160, filled=True, opacity=1).encode(
        x=x, y=y,
        color=alt.Color("country:N", scale=scales["color"], legend=None),
        shape=alt.Shape("country:N", scale=scales["shape"], legend=None),
        tooltip=[
            alt.Tooltip("country:N", title=_("Country")),
            alt.Tooltip("label:N", title=_("Metric")),
            alt.Tooltip("value:Q", title=_("Value"), format=",.2f"),
            alt.Tooltip("unit:N", title=_("Unit")),
            alt.Tooltip("rank:O", title=_("Rank")),
        ],
    )

    def end_labels(label: str, align: str, dx: int) -> alt.Chart:
        return base.transform_filter(alt.datum.label == label).mark_text(
            align=align, dx=dx, fontSize=12, fontWeight="bold"
        ).encode(x=x, y=y, text="country:N", color=alt.Color("country:N", scale=scales["color"], legend=None))

    # On a phone the book drops the names at both ends (END_LABELS): they would run into the ranks; the legend names the lines.
    names_at_ends = alt.layer(end_labels(labels[0], "right", -12), end_labels(labels[-1], "left", 12)).properties(name=END_LABELS)
    chart = alt.layer(lines, points, names_at_ends)
    # (shape resolved on its own: merged into the legend, dashed shapes drew ragged symbols)
    chart = chart.add_params(pick).resolve_legend(shape="independent").properties(width=480, height=300)
    description = _(
        "Bump chart of the ranks of {countries} under three measures of fossil CO2 emissions: "
        "annual total, emissions per person, and cumulative emissions since 1750. Each country is a line with its own colour, dash and point shape, "
        "and is labelled at both ends. A menu below the chart chooses the year "
        "({years}); the default is {year}.",
        countries=listing(countries), years=joined(map(str, years)), year=year,
    )
    title = vega_text("Who ranks first depends on the measure, {year}", year=Expr("rank_year"))
    return chart.properties(
        title=alt.Title(alt.expr(title), subtitle=source_lines(source)),
        description=description,
    )


def cumulative_shares(table: pd.DataFrame, groups: dict[str, list[str]], year: int) -> pd.Series:
    """Share (%) of world CO2 emitted since 1750 up to ``year`` by each named group of countries."""
    rows = table[table["year"] == year].set_index("country")["cumulative_co2"]
    if "World" not in rows.index:
        raise ValueError(f"no World row in {year}")
    out = {}
    for name, members in groups.items():
        missing = [m for m in members if m not in rows.index]
        if missing:
            raise ValueError(f"no {year} data for {missing}")
        out[name] = 100 * rows[members].sum() / rows["World"]
    return pd.Series(out, name=f"share of cumulative CO2 to {year} (%)")


def fuel_mix(by_source: pd.DataFrame, countries: list[str], year: int) -> pd.DataFrame:
    """Long table (country, fuel, mt, share_pct) of fossil CO2 by fuel in ``year``.

    ``share_pct`` is each fuel's share of the country's total (flaring and other
    industrial sources make up the rest, so shares of the four fuels sum to at most 100,
    up to rounding in the source).
    """
    rows = by_source[(by_source["year"] == year) & by_source["country"].isin(countries)].set_index("country")
    missing = [c for c in countries if c not in rows.index]
    if missing:
        raise ValueError(f"no {year} data for {missing}")
    long = rows.loc[countries, FUELS].reset_index().melt(id_vars="country", var_name="fuel", value_name="mt")
    long["mt"] = long["mt"].astype(float)
    long["share_pct"] = 100 * long["mt"] / long["country"].map(rows["total"].astype(float))
    return long


def fuel_mix_chart(mix: pd.DataFrame, source: str, year: int) -> alt.FacetChart:
    """Bar chart of fossil CO2 by fuel, one panel per country, bars labelled with their share."""
    countries = list(dict.fromkeys(mix["country"]))
    scales = country_scales(countries)
    if language() != DEFAULT_LANGUAGE:
        mix = translated(mix, "country").assign(fuel=mix["fuel"].map(fuel_name))
    base = alt.Chart().encode(
        y=alt.Y("fuel:N", sort=[fuel_name(fuel) for fuel in FUELS], title=None),
        x=alt.X("mt:Q", title="Mt CO₂"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("country:N", scale=scales["color"], legend=None),
        tooltip=[
            alt.Tooltip("country:N", title=_("Country")), alt.Tooltip("fuel:N", title=_("Fuel")),
            alt.Tooltip("mt:Q", title="Mt CO₂", format=",.0f"), alt.Tooltip("share_pct:Q", title=_("% of total"), format=".1f"),
        ],
    )
    text = base.mark_text(align="left", dx=3, fontSize=11).encode(text=alt.Text("share_pct:Q", format=".0f"))
    text = text.transform_calculate(label="format(datum.share_pct, '.0f') + ' %'").encode(text="label:N")
    chart = alt.layer(bars, text, data=mix).properties(width=200, height=140).facet(
        column=alt.Column("country:N", sort=[translate_name(c) for c in countries], title=None, header=alt.Header(labelFontSize=13, labelFontWeight="bold"))
    )
    description = _(
        "Bar charts of fossil CO2 emissions by fuel (coal, oil, gas, cement) in {year}, one panel per country "
        "({countries}). Each bar is labelled with that fuel's share of the country's total.",
        year=year, countries=listing(countries),
    )
    return finish(chart, _("Fossil CO₂ by fuel, {year}", year=year), description, source)


def metrics_table(table: pd.DataFrame, countries: list[str], year: int) -> Table:
    """Each country's annual, per-person and cumulative CO₂ and its share of the world's cumulative CO₂."""
    rows = snapshot(table, countries, year, ["co2", "co2_per_capita", "cumulative_co2", "share_global_cumulative_co2"])
    shown = pd.DataFrame({
        N_("Country"): rows.index,
        N_("Annual"): rows["co2"].to_numpy(),
        N_("Per person"): rows["co2_per_capita"].to_numpy(),
        N_("Since 1750"): rows["cumulative_co2"].to_numpy() / 1000,
        N_("Share of world since 1750"): rows["share_global_cumulative_co2"].to_numpy(),
    })
    return Table(shown, _("Fossil CO₂ by three measures, {year}", year=year),
                 units={N_("Annual"): N_("Mt"), N_("Per person"): N_("t"), N_("Since 1750"): N_("Gt"), N_("Share of world since 1750"): "%"},
                 decimals={N_("Annual"): 0, N_("Per person"): 1, N_("Since 1750"): 0, N_("Share of world since 1750"): 1},
                 names=[N_("Country")])
