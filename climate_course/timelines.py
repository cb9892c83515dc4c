"""A generic timeline chart: dated events as labelled markers on a vertical time axis.

Any chapter can pass a DataFrame with a ``date`` column (ISO text or datetime), a
``label`` and a ``category``; category is shown by colour *and* marker shape, and
every event carries its date and label as text, so colour is never the only cue.
Time runs down the page, so long labels never run off the right edge.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from . import validate
from .charts import finish
from .i18n import DEFAULT_LANGUAGE, N_, _, joined, language, translate_name, translated
from .tables import Table

# Okabe-Ito colours (not the country colours: categories are not countries).
CATEGORY_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
CATEGORY_SHAPES = ["circle", "square", "triangle-up", "diamond", "triangle-down", "cross", "triangle-right"]
# The labels' layer: the book (course-charts.js) wraps its texts to the page's width and lays them out
# again in pixels, the chart growing taller where wrapped labels need the room.
TIMELINE_LABELS = "timeline_labels"
LABEL_FONT_PX = 12
LABEL_LINE_PX = 15
SPINE_PX = 10  # the spine's distance from the plot's left edge
LABEL_DX = 14  # a label's distance from the spine


def prepare_events(events: pd.DataFrame, date: str = "date", label: str = "label",
                   category: str = "category", height: int = 400, min_gap_px: float = 17) -> pd.DataFrame:
    """Events sorted by date, with ISO ``date`` text and a ``label_date`` nudged so labels keep apart.

    ``label_date`` is the date at which the label is drawn: at least ``min_gap_px`` pixels
    (on a chart ``height`` pixels tall) after the previous label, as near its event as that
    allows and never past the first or last event, so the axis spans the events only.
    Raises ``ValueError`` naming missing columns or an unreadable date.
    """
    missing = [c for c in (date, label, category) if c not in events.columns]
    if missing:
        raise ValueError(f"events lacks column(s) {missing}; needs date, label and category")
    height = validate.number("height", height, 0, 100_000, above=True, unit="pixels")
    min_gap_px = validate.number("min_gap_px", min_gap_px, 0, height / max(len(events) - 1, 1),
                                 unit="pixels, so that all the labels fit in the chart's height")
    parsed = pd.to_datetime(events[date].astype(str), errors="coerce", format="ISO8601")
    if parsed.isna().any():
        bad = events.loc[parsed.isna(), date].iloc[0]
        raise ValueError(f"date {bad!r} is not an ISO date (YYYY-MM-DD)")
    out = pd.DataFrame({"when": parsed.to_numpy(), "label": events[label].astype(str).to_numpy(),
                        "category": events[category].astype(str).to_numpy()})
    for column in [c for c in events.columns if c not in (date, label, category)]:
        out[column] = events[column].astype(str).to_numpy()
    out = out.sort_values(["when", "label"]).reset_index(drop=True)
    span = max((out["when"].max() - out["when"].min()).days, 1) if len(out) else 1
    gap = pd.Timedelta(days=span * min_gap_px / height)
    label_at = list(out["when"])
    for i in range(1, len(label_at)):  # each label below the one before it...
        label_at[i] = max(label_at[i], label_at[i - 1] + gap)
    if label_at:  # ...and, where that ran past the last event, moved up again
        label_at[-1] = min(label_at[-1], out["when"].iloc[-1])
    for i in range(len(label_at) - 2, -1, -1):
        label_at[i] = min(label_at[i], label_at[i + 1] - gap)
    out["date"] = out["when"].dt.strftime("%Y-%m-%d")
    out["date_text"] = out["when"].dt.day.astype(str) + out["when"].dt.strftime(" %b %Y")
    out["label_date"] = pd.Series(label_at).dt.strftime("%Y-%m-%d").to_numpy()
    return out.drop(columns="when")


def _shown(data: pd.DataFrame) -> pd.DataFrame:
    """Prepared events as the current language shows them: names translated, dates as 2021 年 7 月 16 日."""
    if language() == DEFAULT_LANGUAGE:
        return data
    day = pd.to_datetime(data["date"], format="%Y-%m-%d")
    dates = day.dt.year.astype(str) + " 年 " + day.dt.month.astype(str) + " 月 " + day.dt.day.astype(str) + " 日"
    return translated(data, "label", "category").assign(date_text=dates)


def timeline_chart(events: pd.DataFrame, title: str, description: str, source: str,
                   width: int = 480, height: int | None = None, categories: list[str] | None = None) -> alt.LayerChart:
    """Vertical timeline of ``events`` (columns date, label, category): markers on a date axis, labels beside them."""
    height = height or max(260, 40 * len(events))
    data = prepare_events(events, height=height)
    cats = [translate_name(c) for c in categories or dict.fromkeys(data["category"])]
    data = _shown(data)
    data = data.assign(text=data["date_text"] + " · " + data["label"])
    n = len(cats)
    colour_scale = alt.Scale(domain=cats, range=CATEGORY_COLORS[:n])
    # (symbolOpacity: the legend's symbols would otherwise take the leader lines' faintness)
    colour = alt.Color("category:N", title=_("Kind of event"), scale=colour_scale, legend=alt.Legend(symbolOpacity=1))
    shape = alt.Shape("category:N", title=_("Kind of event"), scale=alt.Scale(domain=cats, range=CATEGORY_SHAPES[:n]))
    # Dates are parsed as UTC midnight, so the scale is UTC too (no shift in other time zones).
    # The axis spans the events (a nudged label never stretches it); the book lays the labels out
    # again in pixels from this domain, in milliseconds.
    span = [int(pd.Timestamp(data["date"].iloc[i], tz="UTC").timestamp() * 1000) for i in (0, -1)]
    y_scale = alt.Scale(type="utc", reverse=True, padding=12, domain=span, nice=False)
    y = alt.Y("date:T", title=None, scale=y_scale, axis=alt.Axis(format="%Y", tickCount="year", grid=False))  # a gridline would cross the labels
    x = alt.value(SPINE_PX)
    base = alt.Chart(data)
    spine = base.mark_rule(color="#999").encode(x=x, y=alt.Y("min(date):T", scale=y_scale),
                                               y2="max(date):T")
    tooltip = [alt.Tooltip("date_text:N", title=_("Date")), alt.Tooltip("label:N", title=_("Event")),
               alt.Tooltip("category:N", title=_("Kind"))]
    marks = base.mark_point(filled=True, size=140, opacity=1).encode(x=x, y=y, color=colour, shape=shape,
                                                                     tooltip=tooltip)
    # A thin line from each marker to its label, which a crowd of events may have moved up or down.
    leaders = base.mark_rule(strokeWidth=1, opacity=0.6).encode(
        x=x, x2=alt.value(SPINE_PX + LABEL_DX - 2), y=y, y2="label_date:T",
        color=colour)  # (legend=None here would remove the legend the markers and labels share)
    # The labels in the text's colour: orange or pink text is hard to read on white; the marker and
    # its leader give the kind of event.
    text = base.mark_text(align="left", dx=LABEL_DX, baseline="middle", fontSize=LABEL_FONT_PX,
                          lineHeight=LABEL_LINE_PX, color="#222").encode(
        x=x, y=alt.Y("label_date:T", scale=y_scale), text="text:N").properties(name=TIMELINE_LABELS)
    chart = alt.layer(spine, leaders, marks, text).properties(width=width, height=height)
    return finish(chart, title, description, source)


def describe_events(events: pd.DataFrame, intro: str) -> str:
    """Screen-reader description of a timeline: ``intro`` followed by every event's date and label, in order."""
    data = _shown(prepare_events(events))
    kinds = joined(dict.fromkeys(data["category"]))
    items = "; ".join(f"{d}: {l}" for d, l in zip(data["date_text"], data["label"]))
    return _("{intro} Marker colour and shape show the kind of event ({kinds}); each has a text label. {items}.",
             intro=intro, kinds=kinds, items=items)


def events_table(events: pd.DataFrame, caption: str) -> Table:
    """The events (date, category, label) as a table, in date order."""
    shown = events.sort_values("date")[["date", "category", "label"]].rename(
        columns={"date": N_("Date"), "category": N_("Category"), "label": N_("Event")})
    shown[N_("Date")] = shown[N_("Date")].astype(str)
    return Table(shown, caption, names=[N_("Category"), N_("Event")])
