"""Power chapter helpers: fossil/coal shares, the paper comparison and the mix charts."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from climate_course import load_table, table_meta
from climate_course import power
from climate_course.theme import COUNTRY_STYLE

SHARE = load_table("electricity_share")
GEN = load_table("electricity_generation")
SOURCE = table_meta("electricity_share").citation


def _params(spec: dict) -> dict:
    return {p["name"]: p for p in spec.get("params", [])}


def test_fossil_coal_shares_2019_values():
    shares = power.fossil_coal_shares(SHARE, ["World", "United States", "China"], 2019)
    assert shares.loc["World", "fossil"] == pytest.approx(63.65, abs=0.01)
    assert shares.loc["United States", "fossil"] == pytest.approx(62.24, abs=0.01)
    assert shares.loc["China", "coal"] == pytest.approx(64.71, abs=0.01)
    assert (shares["fossil"] + shares["low_carbon"]).between(99.9, 100.1).all()


def test_missing_year_is_named():
    with pytest.raises(ValueError, match="1900"):
        power.fossil_coal_shares(SHARE, ["China"], 1900)


def test_shares_from_generation_agree_with_share_table_within_a_point():
    countries = ["World", "United States", "China"]
    from_twh = power.shares_from_generation(GEN, countries, 2019)
    from_pct = power.fossil_coal_shares(SHARE, countries, 2019)
    assert (from_twh["coal"] - from_pct["coal"]).abs().max() < 1.0


@given(st.lists(st.floats(0, 1e4), min_size=9, max_size=9).filter(lambda v: sum(v) > 1))
def test_shares_from_generation_is_a_percentage(values):
    row = dict(zip(["coal", "gas", "oil", "nuclear", "hydro", "wind", "solar", "bioenergy", "other_renewables"], values))
    frame = pd.DataFrame([{"country": "X", "year": 2000, **row, "total": sum(values)}])
    out = power.shares_from_generation(frame, ["X"], 2000)
    assert 0 <= out.loc["X", "coal"] <= out.loc["X", "fossil"] <= 100 + 1e-9


def test_compare_with_paper_has_the_four_figures():
    table = power.compare_with_paper(SHARE)
    assert len(table) == 4
    china_coal = table[(table["country"] == "China") & (table["measure"] == "coal")].iloc[0]
    assert china_coal["paper"] == 62.2
    assert china_coal["difference"] == pytest.approx(china_coal["ours"] - 62.2)


def test_mix_long_covers_both_measures_and_all_bands():
    long = power.mix_long(SHARE, GEN)
    assert set(long["measure"]) == {"share", "twh"}
    assert set(long["source"]) == set(power.MIX_SOURCES.values())
    shares = long[long["measure"] == "share"].groupby(["country", "year"])["value"].sum()
    assert shares.between(97, 100.1).all()  # before 2000 some bioenergy data are missing in the source


def test_end_labels_sit_inside_their_band():
    labels = power.end_labels(power.mix_long(SHARE, GEN))
    assert ((labels["mid"] > labels["top"] - labels["value"]) & (labels["mid"] < labels["top"])).all()
    assert "Coal" in set(labels[(labels["country"] == "China")]["source"])


def test_mix_chart_has_bound_menus_and_description():
    spec = power.mix_chart(SHARE, GEN, SOURCE).to_dict()
    params = _params(spec)
    assert params["mix_country"]["bind"]["input"] == "select"
    assert params["mix_country"]["bind"]["options"] == power.MIX_COUNTRIES
    assert params["mix_measure"]["bind"]["options"] == ["share", "twh"]
    assert spec["layer"][0]["mark"]["type"] == "area"
    assert spec["layer"][1]["mark"]["type"] == "text"  # direct labels, colour is not the only cue
    assert spec["description"]


def test_share_lines_use_country_styles_and_show_paper_points():
    spec = power.share_lines_chart(SHARE, SOURCE).to_dict()
    assert _params(spec)["share_metric"]["bind"]["options"] == ["coal", "fossil"]
    lines = spec["layer"][0]["layer"][0]
    colours = dict(zip(lines["encoding"]["color"]["scale"]["domain"], lines["encoding"]["color"]["scale"]["range"]))
    assert colours["China"] == COUNTRY_STYLE["China"]["color"]
    assert "strokeDash" in lines["encoding"]
    assert spec["layer"][1]["mark"]["type"] == "point"


def test_generation_table_selects_and_orders():
    table = power.generation_table(GEN, "coal", ["China", "United States"], [2000, 2023])
    assert list(table.index) == ["China", "United States"]
    assert table.loc["China", 2023] > table.loc["China", 2000]
    with pytest.raises(ValueError, match="nope"):
        power.generation_table(GEN, "nope", ["China"], [2000])
