"""Chart builders shared by every chapter.

Each builder returns an Altair chart with a title, a source line and a text
description (read by screen readers). Static-mode charts carry Altair
parameters bound to HTML inputs, so they stay interactive in the built book
with no kernel; live-mode charts are plain and are redrawn by ipywidgets
(see :mod:`climate_course.widgets`).
"""

from __future__ import annotations

import functools
import json
import math
import textwrap
from dataclasses import dataclass

import altair as alt
import pandas as pd

from .theme import COUNTRY_STYLE, country_scales


@dataclass(frozen=True)
class Metric:
    """A column of the ``co2_annual`` table that the explorer can show."""

    column: str
    label: str
    unit: str


EMISSION_METRICS: dict[str, Metric] = {
    m.column: m
    for m in [
        Metric("co2", "Annual CO₂ emissions", "Mt CO₂"),
        Metric("co2_per_capita", "CO₂ emissions per person", "t CO₂ per person"),
        Metric("cumulative_co2", "Cumulative CO₂ emissions since 1750", "Mt CO₂"),
        Metric("share_global_co2", "Share of world CO₂ emissions", "%"),
    ]
}
EXPLORER_COUNTRIES = ["China", "United States", "EU-27", "India", "World"]
EXPLORER_MAX_COUNTRIES = 12  # lines a reader can still tell apart
# Colours and dashes for picked countries with no book-wide style, in the order picked
# (Paul Tol's "muted" scheme, also safe for colour-blind readers).
PICKER_COLORS = ["#332288", "#882255", "#44AA99", "#999933", "#AA4499", "#117733", "#88CCEE", "#DDCC77", "#CC6677"]
PICKER_DASHES = [[6, 2], [2, 4], [10, 2, 2, 2], [4, 1], [1, 1]]
# What the country picker says ({name}, {count} and {max} are filled in by course-picker.js).
PICKER_TEXT = {
    "label": "Countries and regions (up to {max}):",
    "placeholder": "Type to add a country or region",
    "shown": "Shown on the chart",
    "remove": "Remove {name}",
    "reset": "Reset",
    "added": "{name} added; {count} shown.",
    "removed": "{name} removed; {count} shown.",
    "again": "{name} is already shown.",
    "unknown": "No single country or region matches {name}.",
    "back": "Back to {name}.",
}


def source_lines(source: str, width: int = 80) -> list[str]:
    """A source credit wrapped into subtitle lines that fit a chart's width."""
    return textwrap.wrap(source, width)


def finish(chart: alt.TopLevelMixin, title: str, description: str, source: str) -> alt.TopLevelMixin:
    """Give ``chart`` its title, a source line (as subtitle) and a screen-reader description."""
    return chart.properties(title=alt.Title(title, subtitle=source_lines(source)), description=description)


def check_metric(metric: str) -> Metric:
    """The :class:`Metric` named ``metric``; ``ValueError`` listing the choices otherwise."""
    if metric not in EMISSION_METRICS:
        raise ValueError(f"metric must be one of {list(EMISSION_METRICS)}, not {metric!r}")
    return EMISSION_METRICS[metric]


def explorer_data(
    table: pd.DataFrame, countries: list[str], metric: str, years: tuple[int, int]
) -> pd.DataFrame:
    """Long table (country, year, value) of one metric for the chosen countries and years."""
    check_metric(metric)
    first, last = years
    if first > last:
        raise ValueError(f"years must run forwards, got {first} to {last}")
    unknown = sorted(set(countries) - set(table["country"].unique()))
    if unknown:
        raise ValueError(f"countries not in the emissions table: {unknown}")
    chosen = table[table["country"].isin(countries) & table["year"].between(first, last)]
    out = chosen[["country", "year", metric]].rename(columns={metric: "value"}).dropna()
    return out.astype({"year": int, "value": float}).reset_index(drop=True)


def country_lines(
    base: alt.Chart, countries: list[str], y_title: str | None, scales: dict[str, alt.Scale] | None = None
) -> alt.LayerChart:
    """Lines with direct end labels; colour, dash and label all identify the country
    (``scales``: colour and dash scales, default each country's book-wide style)."""
    scales = scales or country_scales(countries)
    legend = alt.Legend(title="Country", symbolStrokeWidth=2.5)
    lines = base.mark_line().encode(
        x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d"), scale=alt.Scale(nice=False)),
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("country:N", scale=scales["color"], legend=legend),
        strokeDash=alt.StrokeDash("country:N", scale=scales["strokeDash"], legend=legend),
        tooltip=[
            alt.Tooltip("country:N", title="Country"),
            alt.Tooltip("year:Q", title="Year", format="d"),
            alt.Tooltip("value:Q", title="Value", format=",.2f"),
        ],
    )
    labels = (
        base.transform_joinaggregate(last_year="max(year)", groupby=["country"])
        .transform_filter("datum.year == datum.last_year")
        .mark_text(align="left", dx=5, fontSize=12, fontWeight="bold")
        .encode(
            x="year:Q",
            y="value:Q",
            text="country:N",
            color=alt.Color("country:N", scale=scales["color"], legend=None),
        )
    )
    return alt.layer(lines, labels)


@functools.lru_cache(maxsize=64)
def _line_layers(countries: tuple[str, ...], y_title: str | None) -> alt.LayerChart:
    return country_lines(alt.Chart(), list(countries), y_title)


def data_country_lines(data: pd.DataFrame, y_title: str | None) -> alt.LayerChart:
    """:func:`country_lines` of a long table (country, year, value), one line per country in order.

    The layers are built once per choice of countries and only the data are swapped in, so a
    live redraw does not build and check every encoding again.
    """
    chart = _line_layers(tuple(dict.fromkeys(data["country"])), y_title).copy(deep=False)
    chart.data = data
    return chart


def emissions_line_chart(data: pd.DataFrame, metric: str, source: str) -> alt.LayerChart:
    """Live-mode explorer chart: one line per country for data from :func:`explorer_data`."""
    info = check_metric(metric)
    countries = list(dict.fromkeys(data["country"]))
    chart = data_country_lines(data, info.unit)
    first, last = (int(data["year"].min()), int(data["year"].max())) if len(data) else (0, 0)
    description = (
        f"Line chart of {info.label.lower()} in {info.unit} for {', '.join(countries)}, "
        f"{first} to {last}. Each country has its own colour, dash pattern and end label."
    )
    return finish(chart, f"{info.label}, {first}–{last}", description, source)


def round_figures(value: float, digits: int = 4) -> float | int | None:
    """``value`` rounded to ``digits`` significant digits, never to less than a whole unit
    (12,289.4 stays 12,289); ``None`` for a missing value."""
    if pd.isna(value):
        return None
    if value == 0:
        return 0
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    rounded = round(float(value), decimals)
    return int(rounded) if decimals == 0 else rounded


def explorer_series(table: pd.DataFrame, first_year: int) -> list[dict]:
    """The explorer's data, one record per country: its first year, the CO₂ it emitted before
    that year (the cumulative metric's start), and its annual CO₂ and CO₂ per person from that
    year on as arrays (``None`` for a year missing from the table), rounded by :func:`round_figures`.

    The cumulative total and the share of the world are computed from these in the browser,
    so each number is sent once.
    """
    records = []
    for country, rows in table[table["year"] >= first_year].groupby("country", sort=True):
        rows = rows.set_index("year").sort_index()
        start, end = int(rows.index.min()), int(rows.index.max())
        series = rows.reindex(range(start, end + 1))
        records.append({
            "country": country,
            "first": start,
            "before": round_figures(rows["cumulative_co2"].iloc[0] - rows["co2"].iloc[0]),
            "co2": [round_figures(v) for v in series["co2"]],
            "co2_per_capita": [round_figures(v) for v in series["co2_per_capita"]],
        })
    return records


def _explorer_rows(records: list[dict]) -> alt.Chart:
    """A chart whose rows are (country, year, every explorer metric), unpacked in the browser
    from :func:`explorer_series`."""
    return (
        alt.Chart(alt.InlineData(values=records))
        .transform_flatten(["co2", "co2_per_capita"])
        .transform_window(index="row_number()", groupby=["country"])
        .transform_calculate(year="datum.first + datum.index - 1")
        .transform_window(running="sum(co2)", groupby=["country"], sort=[alt.SortField("year")])
        .transform_calculate(
            cumulative_co2="isValid(datum.co2) ? datum.before + datum.running : null",
            world_part="datum.country === 'World' ? datum.co2 : 0",
        )
        .transform_joinaggregate(world="sum(world_part)", groupby=["year"])
        .transform_calculate(share_global_co2="isValid(datum.co2) ? 100 * datum.co2 / datum.world : null")
    )


def picker_scales(countries: list[str], slots: int) -> dict[str, alt.Scale]:
    """Colour and dash scales over the countries a reader has picked (the ``countries`` parameter):
    each keeps its book-wide style; the others take the extra palette in the order picked."""
    colours = {c: s["color"] for c, s in COUNTRY_STYLE.items()}
    dashes = {c: s["dash"] for c, s in COUNTRY_STYLE.items()}

    def slot_values(book: dict, extra: list) -> list[alt.ExprRef]:
        return [alt.ExprRef(f"{json.dumps(book)}[countries[{i}]] || {json.dumps(extra[i % len(extra)])}")
                for i in range(slots)]

    return {
        "color": alt.Scale(domain=alt.ExprRef("countries"), range=slot_values(colours, PICKER_COLORS)),
        "strokeDash": alt.Scale(domain=alt.ExprRef("countries"), range=slot_values(dashes, PICKER_DASHES)),
    }


def emissions_explorer(
    table: pd.DataFrame,
    source: str,
    countries: list[str] | None = None,
    first_year: int = 1850,
    start_year: int = 1950,
) -> alt.LayerChart:
    """Static-mode emissions explorer: a metric menu, year sliders and a picker of every country
    and region in ``table`` (``countries`` are shown first, default :data:`EXPLORER_COUNTRIES`).

    Metric and years are Altair parameters bound to HTML inputs; the picked countries are the
    ``countries`` parameter, which the book's script sets from a searchable list (named in the
    spec's ``usermeta``). The chart redraws in the built book with no kernel.
    """
    countries = countries or EXPLORER_COUNTRIES
    last_year = int(table["year"].max())
    records = explorer_series(table, first_year)
    offered = [r["country"] for r in records]
    unknown = sorted(set(countries) - set(offered))
    if unknown:
        raise ValueError(f"countries not in the emissions table: {unknown}")

    metric = alt.param(
        name="metric",
        value="co2",
        bind=alt.binding_select(
            options=list(EMISSION_METRICS),
            labels=[f"{m.label} ({m.unit})" for m in EMISSION_METRICS.values()],
            name="Metric: ",
        ),
    )
    start = alt.param(
        name="start_year", value=start_year,
        bind=alt.binding_range(min=first_year, max=last_year, step=1, name="From year: "),
    )
    end = alt.param(
        name="end_year", value=last_year,
        bind=alt.binding_range(min=first_year, max=last_year, step=1, name="To year: "),
    )
    picked = alt.param(name="countries", value=list(countries))
    base = (
        _explorer_rows(records)
        .transform_filter("indexof(countries, datum.country) >= 0")
        .transform_calculate(value="datum[metric]")
        .transform_filter("datum.year >= start_year && datum.year <= end_year && isValid(datum.value)")
    )
    chart = country_lines(base, countries, None, picker_scales(countries, EXPLORER_MAX_COUNTRIES))
    chart = chart.add_params(metric, start, end, picked)
    labels = "{" + ", ".join(f"'{k}': '{m.label} ({m.unit})'" for k, m in EMISSION_METRICS.items()) + "}"
    description = (
        f"Interactive line chart of CO2 emissions from {first_year} to {last_year}, first showing "
        f"{', '.join(countries)}. Controls choose the metric (annual total, per person, cumulative since 1750, "
        f"or share of the world total), the first and last year, and up to {EXPLORER_MAX_COUNTRIES} of the "
        f"{len(offered)} countries and regions in the table."
    )
    return chart.properties(
        title=alt.Title(alt.expr(f"{labels}[metric] + ', ' + start_year + '–' + end_year"), subtitle=source_lines(source)),
        description=description,
        usermeta={"countryPicker": {"param": "countries", "options": offered, "initial": list(countries),
                                    "max": EXPLORER_MAX_COUNTRIES, "text": PICKER_TEXT}},
    )
