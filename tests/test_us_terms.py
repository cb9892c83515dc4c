"""climate_course.us_terms: term windows, percentage changes, paper comparison, charts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from climate_course import load_table, table_meta
from climate_course import us_terms as ut

SERIES = ut.us_series(load_table("co2_annual"), load_table("co2_by_source"), load_table("electricity_generation"))
CITE = table_meta("co2_annual").citation


def _params(spec: dict) -> dict:
    return {p["name"]: p for p in spec.get("params", [])}


def test_series_has_every_measure_and_renewables_add_up():
    assert list(SERIES.columns) == list(ut.MEASURES)
    row = SERIES.loc[2016]
    assert row["renewable_power"] > row["renewable_power_ex_hydro"] > 0
    assert SERIES["co2_fossil_cement"].dropna().index.max() == 2022


@given(start=st.floats(0.1, 1e6), end=st.floats(0, 1e6))
def test_percent_change_round_trips(start, end):
    assert start * (1 + ut.percent_change(start, end) / 100) == pytest.approx(end, rel=1e-9, abs=1e-6)


def test_percent_change_needs_positive_start():
    with pytest.raises(ValueError):
        ut.percent_change(0, 5)


def test_window_is_cut_at_the_end_of_the_data():
    change = ut.window_change(SERIES["co2_fossil_cement"], ut.TERMS[-1])
    assert change["end_year"] == 2022 and change["partial"]
    full = ut.window_change(SERIES["co2_total"], ut.TERMS[-1])
    assert full["end_year"] == 2024 and not full["partial"]


def test_term_changes_covers_every_measure_and_term():
    changes = ut.term_changes(SERIES)
    assert len(changes) == len(ut.MEASURES) * len(ut.TERMS)
    obama = changes[(changes["measure"] == "co2_total") & (changes["term"].str.startswith("Obama"))].iloc[0]
    assert (obama["start_year"], obama["end_year"]) == (2008, 2016)
    assert -13 < obama["pct_change"] < -10


def test_paper_comparison_reproduces_the_co2_figures():
    table = ut.paper_comparison(SERIES)
    assert len(table) == 6
    co2 = table[table["measure"].str.startswith("CO₂ from fossil")]
    assert (co2["ours_pct"] - co2["paper_pct"]).abs().max() < 1.0
    text = str(ut.comparison_table(table))
    assert "Paper (%)" in text and "-11.0" in text and "+44.0" in text


def test_term_chart_binds_measure_menu():
    spec = ut.term_chart(ut.term_changes(SERIES), CITE).to_dict()
    params = _params(spec)
    assert params["measure"]["bind"]["input"] == "select"
    assert params["measure"]["bind"]["options"] == list(ut.MEASURES)
    assert "asterisk" in spec["description"]
    with pytest.raises(ValueError):
        ut.term_chart(ut.term_changes(SERIES), CITE, start="gdp")


def test_lines_chart_and_unknown_measure():
    spec = ut.us_lines_chart(SERIES, ["co2_total", "coal_power"], CITE).to_dict()
    assert spec["description"]
    with pytest.raises(ValueError):
        ut.us_lines_chart(SERIES, ["gdp"], CITE)


def test_timeline_bib_keys_exist():
    from pathlib import Path
    bib = (Path(__file__).resolve().parent.parent / "references.bib").read_text(encoding="utf-8")
    for key in load_table("cooperation_timeline")["bib_key"].unique():
        assert "{" + key + "," in bib


@given(pct=st.floats(-99, 500), years=st.integers(1, 30))
def test_annualised_compounds_back(pct, years):
    rate = ut.annualised(pct, years)
    assert 100 * ((1 + rate / 100) ** years - 1) == pytest.approx(pct, rel=1e-6, abs=1e-6)


def test_annualised_rejects_bad_input():
    with pytest.raises(ValueError):
        ut.annualised(10, 0)
    with pytest.raises(ValueError):
        ut.annualised(-100, 3)


def test_peer_changes_show_eu_and_japan_cutting_faster_2016_2019():
    table = ut.peer_changes(load_table("co2_annual"), ["United States", "EU-27", "Japan"], ut.PAPER_TRUMP_WINDOW)
    by = table.set_index("country")["pct_change"]
    assert by["EU-27"] < by["United States"] and by["Japan"] < by["United States"]
    with pytest.raises(ValueError):
        ut.peer_changes(load_table("co2_annual"), ["Atlantis"], ut.PAPER_TRUMP_WINDOW)


def test_paper_coal_figures_are_coal_production():
    changes = ut.coal_supply_changes(load_table("us_coal_supply")).set_index(["window", "measure"])
    production = changes.xs("production", level="measure")
    assert (production["pct_change"] - production["paper_pct"]).abs().max() < 0.5  # −38 % and −3 % reproduced
    trump = changes.loc["2016→2019"]
    assert trump.loc["consumption", "pct_change"] < -15  # coal burned fell far faster than coal mined
    assert trump.loc["exports", "pct_change"] > 40  # because exports rose
    with pytest.raises(ValueError):
        ut.coal_supply_changes(load_table("us_coal_supply").query("year == 2016"))
