"""Generic timeline chart builder."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from climate_course import load_table, table_meta
from climate_course.timelines import describe_events, prepare_events, timeline_chart

EVENTS = pd.DataFrame({"date": ["2024-05-14", "2021-11-10", "2022-08-16"],
                       "label": ["c", "a", "b"], "category": ["Trade", "Talks", "Law"], "key": ["x", "y", "z"]})


def test_prepare_sorts_and_spaces_labels():
    out = prepare_events(EVENTS)
    assert list(out["label"]) == ["a", "b", "c"]
    assert list(out["date"]) == ["2021-11-10", "2022-08-16", "2024-05-14"]
    assert "key" in out.columns
    close = pd.DataFrame({"date": ["2025-01-20", "2025-01-21", "2020-01-01"], "label": ["x", "y", "z"],
                          "category": ["k"] * 3})
    spaced = prepare_events(close, height=400, min_gap_px=20)
    dates = pd.to_datetime(spaced["label_date"])
    assert (dates.diff().dropna() >= pd.Timedelta(days=int(1846 * 20 / 400))).all()
    # The crowded last two labels stay inside the axis: the last at its event, the one before moved up.
    assert list(spaced["label_date"]) == ["2020-01-01", "2024-10-20", "2025-01-21"]


@given(st.lists(st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31)), min_size=1, max_size=25),
       st.floats(1, 40))
def test_labels_keep_apart_inside_the_axis(days, gap_px):
    height = 400
    gap_px = min(gap_px, height / max(len(days) - 1, 1))
    events = pd.DataFrame({"date": [d.isoformat() for d in days], "label": [str(i) for i in range(len(days))],
                           "category": "k"})
    out = prepare_events(events, height=height, min_gap_px=gap_px)
    at, when = pd.to_datetime(out["label_date"]), pd.to_datetime(out["date"])
    span_days = max((when.max() - when.min()).days, 1)
    assert at.min() >= when.min() - pd.Timedelta(days=1) and at.max() <= when.max()
    assert (at.diff().dropna() >= pd.Timedelta(days=span_days * gap_px / height - 1)).all()


def test_prepare_rejects_bad_input():
    with pytest.raises(ValueError, match="category"):
        prepare_events(EVENTS.drop(columns="category"))
    with pytest.raises(ValueError, match="not an ISO date"):
        prepare_events(EVENTS.assign(date=["soon", "2021-01-01", "2022-01-01"]))
    with pytest.raises(ValueError, match="height"):
        prepare_events(EVENTS, height=0)


def test_timeline_spec_has_title_description_and_shapes():
    spec = timeline_chart(EVENTS, "T", "D", "Source: S").to_dict()
    assert spec["title"]["text"] == "T" and spec["description"] == "D"
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rule", "rule", "point", "text"]
    assert spec["layer"][2]["encoding"]["y"]["scale"]["reverse"] is True
    assert spec["layer"][2]["encoding"]["shape"]["field"] == "category"


def test_epilogue_events_table_has_sources():
    events = load_table("epilogue_events")
    assert events["source_key"].notna().all()
    spec = timeline_chart(events, "T", "D", table_meta("epilogue_events").citation).to_dict()
    assert len(spec["datasets"]) == 1


def test_describe_events_lists_every_event_in_order():
    text = describe_events(EVENTS, "Timeline.")
    assert text.startswith("Timeline.")
    assert text.index("10 Nov 2021: a") < text.index("16 Aug 2022: b") < text.index("14 May 2024: c")
