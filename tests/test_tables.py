"""The table helper every chapter uses: captioned HTML with units and right-aligned numbers, and a
plain-text form that stays the same from run to run (nbval compares it)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from climate_course.tables import Table, cell_text, header_text

FRAME = pd.DataFrame({"country": ["China", "United States"], "co2": [12289.04, 4904.12], "listed": [True, False],
                      "rank": [1, 2]})


def test_html_has_caption_units_and_right_aligned_numbers():
    markup = Table(FRAME, "Fossil CO₂ in 2024", units={"co2": "Mt"}, decimals={"co2": 0})._repr_html_()
    assert "<caption>Fossil CO₂ in 2024</caption>" in markup
    assert '<th scope="col" class="course-num">Co2 (Mt)</th>' in markup
    assert '<td class="course-num">12,289</td>' in markup and "<td>China</td>" in markup
    assert "<td>yes</td>" in markup  # booleans read as words, left-aligned


def test_text_form_is_a_fixed_width_table():
    text = str(Table(FRAME, "Caption", headers={"co2": "CO₂"}, units={"co2": "Mt"}, decimals={"co2": 1}))
    assert text.splitlines() == [
        "Caption",
        "Country        CO₂ (Mt)  Listed  Rank",
        "-------------  --------  ------  ----",
        "China          12,289.0  yes        1",
        "United States   4,904.1  no         2",
    ]


def test_escapes_text_but_keeps_markup_columns():
    frame = pd.DataFrame({"name": ["<b>", '<a href="x.html">X &amp; Y</a>']})
    table = Table(frame, "A & B", markup=[])
    assert "&lt;b&gt;" in table._repr_html_() and "A &amp; B" in table._repr_html_()
    linked = Table(frame.iloc[[1]], "Links", markup=["name"])
    assert '<a href="x.html">' in linked._repr_html_() and "X & Y" in str(linked)


def test_names_a_column_it_does_not_have():
    with pytest.raises(ValueError, match="columns not in the table: \\['co3'\\]"):
        Table(FRAME, "Caption", units={"co3": "Mt"})


def test_cells_and_headers():
    assert header_text("share_global_co2", "%") == "Share global co2 (%)"
    assert header_text("Since 1750", "Gt") == "Since 1750 (Gt)"
    assert cell_text(float("nan")) == cell_text(None) == "–"
    assert cell_text(1234) == "1,234" and cell_text(0.125, 2) == "0.12" and cell_text(-7.36) == "-7.4"


@given(st.lists(st.tuples(st.text("abc XYZ", min_size=1, max_size=8),
                          st.floats(-1e6, 1e6, allow_nan=False)), min_size=1, max_size=6))
def test_text_rows_line_up(rows):
    frame = pd.DataFrame(rows, columns=["name", "value"])
    lines = str(Table(frame, "C", decimals=2)).splitlines()[1:]
    rule = lines[1]
    value_end = len(rule)  # the numbers column is last and right-aligned: every row ends where the rule does
    assert all(len(line) == value_end for line in [lines[0], *lines[2:]])
    assert str(Table(frame, "C", decimals=2)) == str(Table(frame.copy(), "C", decimals=2))
