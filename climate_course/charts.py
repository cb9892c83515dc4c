"""Chart builders shared by every chapter.

Each builder returns an Altair chart with a title, a source line and a text
description (read by screen readers). Static-mode charts carry Altair
parameters bound to HTML inputs, so they stay interactive in the built book
with no kernel; live-mode charts are plain and are redrawn by ipywidgets
(see :mod:`climate_course.widgets`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import altair as alt
import pandas as pd

from .i18n import N_, Expr, _, language, listing, mid_sentence, translate_name, translated, vega_text, wrap
from .theme import PLOT_HEIGHT, country_scales


@dataclass(frozen=True)
class Metric:
    """A column of the ``co2_annual`` table that the explorer can show."""

    column: str
    label: str
    unit: str


EMISSION_METRICS: dict[str, Metric] = {
    m.column: m
    for m in [
        Metric("co2", N_("Annual CO₂ emissions"), N_("Mt CO₂")),
        Metric("co2_per_capita", N_("CO₂ emissions per person"), N_("t CO₂ per person")),
        Metric("cumulative_co2", N_("Cumulative CO₂ emissions since 1750"), N_("Mt CO₂")),
        Metric("share_global_co2", N_("Share of world CO₂ emissions"), "%"),
    ]
}
EXPLORER_COUNTRIES = ["China", "United States", "EU-27", "India", "World"]
LABEL_GAP_PX = 15  # end labels closer than this (12 px bold text) would overlap
END_LABELS = "end_labels"  # the layer's name: on a phone the book drops it and the legend names the lines


def source_lines(source: str, width: int = 80) -> list[str]:
    """A source credit wrapped into subtitle lines that fit a chart's width."""
    return wrap(source, width)


def metric_label(metric: Metric) -> str:
    """A metric's menu label in the current language: ``"Annual CO₂ emissions (Mt CO₂)"``."""
    return _("{label} ({unit})", label=_(metric.label), unit=_(metric.unit))


def finish(chart: alt.TopLevelMixin, title: str, description: str, source: str) -> alt.TopLevelMixin:
    """Give ``chart`` its title, a source line (as subtitle) and a screen-reader description."""
    return chart.properties(title=alt.Title(title, subtitle=source_lines(source)), description=description)


def _slug(text: str) -> str:
    return re.sub(r"\W+", "_", text).strip("_").lower()


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


def dodged_end_labels(base: alt.Chart, gap_px: float = LABEL_GAP_PX, height_px: float = PLOT_HEIGHT) -> alt.Chart:
    """Each country's last point with ``label_y``: its value, moved up just enough that no two end
    labels come closer than ``gap_px`` on a plot ``height_px`` high (the y scale starts at zero).

    Labels sorted by value, the i-th is placed at i·gap + max over j ≤ i of (value_j − j·gap):
    the lowest keeps its place and each next one sits at least one gap above the one below it.
    """
    return (
        base.transform_joinaggregate(last_year="max(year)", top="max(value)", bottom="min(value)",
                                     groupby=["country"])
        .transform_joinaggregate(top="max(top)", bottom="min(bottom)")
        .transform_filter("datum.year == datum.last_year")
        .transform_calculate(gap=f"(max(datum.top, 0) - min(datum.bottom, 0)) * {gap_px / height_px}")
        .transform_window(rank="row_number()", sort=[alt.SortField("value")])
        .transform_calculate(lifted="datum.value - datum.rank * datum.gap")
        .transform_window(highest="max(lifted)", sort=[alt.SortField("value")], frame=[None, 0])
        .transform_calculate(label_y="datum.highest + datum.rank * datum.gap")
    )


def country_lines(base: alt.Chart, countries: list[str], y_title: str | None) -> alt.LayerChart:
    """Lines with direct end labels; colour, dash and label all identify the country."""
    scales = country_scales(countries)
    legend = alt.Legend(title=_("Country"), symbolStrokeWidth=2.5)
    lines = base.mark_line().encode(
        x=alt.X("year:Q", title=_("Year"), axis=alt.Axis(format="d"), scale=alt.Scale(nice=False)),
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("country:N", scale=scales["color"], legend=legend),
        strokeDash=alt.StrokeDash("country:N", scale=scales["strokeDash"], legend=legend),
        tooltip=[
            alt.Tooltip("country:N", title=_("Country")),
            alt.Tooltip("year:Q", title=_("Year"), format="d"),
            alt.Tooltip("value:Q", title=_("Value"), format=",.2f"),
        ],
    )
    labels = (
        dodged_end_labels(base)
        .mark_text(align="left", dx=5, fontSize=12, fontWeight="bold")
        .encode(
            x="year:Q",
            y=alt.Y("label_y:Q", title=y_title),
            text="country:N",
            color=alt.Color("country:N", scale=scales["color"], legend=None),
        )
        .properties(name=END_LABELS)
    )
    return alt.layer(lines, labels)


@functools.lru_cache(maxsize=64)
def _line_layers(countries: tuple[str, ...], y_title: str | None, _language: str) -> alt.LayerChart:
    return country_lines(alt.Chart(), list(countries), y_title)


def data_country_lines(data: pd.DataFrame, y_title: str | None) -> alt.LayerChart:
    """:func:`country_lines` of a long table (country, year, value), one line per country in order.

    The layers are built once per choice of countries and only the data are swapped in, so a
    live redraw does not build and check every encoding again.
    """
    chart = _line_layers(tuple(dict.fromkeys(data["country"])), y_title, language()).copy(deep=False)
    chart.data = translated(data, "country")
    return chart


def emissions_line_chart(data: pd.DataFrame, metric: str, source: str) -> alt.LayerChart:
    """Live-mode explorer chart: one line per country for data from :func:`explorer_data`."""
    info = check_metric(metric)
    countries = list(dict.fromkeys(data["country"]))
    chart = data_country_lines(data, _(info.unit))
    first, last = (int(data["year"].min()), int(data["year"].max())) if len(data) else (0, 0)
    description = _(
        "Line chart of {metric} in {unit} for {countries}, {first} to {last}. "
        "Each country has its own colour, dash pattern and end label.",
        metric=mid_sentence(info.label), unit=_(info.unit), countries=listing(countries), first=first, last=last,
    )
    return finish(chart, _("{metric}, {first}–{last}", metric=_(info.label), first=first, last=last),
                  description, source)


def emissions_explorer(
    table: pd.DataFrame,
    source: str,
    countries: list[str] | None = None,
    first_year: int = 1850,
    start_year: int = 1950,
) -> alt.LayerChart:
    """Static-mode emissions explorer: a metric menu, year sliders and a checkbox per country.

    All controls are Altair parameters bound to HTML inputs, so the chart redraws
    in the built book with no kernel.
    """
    countries = countries or EXPLORER_COUNTRIES
    last_year = int(table["year"].max())
    columns = ["country", "year", *EMISSION_METRICS]
    wide = table[table["country"].isin(countries) & (table["year"] >= first_year)][columns]
    wide = translated(wide.round({"co2": 2, "co2_per_capita": 3, "cumulative_co2": 1, "share_global_co2": 3}),
                      "country")

    metric = alt.param(
        name="metric",
        value="co2",
        bind=alt.binding_select(
            options=list(EMISSION_METRICS),
            labels=[metric_label(m) for m in EMISSION_METRICS.values()],
            name=_("Metric: "),
        ),
    )
    start = alt.param(
        name="start_year", value=start_year,
        bind=alt.binding_range(min=first_year, max=last_year, step=1, name=_("From year: ")),
    )
    end = alt.param(
        name="end_year", value=last_year,
        bind=alt.binding_range(min=first_year, max=last_year, step=1, name=_("To year: ")),
    )
    shown = {c: alt.param(name=f"show_{_slug(c)}", value=True, bind=alt.binding_checkbox(name=f"{translate_name(c)} "))
             for c in countries}
    country_filter = " || ".join(f"(datum.country == '{translate_name(c)}' && {p.name})" for c, p in shown.items())
    base = (
        alt.Chart(wide)
        .transform_calculate(value="datum[metric]")
        .transform_filter("datum.year >= start_year && datum.year <= end_year && isValid(datum.value)")
        .transform_filter(country_filter)
    )
    chart = country_lines(base, countries, None).add_params(metric, start, end, *shown.values())
    labels = "{" + ", ".join(f"'{k}': '{metric_label(m)}'" for k, m in EMISSION_METRICS.items()) + "}"
    description = _(
        "Interactive line chart of CO2 emissions for {countries} from {first} to {last}. "
        "Controls below the chart choose the metric (annual total, per person, cumulative since 1750, "
        "or share of the world total), the first and last year, and which countries are shown.",
        countries=listing(countries), first=first_year, last=last_year,
    )
    title = vega_text("{metric}, {first}–{last}", metric=Expr(f"{labels}[metric]"), first=Expr("start_year"),
                      last=Expr("end_year"))
    chart = chart.properties(
        title=alt.Title(alt.expr(title), subtitle=source_lines(source)),
        description=description,
    )
    return chart
