"""Electricity mix: fossil and coal shares, and the charts of the power chapter.

Works on the curated tables ``electricity_share`` (% by source, OWID 2025
release) and ``electricity_generation`` (TWh by source, OWID 2024 release).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import country_lines, headline, source_lines
from .i18n import (
    DEFAULT_LANGUAGE,
    N_,
    Expr,
    _,
    joined,
    language,
    listing,
    mid_sentence,
    punctuation,
    translate_name,
    translated,
    vega_lookup,
    vega_name,
    vega_text,
)
from .tables import Table

# Bottom-to-top stacking order of the mix chart, with display labels.
MIX_SOURCES: dict[str, str] = {
    "coal": N_("Coal"),
    "gas": N_("Gas"),
    "oil": N_("Oil"),
    "nuclear": N_("Nuclear"),
    "hydro": N_("Hydro"),
    "wind": N_("Wind"),
    "solar": N_("Solar"),
    "other": N_("Bioenergy & other"),
}
# Energy sources (not countries): dark-to-light for fossil, blues/greens/yellow for low-carbon.
SOURCE_COLORS: dict[str, str] = {
    "Coal": "#3b3b3b",
    "Gas": "#8c6d4f",
    "Oil": "#b8a48f",
    "Nuclear": "#CC79A7",
    "Hydro": "#0072B2",
    "Wind": "#56B4E9",
    "Solar": "#F0E442",
    "Bioenergy & other": "#009E73",
}
FOSSIL = ("coal", "gas", "oil")
MIX_COUNTRIES = ["China", "United States", "World"]
#: The sources of the ``electricity_generation`` table, with display labels.
GENERATION_LABELS: dict[str, str] = {**{k: v for k, v in MIX_SOURCES.items() if k != "other"},
                                     "bioenergy": N_("Bioenergy"), "other_renewables": N_("Other renewables")}
#: The shares of :func:`fossil_coal_shares`, with display labels.
SHARE_LABELS: dict[str, str] = {"coal": N_("Coal"), "fossil": N_("Fossil"), "low_carbon": N_("Low-carbon")}

# Figures printed in the white paper for 2019 (fn 22-24); None where it gives none.
PAPER_2019: dict[str, dict[str, float | None]] = {
    "World": {"fossil": 63.3, "coal": None},
    "United States": {"fossil": 62.0, "coal": None},
    "China": {"fossil": 66.9, "coal": 62.2},
}
MEASURES = {"share": N_("Share of generation (%)"), "twh": N_("Generation (TWh)")}


def _source_scale() -> alt.Scale:
    """Each energy source's colour, the sources named in the current language."""
    return alt.Scale(domain=[_(source) for source in SOURCE_COLORS], range=list(SOURCE_COLORS.values()))


def fossil_coal_shares(share: pd.DataFrame, countries: list[str], year: int) -> pd.DataFrame:
    """Coal, fossil and low-carbon shares (%) of electricity in ``year``, one row per country."""
    rows = share[(share["year"] == year) & share["country"].isin(countries)].set_index("country")
    missing = [c for c in countries if c not in rows.index]
    if missing:
        raise ValueError(f"no {year} electricity data for {missing}")
    return rows.loc[countries, ["coal", "fossil", "low_carbon"]].astype(float)


def shares_from_generation(generation: pd.DataFrame, countries: list[str], year: int) -> pd.DataFrame:
    """Coal and fossil shares (%) recomputed from TWh: source / sum of all sources x 100."""
    rows = generation[(generation["year"] == year) & generation["country"].isin(countries)].set_index("country")
    missing = [c for c in countries if c not in rows.index]
    if missing:
        raise ValueError(f"no {year} generation data for {missing}")
    rows = rows.loc[countries]
    total = rows["total"].astype(float)
    if (total <= 0).any():
        raise ValueError("total generation must be positive")
    return pd.DataFrame(
        {
            "coal": 100 * rows["coal"].astype(float) / total,
            "fossil": 100 * rows[list(FOSSIL)].astype(float).sum(axis=1) / total,
        }
    )


def compare_with_paper(share: pd.DataFrame, year: int = 2019) -> pd.DataFrame:
    """The paper's 2019 fossil and coal shares beside ours, with the difference (ours - paper)."""
    ours = fossil_coal_shares(share, list(PAPER_2019), year)
    rows = []
    for country, figures in PAPER_2019.items():
        for measure, paper in figures.items():
            if paper is None:
                continue
            value = float(ours.loc[country, measure])
            rows.append({"country": country, "measure": measure, "paper": paper,
                         "ours": value, "difference": value - paper})
    return pd.DataFrame(rows)


def paper_table(share: pd.DataFrame, year: int = 2019) -> Table:
    """:func:`compare_with_paper` as a table (% of electricity, one decimal)."""
    shown = compare_with_paper(share, year).round(1).rename(columns={
        "country": N_("Country"), "measure": N_("Share"), "paper": N_("Paper"), "ours": N_("Ours"), "difference": N_("Difference")})
    shown[N_("Share")] = shown[N_("Share")].map(lambda measure: mid_sentence(SHARE_LABELS[measure]))
    return Table(shown, _("Fossil and coal shares of electricity in {year}: the paper and our data", year=year),
                 units={N_("Paper"): "%", N_("Ours"): "%", N_("Difference"): N_("points")}, decimals=1,
                 names=[N_("Country")])


def mix_long(share: pd.DataFrame, generation: pd.DataFrame, countries: list[str] | None = None) -> pd.DataFrame:
    """Long table (country, measure, year, source, value, rank) for the stacked mix chart.

    Bioenergy and other renewables are merged into one band. ``measure`` is
    ``share`` (%, from ``share``) or ``twh`` (from ``generation``).
    """
    countries = countries or MIX_COUNTRIES
    frames = []
    for measure, table in (("share", share), ("twh", generation)):
        wide = table[table["country"].isin(countries)].copy()
        wide["other"] = wide[["bioenergy", "other_renewables"]].astype(float).fillna(0).sum(axis=1)
        long = wide.melt(id_vars=["country", "year"], value_vars=list(MIX_SOURCES),
                         var_name="key", value_name="value")
        long["measure"] = measure
        frames.append(long)
    out = pd.concat(frames, ignore_index=True)
    out["value"] = out["value"].astype(float).fillna(0).round(2)
    out["rank"] = out["key"].map({k: i for i, k in enumerate(MIX_SOURCES)})
    out["source"] = out["key"].map(MIX_SOURCES)
    out["year"] = out["year"].astype(int)
    return out[["country", "measure", "year", "source", "rank", "value"]].sort_values(
        ["country", "measure", "year", "rank"]).reset_index(drop=True)


def end_labels(long: pd.DataFrame, min_fraction: float = 0.04) -> pd.DataFrame:
    """Label positions at the last year of each (country, measure): the middle of each band.

    Bands smaller than ``min_fraction`` of the stack are left unlabelled.
    """
    last = long.groupby(["country", "measure"])["year"].transform("max")
    end = long[long["year"] == last].sort_values(["country", "measure", "rank"]).copy()
    grouped = end.groupby(["country", "measure"])["value"]
    end["top"] = grouped.cumsum()
    end["mid"] = end["top"] - end["value"] / 2
    end["total"] = grouped.transform("sum")
    return end[end["value"] >= min_fraction * end["total"]].reset_index(drop=True)


def mix_chart(share: pd.DataFrame, generation: pd.DataFrame, source: str,
              countries: list[str] | None = None) -> alt.LayerChart:
    """Static stacked-area chart of the electricity mix with a country menu and a %/TWh menu."""
    countries = countries or MIX_COUNTRIES
    long = mix_long(share, generation, countries)
    if language() != DEFAULT_LANGUAGE:
        long = translated(long, "country").assign(source=long["source"].map(_))
    shown = [translate_name(c) for c in countries]
    country = alt.param(name="mix_country", value=shown[0],
                        bind=alt.binding_select(options=shown, name=_("Country: ")))
    measure = alt.param(name="mix_measure", value="share",
                        bind=alt.binding_select(options=list(MEASURES), labels=[_(m) for m in MEASURES.values()],
                                                name=_("Show: ")))
    chosen = "datum.country == mix_country && datum.measure == mix_measure"
    colour = alt.Color("source:N", title=_("Source"), sort=[_(s) for s in MIX_SOURCES.values()],
                       scale=_source_scale(), legend=alt.Legend(columns=4))
    areas = alt.Chart(long).transform_filter(chosen).mark_area(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d"), scale=alt.Scale(nice=False)),
        y=alt.Y("value:Q", title=None, stack="zero", scale=alt.Scale(nice=False)),
        color=colour,
        order=alt.Order("rank:Q", sort="ascending"),
        tooltip=[alt.Tooltip("country:N", title=_("Country")), alt.Tooltip("year:Q", format="d", title=_("Year")),
                 alt.Tooltip("source:N", title=_("Source")), alt.Tooltip("value:Q", format=",.1f", title=_("Value"))],
    )
    labels = alt.Chart(end_labels(long)).transform_filter(chosen).mark_text(
        align="left", dx=4, fontSize=11, fontWeight="bold").encode(
        x="year:Q", y="mid:Q", text="source:N")
    chart = alt.layer(areas, labels).add_params(country, measure).properties(width=400)
    names = "{" + ", ".join(f"'{k}': '{_(v)}'" for k, v in MEASURES.items()) + "}"
    description = _(
        "Stacked area chart of electricity generation by source from 1985, for "
        "{countries}. Menus choose the country and whether bands show percentages of "
        "generation (2025 data release, to 2024) or terawatt-hours (2024 data release, to 2023). "
        "Bands from bottom to top: {bands}; each large band is labelled at its right end.",
        countries=listing(countries), bands=joined(_(s) for s in MIX_SOURCES.values()),
    )
    title = vega_text("Electricity by source, {country}: {measure}", country=Expr("mix_country"),
                      measure=Expr(f"{names}[mix_measure]"))
    return chart.properties(
        title=alt.Title(alt.expr(title),
                        subtitle=source_lines(source)),
        description=description,
    )


def share_lines_data(share: pd.DataFrame, countries: list[str] | None = None) -> pd.DataFrame:
    """Wide table (country, year, coal, fossil) for the coal/fossil share chart."""
    countries = countries or MIX_COUNTRIES
    rows = share[share["country"].isin(countries)][["country", "year", "coal", "fossil"]]
    return rows.astype({"year": int, "coal": float, "fossil": float}).round(2).reset_index(drop=True)


def paper_points(year: int = 2019) -> pd.DataFrame:
    """The paper's 2019 figures as points (country, year, metric, value)."""
    rows = [{"country": c, "year": year, "metric": m, "value": v}
            for c, figures in PAPER_2019.items() for m, v in figures.items() if v is not None]
    return pd.DataFrame(rows)


def share_lines_chart(share: pd.DataFrame, source: str, countries: list[str] | None = None) -> alt.LayerChart:
    """Coal or fossil share of electricity per country (menu), with the paper's 2019 figures as crosses."""
    countries = countries or MIX_COUNTRIES
    metric = alt.param(name="share_metric", value="coal",
                       bind=alt.binding_select(options=["coal", "fossil"],
                                               labels=[_("Coal"), _("All fossil fuels (coal + gas + oil)")],
                                               name=_("Share from: ")))
    base = alt.Chart(translated(share_lines_data(share, countries), "country")).transform_calculate(
        value="datum[share_metric]")
    lines = country_lines(base, countries, _("Share of electricity generation (%)"))
    paper = alt.Chart(translated(paper_points(), "country")).transform_filter("datum.metric == share_metric").mark_point(
        shape="diamond", size=110, filled=False, strokeWidth=2, color="#000").encode(
        x="year:Q", y="value:Q",
        tooltip=[alt.Tooltip("country:N", title=_("Paper's figure for")), alt.Tooltip("value:Q", title="%")])
    note = alt.Chart(pd.DataFrame({"text": [_("◇ = white paper's figure for 2019")]})).mark_text(
        align="left", baseline="top", fontSize=11).encode(x=alt.value(6), y=alt.value(4), text="text:N")
    chart = alt.layer(lines, paper, note).add_params(metric).properties(width=420)
    description = _(
        "Line chart of the share of electricity generated from coal, or from all fossil fuels, for "
        "{countries}, 1985 to 2024. A menu switches between coal and all fossil fuels. "
        "Each country has its own colour, dash pattern and end label. Open black diamonds mark the "
        "figures the white paper gives for 2019.",
        countries=listing(countries),
    )
    title = (f"(share_metric == 'coal' ? {vega_text('Coal share of electricity, 1985–2024')} : "
             f"{vega_text('Fossil-fuel share of electricity, 1985–2024')})")
    if language() == DEFAULT_LANGUAGE:  # the English title as first written: one expression, shorter
        title = "(share_metric == 'coal' ? 'Coal' : 'Fossil-fuel') + ' share of electricity, 1985–2024'"
    return chart.properties(
        title=alt.Title(alt.expr(title), subtitle=source_lines(source)),
        description=description,
    )


def generation_table(generation: pd.DataFrame, column: str, countries: list[str], years: list[int]) -> pd.DataFrame:
    """TWh of one source (or ``total``) as a country x year table, for quoting in the text."""
    if column not in generation.columns:
        raise ValueError(f"no column {column!r} in the generation table")
    rows = generation[generation["country"].isin(countries) & generation["year"].isin(years)]
    table = rows.pivot(index="country", columns="year", values=column).astype(float)
    missing = [c for c in countries if c not in table.index]
    if missing:
        raise ValueError(f"no generation data for {missing}")
    return table.loc[countries, [y for y in years if y in table.columns]]


def shares_table(share: pd.DataFrame, countries: list[str], year: int) -> Table:
    """:func:`fossil_coal_shares` as a table (% of electricity, one decimal)."""
    shown = fossil_coal_shares(share, countries, year).round(1).rename_axis(N_("Country")).reset_index()
    shown = shown.rename(columns=SHARE_LABELS)
    return Table(shown, _("Shares of electricity, {year}", year=year), units={label: "%" for label in SHARE_LABELS.values()},
                 decimals=1, names=[N_("Country")])


def generation_year_table(generation: pd.DataFrame, column: str, countries: list[str], years: list[int]) -> Table:
    """:func:`generation_table` as a table (whole TWh), one column per year."""
    wide = generation_table(generation, column, countries, years).round(0)
    shown = wide.rename_axis(index=N_("Country"), columns=None).reset_index()
    shown.columns = [str(c) for c in shown.columns]
    caption = N_("Electricity generated, all sources") if column == "total" else _("Electricity from {column}", column=mid_sentence(GENERATION_LABELS[column]))
    return Table(shown, caption, units={str(y): N_("TWh") for y in wide.columns}, decimals=0, names=[N_("Country")])


# --- Lab: replace coal power ---------------------------------------------------------------------
# Life-cycle emission factors, gCO2eq/kWh: IPCC AR5 WGIII Annex III, Table A.III.2, medians
# (coal, gas combined cycle, utility-scale solar PV, onshore wind).
LIFECYCLE_G_PER_KWH: dict[str, float] = {"coal": 820.0, "gas": 490.0, "solar": 48.0, "wind": 11.0}
SWAP_COUNTRIES = ["China", "United States", "World", "EU-27", "India"]
SWAP_SOURCES = ("wind", "solar", "gas")
SWAP_BANDS: dict[str, str] = {"coal": N_("Coal"), "gas": N_("Gas"), "oil": N_("Oil"), "nuclear": N_("Nuclear"),
                              "hydro": N_("Hydro"), "wind": N_("Wind"), "solar": N_("Solar"),
                              "other": N_("Bioenergy & other")}
BEFORE, AFTER = N_("Before"), N_("After")


def _replacement_name(key: str) -> str:
    """A replacement source as a sentence names it: ``"wind"``; ``"风电"``."""
    return mid_sentence(SWAP_BANDS[key])


def _swap_params():
    from .labs import Choice, Parameter

    return {
        "country": Choice("country", N_("Country"), tuple(SWAP_COUNTRIES), "China"),
        "year": Parameter("year", N_("Year"), "", 2000, 2022, 2022, 1,
                          "OWID electricity data, 2024 release (EU-27 ends in 2022)", integer=True),
        "coal_pct": Parameter("coal_pct", N_("Coal replaced"), N_("% of coal power"), 0, 100, 20, 5),
        "replacement": Choice("replacement", N_("Replace with"), SWAP_SOURCES, "wind",
                              (N_("Wind"), N_("Solar"), N_("Gas"))),
    }


SWAP_PARAMS = _swap_params()


_SWAP_CACHE: dict[int, tuple[pd.DataFrame, pd.DataFrame]] = {}


def swap_table(generation: pd.DataFrame) -> pd.DataFrame:
    """Small wide table (country, year, the eight mix bands, total; TWh) for the lab's countries, 2000–2022.

    Cached per generation table object, so live updates do not redo the filtering.
    """
    cached = _SWAP_CACHE.get(id(generation))
    if cached is not None and cached[0] is generation:
        return cached[1]
    table = _swap_table(generation)
    _SWAP_CACHE.clear()
    _SWAP_CACHE[id(generation)] = (generation, table)
    return table


def _swap_table(generation: pd.DataFrame) -> pd.DataFrame:
    rows = generation[generation["country"].isin(SWAP_COUNTRIES)
                      & generation["year"].between(SWAP_PARAMS["year"].min, SWAP_PARAMS["year"].max)].copy()
    rows["other"] = rows[["bioenergy", "other_renewables"]].astype(float).fillna(0).sum(axis=1)
    out = rows[["country", "year", *SWAP_BANDS]].copy()
    out[list(SWAP_BANDS)] = out[list(SWAP_BANDS)].astype(float).fillna(0).round(2)
    out["total"] = out[list(SWAP_BANDS)].sum(axis=1).round(2)
    return out.astype({"year": int}).reset_index(drop=True)


def _swap_row(generation: pd.DataFrame, country: str, year: int) -> dict[str, float]:
    """One (country, year) row of :func:`swap_table` as a dict; ``ValueError`` if missing."""
    table = swap_table(generation)
    hit = table[(table["country"] == country) & (table["year"] == year)]
    if hit.empty:
        raise ValueError(f"no generation data for {country} in {year}")
    return hit.iloc[0].to_dict()


def coal_swap(generation: pd.DataFrame, country: str = "China", year: int = 2022, coal_pct: float = 20,
              replacement: str = "wind") -> dict:
    """Replace ``coal_pct`` % of a country's coal power in ``year`` with ``replacement``.

    Total generation is unchanged. Returns the TWh replaced, the CO2 saved
    (Mt CO2eq, life-cycle factors of :data:`LIFECYCLE_G_PER_KWH`: 1 TWh at
    1 g/kWh = 0.001 Mt) and the coal, replacement and fossil shares (%) before and after.
    """
    country = SWAP_PARAMS["country"].check(country)
    year = int(SWAP_PARAMS["year"].check(year))
    coal_pct = SWAP_PARAMS["coal_pct"].check(coal_pct)
    replacement = SWAP_PARAMS["replacement"].check(replacement)
    row = _swap_row(generation, country, year)
    total = float(row["total"])
    replaced = float(row["coal"]) * coal_pct / 100
    factor_gap = LIFECYCLE_G_PER_KWH["coal"] - LIFECYCLE_G_PER_KWH[replacement]
    fossil = float(row["coal"] + row["gas"] + row["oil"])
    fossil_after = fossil - replaced + (replaced if replacement == "gas" else 0.0)
    return {
        "country": country, "year": year, "replacement": replacement,
        "coal_twh": float(row["coal"]), "total_twh": total, "replaced_twh": replaced,
        "co2_saved_mt": replaced * factor_gap / 1000,
        "coal_share_before": 100 * float(row["coal"]) / total,
        "coal_share_after": 100 * (float(row["coal"]) - replaced) / total,
        "replacement_share_before": 100 * float(row[replacement]) / total,
        "replacement_share_after": 100 * (float(row[replacement]) + replaced) / total,
        "fossil_share_before": 100 * fossil / total,
        "fossil_share_after": 100 * fossil_after / total,
    }


def _swap_rows(generation: pd.DataFrame, result: dict) -> list[dict]:
    row = _swap_row(generation, result["country"], result["year"])
    rows = []
    for scenario_name in (BEFORE, AFTER):
        for rank, (key, label) in enumerate(SWAP_BANDS.items()):
            twh = float(row[key])
            if scenario_name == AFTER:
                twh += (-result["replaced_twh"] if key == "coal" else 0.0) + (
                    result["replaced_twh"] if key == result["replacement"] else 0.0)
            share = 100 * twh / result["total_twh"]
            start = rows[-1]["mid"] + rows[-1]["share"] / 2 if rank else 0.0
            rows.append({"scenario": _(scenario_name), "source": _(label), "rank": rank, "twh": twh,
                         "share": share, "mid": start + share / 2})
    return rows


def swap_long(generation: pd.DataFrame, **scenario) -> pd.DataFrame:
    """Long table (scenario, source, rank, twh, share, mid) of the mix before and after :func:`coal_swap`.

    ``mid`` is the middle of the band in the stacked bar (%), where its label goes.
    """
    return pd.DataFrame(_swap_rows(generation, coal_swap(generation, **scenario)))


def swap_records(generation: pd.DataFrame, **scenario) -> list[dict]:
    """The rows of :func:`swap_long` as plain records, each with the headline text, for the live chart."""
    result = coal_swap(generation, **scenario)
    headline = _swap_headline(result)
    return [dict(r, headline=headline) for r in _swap_rows(generation, result)]


_HEADLINE = N_("{twh} TWh of coal power replaced by {replacement}: {saved} Mt CO₂eq saved a year")


def _swap_headline(result: dict) -> str:
    return _(_HEADLINE, twh=f"{result['replaced_twh']:,.0f}", replacement=_replacement_name(result["replacement"]),
             saved=f"{result['co2_saved_mt']:,.0f}")


def _swap_bars(data: alt.Chart, mid_given: bool = False) -> list[alt.Chart]:
    """Before/after stacked bars with the share printed inside bands of 6 % or more.

    With ``mid_given`` the records already carry each band's middle (``mid``), as the live chart's do.
    """
    colour = alt.Color("source:N", title=_("Source"), sort=[_(s) for s in SWAP_BANDS.values()],
                       scale=_source_scale(), legend=alt.Legend(columns=4))
    y = alt.Y("scenario:N", title=None, sort=[_(BEFORE), _(AFTER)])
    bars = data.mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("share:Q", title=_("Share of electricity generation (%)"), stack="zero",
                scale=alt.Scale(domain=[0, 100])),
        y=y, color=colour, order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("scenario:N", title=_("Scenario")), alt.Tooltip("source:N", title=_("Source")),
                 alt.Tooltip("twh:Q", title="TWh", format=",.0f"),
                 alt.Tooltip("share:Q", title=_("Share (%)"), format=".1f")],
    )
    stacked = data if mid_given else data.transform_stack(
        stack="share", groupby=["scenario"], sort=[alt.SortField("rank")], as_=["x0", "x1"]
    ).transform_calculate(mid="(datum.x0 + datum.x1) / 2")
    labels = stacked.transform_filter("datum.share >= 6").mark_text(
        fontSize=11, fontWeight="bold", color="white").encode(x="mid:Q", y=y, text=alt.Text("share:Q", format=".0f"))
    return [bars, labels]


def swap_chart(generation: pd.DataFrame, source: str) -> alt.LayerChart:
    """Static what-if chart: menus and sliders choose country, year, % of coal replaced and the replacement.

    The browser recomputes :func:`coal_swap` with calculate transforms on a
    small inline table (five countries, 2000–2022).
    """
    p = SWAP_PARAMS
    params = [p[name].param("swap_") for name in p]
    factors = "{" + ", ".join(f"'{k}': {v:g}" for k, v in LIFECYCLE_G_PER_KWH.items()) + "}"
    bands = list(SWAP_BANDS)
    after = {f"after_{k}": f"datum.{k} - (datum.replaced * ({int(k == 'coal')})) + "
             f"datum.replaced * (swap_replacement == '{k}')" for k in bands}
    base = (
        alt.Chart(swap_table(generation))
        .transform_filter("datum.country == swap_country && datum.year == swap_year")
        .transform_calculate(replaced="datum.coal * swap_coal_pct / 100")
        .transform_calculate(co2_saved=f"datum.replaced * ({factors}['coal'] - {factors}[swap_replacement]) / 1000")
        .transform_calculate(**after)
    )
    labels_js = "{" + ", ".join(f"'{k}': '{_(v)}'" for k, v in SWAP_BANDS.items()) + "}"
    ranks_js = "{" + ", ".join(f"'{k}': {i}" for i, k in enumerate(bands)) + "}"
    long = base.transform_fold([*bands, *after], as_=["key", "twh"]).transform_calculate(
        scenario=f"if(substring(datum.key, 0, 6) == 'after_', '{_(AFTER)}', '{_(BEFORE)}')",
        band="replace(datum.key, 'after_', '')",
    ).transform_calculate(
        source=f"{labels_js}[datum.band]", rank=f"{ranks_js}[datum.band]",
        share="100 * datum.twh / datum.total",
    )
    chart = _swap_bars(long)
    replacement = vega_lookup("swap_replacement", {k: _replacement_name(k) for k in SWAP_SOURCES})
    heading = base.transform_calculate(
        text=vega_text(_HEADLINE, twh=Expr("format(datum.replaced, ',.0f')"), replacement=Expr(replacement),
                       saved=Expr("format(datum.co2_saved, ',.0f')"))
    )
    heading = headline(heading, punctuation(": "), rise_px=6).encode(text="text:N")
    chart = alt.layer(*chart, heading).properties(width=440, height=alt.Step(40)).add_params(*params)
    description = _(
        "Two stacked horizontal bars, Before and After, showing the electricity mix of the chosen country "
        "and year as percentages of generation, from coal on the left to bioenergy on the right. Menus and "
        "sliders choose the country (China, United States, World, EU-27, India), the year (2000 to 2022), the "
        "share of coal power replaced and the replacement (wind, solar or gas); a line of text above the "
        "bars gives the terawatt-hours replaced and the CO2 saved per year at IPCC life-cycle medians."
    )
    title = vega_text(_WHAT_IF, country=Expr(vega_name("swap_country", SWAP_COUNTRIES)), pct=Expr("swap_coal_pct"),
                      year=Expr("swap_year"))
    return chart.properties(
        title=alt.Title(alt.expr(title),
                        subtitle=source_lines(source)),
        description=description,
    )


_WHAT_IF = N_("What if {country} had replaced {pct} % of its coal power in {year}?")
_SWAP_TEMPLATE: dict[str, alt.LayerChart] = {}


def _swap_template() -> alt.LayerChart:
    """Data-free live chart (built once per language): bars, band labels and the headline from one record set."""
    if language() not in _SWAP_TEMPLATE:
        heading = headline(alt.Chart().transform_filter(f"datum.rank == 0 && datum.scenario == '{_(BEFORE)}'"),
                           punctuation(": "), rise_px=6).encode(text="headline:N")
        _SWAP_TEMPLATE[language()] = alt.layer(*_swap_bars(alt.Chart(), mid_given=True), heading).properties(
            width=440, height=alt.Step(40))
    return _SWAP_TEMPLATE[language()]


def swap_live_chart(generation: pd.DataFrame, source: str, **scenario) -> alt.LayerChart:
    """Live-mode version of :func:`swap_chart` for one scenario, drawn from :func:`swap_long`."""
    from .labs import refill

    result = coal_swap(generation, **scenario)
    records = [dict(r, headline=_swap_headline(result)) for r in _swap_rows(generation, result)]
    pct = SWAP_PARAMS["coal_pct"].check(scenario.get("coal_pct", SWAP_PARAMS["coal_pct"].default))
    description = _("Two stacked bars of the electricity mix of {country} in {year}, before and "
                    "after replacing {pct} % of coal power with {replacement}. {headline}.",
                    country=translate_name(result["country"]), year=result["year"], pct=f"{pct:g}",
                    replacement=_replacement_name(result["replacement"]), headline=_swap_headline(result))
    title = alt.Title(_(_WHAT_IF, country=translate_name(result["country"]), pct=f"{pct:g}", year=result["year"]),
                      subtitle=source_lines(source))
    return refill(_swap_template(), records, title, description)


def swap_widget(generation: pd.DataFrame | None = None, source: str | None = None):
    """Live what-if (Jupyter only): the same controls as :func:`swap_chart`, rerunning :func:`coal_swap`."""
    from .data import load_table, table_meta
    from .labs import controls
    from .widgets import LiveChart

    generation = load_table("electricity_generation") if generation is None else generation
    source = source or table_meta("electricity_generation").citation

    def build(**values):
        return swap_live_chart(generation, source, **values)

    return LiveChart(controls(SWAP_PARAMS), build)
