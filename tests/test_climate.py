"""climate_course.climate: re-basing, warmest years, CO2 rise, fits and chart specs."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from climate_course import load_table, table_meta
from climate_course import climate as cl

TEMP = load_table("temperature_anomaly")
CONC = load_table("co2_concentration")
CITE = table_meta("temperature_anomaly").citation


def _params(spec: dict) -> dict:
    return {p["name"]: p for p in spec.get("params", [])}


def test_rebase_puts_both_records_on_zero_mean_baseline():
    rebased = cl.rebase(TEMP)
    means = rebased[rebased["year"].between(1951, 1980)].groupby("source")["anomaly_c"].mean()
    assert means.abs().max() < 1e-9
    assert set(rebased["baseline"]) == {"1951-1980"}


def test_rebase_rejects_backwards_or_empty_baseline():
    with pytest.raises(ValueError, match="forwards"):
        cl.rebase(TEMP, (1980, 1951))
    with pytest.raises(ValueError, match="no data"):
        cl.rebase(TEMP, (1850, 1860))  # NASA starts in 1880


@given(shift=st.floats(-5, 5))
@settings(max_examples=25, deadline=None)
def test_rebase_ignores_constant_shifts(shift):
    moved = TEMP.assign(anomaly_c=TEMP["anomaly_c"] + shift)
    pd.testing.assert_series_equal(cl.rebase(moved)["anomaly_c"], cl.rebase(TEMP)["anomaly_c"], atol=1e-9)


def test_warmest_years_are_recent_and_sorted():
    top = cl.warmest_years(TEMP, "NOAA GCAG", 10)
    assert list(top["rank"]) == list(range(1, 11))
    assert top["anomaly_c"].is_monotonic_decreasing
    assert top["year"].iloc[0] == 2024
    assert cl.share_of_recent_years(TEMP, "NOAA GCAG") == 10
    assert cl.warmest_years(TEMP, "NOAA GCAG", 3, through=2020)["year"].max() <= 2020


def test_unknown_source_is_an_error():
    with pytest.raises(ValueError, match="source must be one of"):
        cl.warmest_years(TEMP, "HadCRUT")


@given(window=st.sampled_from(cl.SMOOTHING_WINDOWS))
@settings(max_examples=11, deadline=None)
def test_smoothing_stays_within_the_raw_range(window):
    out = cl.smoothed(TEMP, [window])
    for source, rows in out.groupby("source"):
        raw = TEMP[TEMP["source"] == source]["anomaly_c"]
        assert rows["value"].min() >= raw.min() - 1e-3
        assert rows["value"].max() <= raw.max() + 1e-3
        assert rows["value"].notna().all()


def test_smoothing_rejects_even_windows():
    with pytest.raises(ValueError, match="odd"):
        cl.smoothed(TEMP, [4])


def test_co2_rise_mauna_loa():
    rise = cl.co2_rise(CONC, "Mauna Loa", 1959, 2021)
    assert rise["start_ppm"] == pytest.approx(315.98)
    assert rise["rise_ppm"] == pytest.approx(416.41 - 315.98)
    assert 30 < rise["rise_pct"] < 33


def test_co2_and_anomaly_fit_is_positive_and_strong():
    joined = cl.co2_and_anomaly(TEMP, CONC)
    assert joined["year"].min() == 1959
    fit = cl.co2_anomaly_fit(joined)
    assert fit["per_100ppm"] > 0.5 and fit["r"] > 0.9
    with pytest.raises(ValueError):
        cl.co2_anomaly_fit(joined.head(2))


def test_stripes_spec_has_axis_diverging_scale_and_description():
    spec = cl.warming_stripes(TEMP, "NOAA GCAG", CITE).to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["color"]["scale"]["scheme"] == "redblue"
    assert spec["encoding"]["color"]["scale"]["domainMid"] == 0
    assert spec["encoding"]["x"]["axis"]["format"] == "d"
    assert "warmest year is 2024" in spec["description"]


def test_anomaly_explorer_binds_record_menu_and_window_slider():
    spec = cl.anomaly_explorer(TEMP, CITE).to_dict()
    params = _params(spec)
    assert params["record"]["bind"]["input"] == "select"
    assert params["record"]["bind"]["options"] == cl.TEMPERATURE_SOURCES
    assert params["window"]["bind"]["input"] == "range" and params["window"]["bind"]["step"] == 2
    assert spec["description"]


def test_co2_charts_build():
    spec = cl.co2_concentration_chart(CONC, CITE).to_dict()
    assert spec["layer"][0]["encoding"]["strokeDash"]["field"] == "site"
    joined = cl.co2_and_anomaly(TEMP, CONC)
    scatter = cl.co2_anomaly_scatter(joined, "NOAA GCAG", "Mauna Loa", CITE).to_dict()
    assert scatter["layer"][0]["mark"]["type"] == "circle"
    assert "per 100 ppm" in scatter["description"]
