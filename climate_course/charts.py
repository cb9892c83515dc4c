"""Chart builders shared by every chapter.

Each builder returns an Altair chart with a title, a source line and a text
description (read by screen readers). Static-mode charts carry Altair
parameters bound to HTML inputs, so they stay interactive in the built book
with no kernel; live-mode charts are plain and are redrawn by ipywidgets
(see :mod:`climate_course.widgets`).
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from dataclasses import dataclass

import altair as alt
import pandas as pd

from .i18n import N_, Expr, _, language, listing, mid_sentence, translate_name, translated, vega_text, wrap
from .theme import COUNTRY_STYLE, PLOT_HEIGHT, country_scales


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
EXPLORER_MAX_COUNTRIES = 12  # lines a reader can still tell apart
# Colours and dashes for picked countries with no book-wide style, in the order picked
# (Paul Tol's "muted" scheme, also safe for colour-blind readers).
PICKER_COLORS = ["#332288", "#882255", "#44AA99", "#999933", "#AA4499", "#117733", "#88CCEE", "#DDCC77", "#CC6677"]
PICKER_DASHES = [[6, 2], [2, 4], [10, 2, 2, 2], [4, 1], [1, 1]]
# What the country picker says ({name}, {count} and {max} are filled in by course-picker.js).
PICKER_TEXT = {
    "label": N_("Countries and regions (up to {max}):"),
    "placeholder": N_("Type to add a country or region"),
    "shown": N_("Shown on the chart"),
    "remove": N_("Remove {name}"),
    "reset": N_("First countries again"),  # (not "Reset": the chart's own Reset is in the same box)
    "added": N_("{name} added; {count} shown."),
    "removed": N_("{name} removed; {count} shown."),
    "again": N_("{name} is already shown."),
    "unknown": N_("No single country or region matches {name}."),
    "back": N_("Back to {name}."),
}


def source_lines(source: str, width: int = 80) -> list[str]:
    """A source credit wrapped into subtitle lines that fit a chart's width."""
    return wrap(source, width)


def metric_label(metric: Metric) -> str:
    """A metric's menu label in the current language: ``"Annual CO₂ emissions (Mt CO₂)"``."""
    return _("{label} ({unit})", label=_(metric.label), unit=_(metric.unit))


def finish(chart: alt.TopLevelMixin, title: str, description: str, source: str) -> alt.TopLevelMixin:
    """Give ``chart`` its title, a source line (as subtitle) and a screen-reader description."""
    return chart.properties(title=alt.Title(title, subtitle=source_lines(source)), description=description)


HEADLINE_LINE_PX = 16  # a headline's line height (13 px bold text)
HALO = "halo"  # the name every halo layer starts with (the book's overlap check knows a halo is not a label)
HALO_PX = 4


def haloed(labels: alt.Chart) -> alt.LayerChart:
    """``labels`` (a text layer) drawn over a copy of itself outlined in the page's colour, so that a line
    running under a label does not cross its letters (Vega has no text halo of its own)."""
    halo = labels.copy(deep=True)
    halo.mark = {**labels.mark.to_dict(), "stroke": "white", "strokeWidth": HALO_PX, "strokeJoin": "round", "aria": False}
    return alt.layer(halo.properties(name=f"{HALO}_{next(_HALOS)}"), labels)


_HALOS = itertools.count(1)
HEADLINE = "headline"  # the name every headline layer starts with (course-charts.js wraps its lines)
_HEADLINES = itertools.count(1)


def headline(chart: alt.Chart, line_break: str, lines: int = 2, x_px: float = 0, rise_px: float = 4) -> alt.Chart:
    """``chart`` as a bold headline of ``lines`` lines, split at ``line_break``, above the plot: Vega draws
    the lines after the first below it, so the first is raised for the last to end ``rise_px`` above the
    plot instead of over it. Encode its ``text`` after. The book wraps each line to the plot's width too
    (course-charts.js), raising the headline by the lines that adds."""
    return chart.mark_text(align="left", baseline="bottom", fontSize=13, fontWeight="bold", lineBreak=line_break,
                           lineHeight=HEADLINE_LINE_PX).encode(
        x=alt.value(x_px), y=alt.value(-rise_px - (lines - 1) * HEADLINE_LINE_PX)).properties(
        name=f"{HEADLINE}_{next(_HEADLINES)}")


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


def country_lines(
    base: alt.Chart, countries: list[str], y_title: str | None, scales: dict[str, alt.Scale] | None = None
) -> alt.LayerChart:
    """Lines with direct end labels; colour, dash and label all identify the country
    (``scales``: colour and dash scales, default each country's book-wide style)."""
    scales = scales or country_scales(countries)
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
    """The explorer's data, one record per country (its name in the current language): its first year, the CO₂ it emitted before
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
            "country": translate_name(country),
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
            world_part=f"datum.country === {json.dumps(translate_name('World'), ensure_ascii=False)} ? datum.co2 : 0",
        )
        .transform_joinaggregate(world="sum(world_part)", groupby=["year"])
        .transform_calculate(share_global_co2="isValid(datum.co2) ? 100 * datum.co2 / datum.world : null")
    )


def picker_scales(slots: int) -> dict[str, alt.Scale]:
    """Colour and dash scales over the countries a reader has picked (the ``countries`` parameter,
    up to ``slots`` of them): each keeps its book-wide style; the others take the extra palette
    in the order picked."""
    colours = {translate_name(c): s["color"] for c, s in COUNTRY_STYLE.items()}
    dashes = {translate_name(c): s["dash"] for c, s in COUNTRY_STYLE.items()}

    def slot_values(book: dict, extra: list) -> list[alt.ExprRef]:
        book = json.dumps(book, ensure_ascii=False)
        return [alt.ExprRef(f"{book}[countries[{i}]] || {json.dumps(extra[i % len(extra)])}")
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
    unknown = sorted(set(map(translate_name, countries)) - set(offered))
    if unknown:
        raise ValueError(f"countries not in the emissions table: {unknown}")

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
    initial = [translate_name(c) for c in countries]
    picked = alt.param(name="countries", value=initial)
    base = (
        _explorer_rows(records)
        .transform_filter("indexof(countries, datum.country) >= 0")
        .transform_calculate(value="datum[metric]")
        .transform_filter("datum.year >= start_year && datum.year <= end_year && isValid(datum.value)")
    )
    chart = country_lines(base, countries, None, picker_scales(EXPLORER_MAX_COUNTRIES))
    chart = chart.add_params(metric, start, end, picked)
    labels = "{" + ", ".join(f"'{k}': '{metric_label(m)}'" for k, m in EMISSION_METRICS.items()) + "}"
    description = _(
        "Interactive line chart of CO2 emissions from {first} to {last}, first showing {countries}. "
        "Controls choose the metric (annual total, per person, cumulative since 1750, or share of the world "
        "total), the first and last year, and up to {most} of the {offered} countries and regions in the table.",
        countries=listing(countries), first=first_year, last=last_year, most=EXPLORER_MAX_COUNTRIES,
        offered=len(offered),
    )
    title = vega_text("{metric}, {first}–{last}", metric=Expr(f"{labels}[metric]"), first=Expr("start_year"),
                      last=Expr("end_year"))
    return chart.properties(
        title=alt.Title(alt.expr(title), subtitle=source_lines(source)),
        description=description,
        usermeta={"countryPicker": {"param": "countries", "options": offered, "initial": initial,
                                    "max": EXPLORER_MAX_COUNTRIES,
                                    "text": {key: _(text) for key, text in PICKER_TEXT.items()}}},
    )
