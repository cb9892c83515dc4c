"""US emissions, coal and renewable power by presidential term (chapter 2).

A term's change runs from the last full calendar year before the inauguration
(20 January) to the last full year in office: Obama is 2008 -> 2016, Trump
2016 -> 2020. Terms start with Bush (base year 2000). When a table ends before a term does, the change stops at the
table's last year and the row is flagged ``partial``.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from . import validate
from .charts import finish, source_lines
from .i18n import N_, Expr, _, joined, vega_text
from .pathways import average_annual_rate
from .tables import Table

COUNTRY = "United States"
RENEWABLES = ["hydro", "wind", "solar", "bioenergy", "other_renewables"]


@dataclass(frozen=True)
class Term:
    """A window of years to compare: ``start`` (base year) and ``end`` (last year)."""

    label: str
    start: int
    end: int


TERMS = [
    Term(N_("Bush (2001–2008)"), 2000, 2008),
    Term(N_("Obama (2009–2016)"), 2008, 2016),
    Term(N_("Trump (2017–2020)"), 2016, 2020),
    Term(N_("Biden (2021–2024)"), 2020, 2024),
]
PAPER_TRUMP_WINDOW = Term("Trump, first three years (to 2019)", 2016, 2019)


@dataclass(frozen=True)
class Measure:
    """A US yearly series: its label, unit, the table it comes from and, for a chart's title, its topic."""

    key: str
    label: str
    unit: str
    table: str
    topic: str


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in [
        Measure("co2_fossil_cement", N_("CO₂ from fossil fuels and cement (GCB 2023)"), "Mt CO₂", "co2_by_source", N_("emissions")),
        Measure("co2_total", N_("Fossil CO₂, all sources (OWID 2025)"), "Mt CO₂", "co2_annual", N_("emissions")),
        Measure("coal_co2", N_("CO₂ from coal (tracks coal burned)"), "Mt CO₂", "co2_annual", N_("emissions")),
        Measure("coal_power", N_("Electricity from coal"), "TWh", "electricity_generation", N_("coal power")),
        Measure("renewable_power", N_("Renewable electricity incl. hydro"), "TWh", "electricity_generation", N_("renewables")),
        Measure("renewable_power_ex_hydro", N_("Renewable electricity excl. hydro"), "TWh", "electricity_generation",
                N_("renewables")),
    ]
}

# The paper's figures (white paper, quoting its footnote 5), as (measure, window, percent).
PAPER_FIGURES = [
    ("co2_fossil_cement", TERMS[1], -11.0),
    ("coal_co2", TERMS[1], -38.0),
    ("renewable_power", TERMS[1], 44.0),
    ("co2_fossil_cement", PAPER_TRUMP_WINDOW, -0.5),
    ("coal_co2", PAPER_TRUMP_WINDOW, -3.0),
    ("renewable_power", PAPER_TRUMP_WINDOW, 11.0),
]


def us_series(co2_annual: pd.DataFrame, co2_by_source: pd.DataFrame, electricity: pd.DataFrame,
              country: str = COUNTRY) -> pd.DataFrame:
    """One row per year, one column per :data:`MEASURES` key, for ``country`` (NaN where a table has no year)."""
    a = co2_annual[co2_annual["country"] == country].set_index("year")
    s = co2_by_source[co2_by_source["country"] == country].set_index("year")
    e = electricity[electricity["country"] == country].set_index("year")
    if a.empty or s.empty or e.empty:
        raise ValueError(f"{country!r} is missing from at least one table")
    series = {
        "co2_fossil_cement": s[["coal", "oil", "gas", "cement"]].sum(axis=1, min_count=4),
        "co2_total": a["co2"],
        "coal_co2": a["coal_co2"],
        "coal_power": e["coal"],
        "renewable_power": e[RENEWABLES].sum(axis=1, min_count=len(RENEWABLES)),
        "renewable_power_ex_hydro": e[RENEWABLES[1:]].sum(axis=1, min_count=len(RENEWABLES) - 1),
    }
    frame = pd.DataFrame(series).sort_index()
    frame.index.name = "year"
    return frame[list(MEASURES)].astype(float)


def percent_change(start: float, end: float) -> float:
    """Change from ``start`` to ``end`` in percent of ``start``."""
    start = validate.number("start", start, 0, 1e12, above=True)
    end = validate.number("end", end, -1e12, 1e12)
    return 100.0 * (end / start - 1.0)


def window_change(series: pd.Series, term: Term) -> dict:
    """Change of one series over ``term``; the end year is cut to the series' last year if needed."""
    valid = series.dropna()
    if term.start not in valid.index:
        raise ValueError(f"no value for {term.start} in {series.name!r}")
    end = min(term.end, int(valid.index.max()))
    if end <= term.start:
        raise ValueError(f"{series.name!r} ends in {end}, before {term.label} starts")
    return {
        "term": term.label, "start_year": term.start, "end_year": end, "partial": end < term.end,
        "start_value": float(valid.loc[term.start]), "end_value": float(valid.loc[end]),
        "pct_change": percent_change(float(valid.loc[term.start]), float(valid.loc[end])),
    }


def term_changes(series: pd.DataFrame, terms: list[Term] | None = None) -> pd.DataFrame:
    """Long table: one row per measure and term with start/end years and values and the % change."""
    terms = terms or TERMS
    rows = []
    for key in series.columns:
        for term in terms:
            rows.append({"measure": key, "label": MEASURES[key].label, **window_change(series[key], term)})
    return pd.DataFrame(rows)


def paper_comparison(series: pd.DataFrame) -> pd.DataFrame:
    """The paper's six percentages next to ours, recomputed over the same windows."""
    rows = []
    for key, term, paper in PAPER_FIGURES:
        ours = window_change(series[key], term)
        rows.append({"window": f"{term.start}→{ours['end_year']}", "measure": MEASURES[key].label,
                     "paper_pct": paper, "ours_pct": round(ours["pct_change"], 1)})
    return pd.DataFrame(rows)


# The paper's coal figures are changes in coal mined (EIA production), not in coal burned.
PAPER_COAL_FIGURES = [(TERMS[1], -38.0), (PAPER_TRUMP_WINDOW, -3.0)]


def coal_supply_changes(coal_supply: pd.DataFrame) -> pd.DataFrame:
    """Percent change of each EIA coal measure over each window of :data:`PAPER_COAL_FIGURES` it covers.

    ``coal_supply`` is the ``us_coal_supply`` table (year, measure, million_short_tons). The paper's
    figure sits beside production; consumption and exports show where the mined coal went.
    """
    wide = coal_supply.pivot(index="year", columns="measure", values="million_short_tons")
    rows = []
    for term, paper in PAPER_COAL_FIGURES:
        for measure in ["production", "consumption", "exports"]:
            if measure not in wide or wide[measure].reindex([term.start, term.end]).isna().any():
                continue
            rows.append({"window": f"{term.start}→{term.end}", "measure": measure,
                         "start_mst": float(wide.loc[term.start, measure]),
                         "end_mst": float(wide.loc[term.end, measure]),
                         "pct_change": round(percent_change(wide.loc[term.start, measure], wide.loc[term.end, measure]), 1),
                         "paper_pct": paper if measure == "production" else float("nan")})
    if not rows:
        raise ValueError("the coal table covers none of the paper's windows")
    return pd.DataFrame(rows)


def comparison_table(frame: pd.DataFrame) -> Table:
    """:func:`paper_comparison` as a table of signed, one-decimal percentages."""
    shown = frame.assign(measure=frame["measure"].map(_), paper_pct=frame["paper_pct"].map("{:+.1f}".format),
                         ours_pct=frame["ours_pct"].map("{:+.1f}".format))
    return Table(shown.rename(columns={"window": N_("Years"), "measure": N_("Measure"), "paper_pct": N_("Paper"), "ours_pct": N_("Ours")}),
                 N_("US changes over the paper's two windows: its figures and ours"), units={N_("Paper"): "%", N_("Ours"): "%"},
                 numeric=[N_("Paper"), N_("Ours")])


def term_chart(changes: pd.DataFrame, citation: str, start: str = "co2_fossil_cement") -> alt.LayerChart:
    """Static-mode bar chart of % change per term; a menu picks the measure.

    Bars are coloured by direction (fall or rise) and each carries its signed
    value as text, so colour is not the only cue. Partial terms get an asterisk.
    """
    if start not in MEASURES:
        raise ValueError(f"start must be one of {list(MEASURES)}, not {start!r}")
    data = changes.copy()
    rise, fall = _("rise"), _("fall")
    data["direction"] = data["pct_change"].map(lambda v: rise if v >= 0 else fall)
    data["label"], data["term"] = data["label"].map(_), data["term"].map(_)
    data["text"] = data.apply(lambda r: f"{r['pct_change']:+.1f} %" + ("*" if r["partial"] else ""), axis=1)
    data["window"] = data.apply(lambda r: f"{r['start_year']}→{r['end_year']}", axis=1)
    data["pct_change"] = data["pct_change"].round(2)
    data = data[["measure", "label", "term", "window", "pct_change", "direction", "text"]]
    measure = alt.param(name="measure", value=start, bind=alt.binding_select(
        options=list(MEASURES), labels=[_(m.label) for m in MEASURES.values()], name=_("Measure: ")))
    order = list(dict.fromkeys(data["term"]))
    base = alt.Chart(data).transform_filter("datum.measure == measure")
    x = alt.X("term:N", sort=order, title=None, axis=alt.Axis(labelAngle=0, labelLimit=90,
                                                    labelExpr="[split(datum.label, ' (')[0], replace(split(datum.label, ' (')[1], ')', '')]"))
    bars = base.mark_bar(width=40).encode(
        x=x,
        y=alt.Y("pct_change:Q", title=_("Change over the term (%)"), scale=alt.Scale(padding=24)),
        color=alt.Color("direction:N", scale=alt.Scale(domain=[fall, rise], range=["#0072B2", "#D55E00"]),
                        legend=alt.Legend(title=_("Direction"))),
        tooltip=[alt.Tooltip("label:N", title=_("Measure")), alt.Tooltip("term:N", title=_("Term")),
                 alt.Tooltip("window:N", title=_("Years compared")), alt.Tooltip("text:N", title=_("Change"))],
    )
    labels = alt.layer(
        base.transform_filter("datum.pct_change >= 0").mark_text(dy=-8, fontWeight="bold").encode(x=x, y="pct_change:Q", text="text:N"),
        base.transform_filter("datum.pct_change < 0").mark_text(dy=10, fontWeight="bold").encode(x=x, y="pct_change:Q", text="text:N"),
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#444").encode(y="y:Q")
    description = _(
        "Bar chart of the percentage change of a US measure over each presidential term ({terms}), from the last "
        "full year before the inauguration to the last full year in office. A menu picks the measure: CO2 from "
        "fossil fuels and cement, total fossil CO2, CO2 from coal, coal power, and renewable power with or without "
        "hydro. Falls are blue bars below zero, rises orange bars above; each bar is labelled with its value, and an "
        "asterisk marks a term cut short by the end of the data.",
        terms=joined(order),
    )
    labels_js = "{" + ", ".join(f"'{k}': '{_(m.label)}'" for k, m in MEASURES.items()) + "}"
    # The asterisk explained where it is seen, not only to a screen reader.
    note = _("* the data end before the term does") if changes["partial"].any() else ""
    title = alt.Title(alt.expr(vega_text("US by term: {measure}", measure=Expr(f"{labels_js}[measure]"))),
                      subtitle=source_lines(f"{citation} · {note}" if note else citation))
    return (alt.layer(zero, bars, labels).add_params(measure)
            .properties(width=480, height=300, title=title, description=description))


def us_lines_chart(series: pd.DataFrame, keys: list[str], citation: str, first_year: int = 1990) -> alt.LayerChart:
    """Indexed lines (first year = 100) of several US measures, with shaded terms and end labels."""
    unknown = [k for k in keys if k not in MEASURES]
    if unknown:
        raise ValueError(f"unknown measures {unknown}")
    rows = series.loc[series.index >= first_year, keys]
    index = 100 * rows / rows.iloc[0]
    long = index.reset_index().melt("year", var_name="measure", value_name="index").dropna()
    long["label"] = long["measure"].map(lambda k: _(MEASURES[k].label))
    labels = [_(MEASURES[k].label) for k in keys]
    dashes = [[1, 0], [8, 3], [2, 2], [8, 3, 2, 3], [12, 4], [4, 4, 1, 4]][: len(keys)]
    colours = ["#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"][: len(keys)]
    last = int(long["year"].max())
    shade = pd.DataFrame([{"term": _(t.label).split(" (")[0], "start": max(t.start + 0.5, first_year), "end": min(t.end + 0.5, last)}
                          for t in TERMS if t.end > first_year])
    bands = alt.Chart(shade[shade["start"] > first_year + 1]).mark_rule(color="#888", strokeDash=[3, 3]).encode(x="start:Q")
    band_text = alt.Chart(shade).mark_text(baseline="bottom", dy=-4, color="#444").encode(
        x=alt.X("mid:Q"), y=alt.value(300), text="term:N").transform_calculate(mid="(datum.start + datum.end) / 2")
    base = alt.Chart(long)
    lines = base.mark_line().encode(
        x=alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d"), scale=alt.Scale(nice=False, zero=False)),
        y=alt.Y("index:Q", title=_("Index, {year} = 100", year=first_year)),
        color=alt.Color("label:N", scale=alt.Scale(domain=labels, range=colours), legend=alt.Legend(title=None, columns=1, labelLimit=400)),
        strokeDash=alt.StrokeDash("label:N", scale=alt.Scale(domain=labels, range=dashes), legend=alt.Legend(title=None, columns=1, labelLimit=400)),
        tooltip=[alt.Tooltip("label:N", title=_("Measure")), alt.Tooltip("year:Q", format="d", title=_("Year")),
                 alt.Tooltip("index:Q", format=".0f", title=_("Index"))],
    )
    description = _(
        "Line chart of {count} US measures indexed to {year} = 100: {measures}. Dashed vertical rules mark "
        "the boundaries between presidential terms. Each line has its own colour and dash pattern and is named in the legend.",
        count=len(keys), year=first_year, measures=joined(labels),
    )
    return finish(alt.layer(bands, band_text, lines).properties(width=480, height=300),
                  _("US {topics} since {year}", topics=joined(dict.fromkeys(_(MEASURES[k].topic) for k in keys)), year=first_year),
                  description, citation)


def annualised(pct: float, years: int) -> float:
    """Constant yearly rate (%) that compounds to a total change of ``pct`` % over ``years`` years."""
    years = validate.number("years", years, 0, 10_000, above=True)
    pct = validate.number("pct", pct, -100, 1e12, above=True, unit="total change in %")
    return average_annual_rate(100.0, 100.0 + pct, years)


def peer_changes(co2_annual: pd.DataFrame, countries: list[str], term: Term) -> pd.DataFrame:
    """Change in total fossil CO2 over ``term`` for several countries: % over the window and % per year."""
    rows = []
    for country in countries:
        series = co2_annual[co2_annual["country"] == country].set_index("year")["co2"].rename(country)
        if series.empty:
            raise ValueError(f"{country!r} is not in the table")
        change = window_change(series, term)
        years = change["end_year"] - change["start_year"]
        rows.append({"country": country, "window": f"{change['start_year']}→{change['end_year']}",
                     "pct_change": change["pct_change"], "per_year": annualised(change["pct_change"], years)})
    return pd.DataFrame(rows)


def coal_table(changes: pd.DataFrame) -> Table:
    """:func:`coal_supply_changes` as a table (million short tons, % change, the paper's figure)."""
    shown = changes.rename(columns={"window": N_("Years"), "measure": N_("Measure"), "start_mst": N_("Start"), "end_mst": N_("End"),
                                    "pct_change": N_("Change"), "paper_pct": N_("Paper")})
    return Table(shown, N_("US coal: production, consumption and exports (EIA)"), decimals=1,
                 units={N_("Start"): N_("million short tons"), N_("End"): N_("million short tons"), N_("Change"): "%", N_("Paper"): "%"},
                 names=[N_("Measure")])


def peer_table(peers: pd.DataFrame) -> Table:
    """:func:`peer_changes` as a table: change over the window and per year (%)."""
    shown = peers.round(1).rename(columns={"country": N_("Country"), "window": N_("Years"), "pct_change": N_("Change"),
                                           "per_year": N_("Per year")})
    return Table(shown, N_("Change in fossil CO₂ over the same years"), units={N_("Change"): "%", N_("Per year"): "%"}, decimals=1,
                 names=[N_("Country")])
