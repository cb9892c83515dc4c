"""CCS chapter helpers: the company table counts and the capture-rate illustration."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from climate_course import ccs, load_table, table_meta

COMPANIES = load_table("ccs_companies_2019")


def test_table_has_twenty_companies():
    assert len(COMPANIES) == 20
    assert list(COMPANIES["rank"]) == list(range(1, 21))


def test_region_counts_match_the_paper():
    assert ccs.region_counts(COMPANIES).to_dict() == ccs.PAPER_REGION_COUNTS
    check = ccs.check_paper_counts(COMPANIES)
    assert check["agrees"].all()


def test_country_counts_sorted_largest_first():
    counts = ccs.country_counts(COMPANIES)
    assert counts.iloc[0]["country"] == "United States" and counts.iloc[0]["companies"] == 8
    assert counts["companies"].sum() == 20
    assert list(counts["companies"]) == sorted(counts["companies"], reverse=True)


@given(st.floats(0, 1e6), st.floats(0, 1))
def test_capture_parts_add_up(emissions, rate):
    parts = ccs.capture(emissions, rate)
    assert parts["captured"] + parts["residual"] == pytest.approx(emissions)
    assert parts["captured"] >= 0 and parts["residual"] >= -1e-9


def test_capture_at_ninety_percent():
    assert ccs.capture(100, 0.9) == pytest.approx({"captured": 90, "residual": 10})


@pytest.mark.parametrize("emissions, rate", [(-1, 0.5), (10, 1.2), (10, -0.1)])
def test_capture_rejects_bad_input(emissions, rate):
    with pytest.raises(ValueError):
        ccs.capture(emissions, rate)


def test_capture_table_rows():
    table = ccs.capture_table(100, [0.0, 0.5, 0.9])
    assert list(table["residual"]) == pytest.approx([100, 50, 10])


def test_capture_chart_has_a_bound_slider_and_same_formula():
    spec = ccs.capture_chart().to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert params["capture_pct"]["bind"]["input"] == "range"
    assert params["capture_pct"]["value"] == 90
    calc = spec["layer"][0]["transform"][0]["calculate"]
    assert "capture_pct / 100" in calc
    assert spec["description"]


def test_companies_chart_labels_bars():
    spec = ccs.companies_chart(COMPANIES, table_meta("ccs_companies_2019").citation).to_dict()
    assert spec["layer"][0]["mark"]["type"] == "bar"
    assert spec["layer"][1]["mark"]["type"] == "text"
    assert "United States" in spec["description"]
