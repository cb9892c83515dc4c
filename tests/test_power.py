"""Power chapter helpers: fossil/coal shares, the paper comparison and the mix charts."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from climate_course import i18n, load_table, power, table_meta
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


# --- Lab: replace coal power ---------------------------------------------------------------------
from vega_runner import needs_node, rows_with, vega_data

from climate_course.labs import Choice, Parameter


def test_swap_hand_computed_china_2022():
    coal = float(GEN[(GEN["country"] == "China") & (GEN["year"] == 2022)]["coal"].iloc[0])
    r = power.coal_swap(GEN, "China", 2022, 20, "wind")
    assert r["replaced_twh"] == pytest.approx(0.2 * coal, abs=0.01)
    assert r["co2_saved_mt"] == pytest.approx(0.2 * coal * (820 - 11) / 1000, abs=0.01)  # 1 TWh x 1 g/kWh = 0.001 Mt
    assert r["coal_share_after"] == pytest.approx(100 * 0.8 * coal / r["total_twh"], abs=0.01)


def test_swap_to_gas_saves_less_and_keeps_fossil_share():
    wind = power.coal_swap(GEN, "United States", 2020, 50, "wind")
    gas = power.coal_swap(GEN, "United States", 2020, 50, "gas")
    assert gas["co2_saved_mt"] == pytest.approx(wind["replaced_twh"] * 330 / 1000)
    assert gas["co2_saved_mt"] < wind["co2_saved_mt"]
    assert gas["fossil_share_after"] == pytest.approx(gas["fossil_share_before"])


def test_one_twh_at_one_gram_is_a_thousandth_of_a_megatonne():
    r = power.coal_swap(GEN, "World", 2022, 100, "solar")
    assert r["co2_saved_mt"] == pytest.approx(r["coal_twh"] * (820 - 48) * 1e9 / 1e12)


@pytest.mark.parametrize("kwargs, message", [
    ({"coal_pct": 120}, "coal_pct must be between 0 and 100, got 120"),
    ({"year": 1990}, "year must be between 2000 and 2022, got 1990"),
    ({"replacement": "nuclear"}, "replacement must be one of"),
    ({"country": "Mars"}, "country must be one of"),
])
def test_swap_rejects_out_of_range(kwargs, message):
    with pytest.raises(ValueError, match=message):
        power.coal_swap(GEN, **kwargs)


@settings(deadline=None, max_examples=50)
@given(st.sampled_from(power.SWAP_COUNTRIES), st.integers(2000, 2022), st.floats(0, 100),
       st.sampled_from(power.SWAP_SOURCES))
def test_swap_invariants(country, year, pct, source):
    r = power.coal_swap(GEN, country, year, pct, source)
    long = power.swap_long(GEN, country=country, year=year, coal_pct=pct, replacement=source)
    totals = long.groupby("scenario")["twh"].sum()
    assert totals["Before"] == pytest.approx(totals["After"])  # total generation unchanged
    assert r["co2_saved_mt"] >= 0
    assert r["coal_share_after"] <= r["coal_share_before"] + 1e-9
    assert r["replacement_share_after"] - r["replacement_share_before"] == pytest.approx(
        r["coal_share_before"] - r["coal_share_after"])
    assert (long["twh"] >= -1e-9).all()


def test_swap_params_bound_with_model_ranges():
    spec = power.swap_chart(GEN, SOURCE).to_dict()
    params = _params(spec)
    for name, p in power.SWAP_PARAMS.items():
        bound = params["swap_" + name]
        assert bound["value"] == p.default
        if isinstance(p, Parameter):
            assert (bound["bind"]["min"], bound["bind"]["max"], bound["bind"]["step"]) == (p.min, p.max, p.step)
        else:
            assert isinstance(p, Choice) and bound["bind"]["options"] == list(p.options)


@needs_node
@pytest.mark.parametrize("country, year, pct, source", [("China", 2022, 20, "wind"), ("India", 2010, 75, "gas"),
                                                        ("EU-27", 2015, 40, "solar")])
def test_static_chart_computes_what_python_computes(country, year, pct, source):
    spec = power.swap_chart(GEN, SOURCE).to_dict()
    data = vega_data(spec, swap_country=country, swap_year=year, swap_coal_pct=pct, swap_replacement=source)
    row = rows_with(data, "co2_saved")[0]
    r = power.coal_swap(GEN, country, year, pct, source)
    assert row["replaced"] == pytest.approx(r["replaced_twh"])
    assert row["co2_saved"] == pytest.approx(r["co2_saved_mt"])
    bars = {(b["scenario"], b["source"]): b["share"] for b in rows_with(data, "share", "scenario")}
    long = power.swap_long(GEN, country=country, year=year, coal_pct=pct, replacement=source)
    for _, b in long.iterrows():
        assert bars[(b["scenario"], b["source"])] == pytest.approx(b["share"], abs=1e-6)
    # the band labels: Vega's stack transform and the live chart's Python ``mid`` agree
    mids = {(m["scenario"], m["source"]): m["mid"] for m in rows_with(data, "mid", "x0")}
    for _, b in long.iterrows():
        if (b["scenario"], b["source"]) in mids:
            assert mids[(b["scenario"], b["source"])] == pytest.approx(b["mid"], abs=1e-6)


def test_swap_widget_control_changes_chart():
    live = power.swap_widget(GEN, SOURCE)
    before = live.chart.to_dict()
    live.controls["replacement"].value = "gas"
    after = live.chart.to_dict()
    assert before != after
    assert "by gas" in after["description"]
    live.controls["coal_pct"].value = 0
    assert "0 TWh of coal power replaced" in live.chart.to_dict()["description"]


def test_controls_cannot_leave_ranges():
    live = power.swap_widget(GEN, SOURCE)
    slider = live.controls["coal_pct"]
    assert (slider.min, slider.max) == (0, 100)
    slider.value = 500  # ipywidgets clamps to max
    assert slider.value == 100


@pytest.mark.parametrize("code", i18n.LANGUAGES)
def test_the_swap_headline_breaks_at_its_colon_in_every_language(code):
    """The what-if headline is two lines on a phone: it breaks where its translation has the colon."""
    i18n.use_language(code)
    try:
        assert i18n.punctuation(": ") in i18n._(power._HEADLINE)
    finally:
        i18n.use_language(None)
