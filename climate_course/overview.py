"""The front page's chart and figures: China and the United States in the world's fossil CO₂."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from .charts import source_lines
from .i18n import N_, Expr, _, translate_name, vega_text
from .theme import country_color

PAIR = ["China", "United States"]
REST = "Rest of the world"
MEASURES = {"annual": N_("Annual emissions (Gt CO₂ per year)"), "cumulative": N_("Emitted since 1750 (Gt CO₂)")}


def world_parts(table: pd.DataFrame, first_year: int = 1950) -> pd.DataFrame:
    """Long table (year, part, annual, cumulative) in Gt CO₂: China, the United States and the rest
    of the world (the World row minus the two; it includes international aviation and shipping)."""
    wide = {
        measure: table[table["country"].isin([*PAIR, "World"])].pivot(index="year", columns="country", values=column)
        for measure, column in (("annual", "co2"), ("cumulative", "cumulative_co2"))
    }
    parts = []
    for measure, frame in wide.items():
        frame = frame.dropna().loc[first_year:] / 1000
        frame[REST] = frame["World"] - frame[PAIR].sum(axis=1)
        parts.append(frame[[*PAIR, REST]].stack().rename(measure))
    long = pd.concat(parts, axis=1).reset_index()
    return long.rename(columns={"country": "part"}).astype({"year": int})


def headline_figures(parts: pd.DataFrame) -> dict:
    """The numbers the front page states: the last year, each of the two countries' share of that
    year's emissions and of the emissions since 1750 (%), and the two together."""
    last = int(parts["year"].max())
    rows = parts[parts["year"] == last].set_index("part")
    figures = {"year": last, "world_annual": float(rows["annual"].sum())}
    for measure in MEASURES:
        shares = 100 * rows[measure] / rows[measure].sum()
        figures[measure] = {country: float(shares[country]) for country in PAIR}
        figures[measure]["together"] = float(shares[PAIR].sum())
    return figures


def format_headline(figures: dict) -> str:
    """The front page's summary of :func:`headline_figures` in one paragraph (also the chart's
    text alternative)."""
    annual, since = figures["annual"], figures["cumulative"]
    return _(
        "In {year} the world emitted {world:.1f} billion tonnes of CO₂ from fossil fuels and industry. "
        "China emitted {china:.0f} % of it and the United States {us:.0f} %: together {both:.0f} %. "
        "Of all the CO₂ emitted since 1750, the United States emitted {us_since:.0f} % and China {china_since:.0f} %.",
        year=figures["year"], world=figures["world_annual"], china=annual["China"], us=annual["United States"],
        both=annual["together"], us_since=since["United States"], china_since=since["China"],
    )


def world_parts_chart(parts: pd.DataFrame, source: str) -> alt.Chart:
    """Stacked areas of the world's CO₂ by part, with a choice between annual and cumulative emissions."""
    measure = alt.param(
        name="measure", value="annual",
        bind=alt.binding_radio(options=list(MEASURES), labels=[_(label) for label in MEASURES.values()], name=_("Show: ")),
    )
    order = {translate_name(part): i for i, part in enumerate([*PAIR, REST])}
    first, last = int(parts["year"].min()), int(parts["year"].max())
    shown = parts.round({"annual": 3, "cumulative": 2}).assign(part=parts["part"].map(translate_name))
    chart = (
        alt.Chart(shown)
        .transform_calculate(value="datum[measure]", order=f"{json.dumps(order, ensure_ascii=False)}[datum.part]")
        .mark_area()
        .encode(
            x=alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=alt.Scale(nice=False)),
            y=alt.Y("value:Q", title=_("Gt CO₂"), stack="zero"),
            color=alt.Color("part:N", title=None, sort=list(order),
                            scale=alt.Scale(domain=list(order), range=[country_color(c) for c in PAIR] + ["#B8B8B8"]),
                            legend=alt.Legend(orient="top")),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("part:N", title=_("Who")), alt.Tooltip("year:Q", title=_("Year"), format="d"),
                     alt.Tooltip("value:Q", title=_("Gt CO₂"), format=",.1f")],
        )
        .add_params(measure)
    )
    titles = json.dumps({k: _(v) for k, v in MEASURES.items()}, ensure_ascii=False)
    description = _(
        "Stacked area chart of the world's fossil CO₂, {first} to {last}, in three parts: China, the United States "
        "and the rest of the world. A choice above the chart switches between annual emissions and emissions "
        "since 1750. {figures}", first=first, last=last, figures=format_headline(headline_figures(parts)),
    )
    title = vega_text("{measure}, {first}–{last}", measure=Expr(f"{titles}[measure]"), first=first, last=last)
    return chart.properties(
        title=alt.Title(alt.expr(title), subtitle=source_lines(source)),
        description=description,
    )
