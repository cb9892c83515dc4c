"""China vs US synthesis indicators and charts."""

from __future__ import annotations

import pytest

from climate_course import load_table, synthesis

CO2 = load_table("co2_annual")
ELEC = load_table("electricity_share")


def test_indicators_values():
    frame = synthesis.indicators(CO2, ELEC, 2024)
    assert len(frame) == 8
    china = frame[(frame["country"] == "China") & (frame["indicator"] == "co2")]["value"].iloc[0]
    assert 10 < china < 15  # Gt
    text = str(synthesis.indicators_table(frame, 2024))
    assert "Coal share of electricity (%)" in text and "57.8" in text


def test_indicators_missing_year():
    with pytest.raises(ValueError, match="no co2"):
        synthesis.indicators(CO2, ELEC, 1700)


def test_indicator_chart_spec():
    frame = synthesis.indicators(CO2, ELEC, 2024)
    spec = synthesis.indicator_chart(frame, 2024, "Source: x").to_dict()
    assert spec["resolve"]["scale"]["x"] == "independent"
    assert "China" in spec["description"]


def test_path_and_changes():
    path = synthesis.co2_path(CO2, 2015, 2024)
    changes = synthesis.percent_changes(path, 2021, 2024)
    assert set(changes.index) == {"China", "United States"}
    with pytest.raises(ValueError, match="year 2030"):
        synthesis.percent_changes(path, 2021, 2030)
    spec = synthesis.co2_path_chart(path, 2021, "White paper", "Source: x").to_dict()
    assert "2021" in spec["description"] and spec["title"]["text"].startswith("Fossil")


def test_average_growth_and_claims():
    assert synthesis.average_growth(CO2, "World", 2015, 2024) == pytest.approx(
        100 * ((CO2[(CO2.country == "World") & (CO2.year == 2024)].co2.iloc[0]
                / CO2[(CO2.country == "World") & (CO2.year == 2015)].co2.iloc[0]) ** (1 / 9) - 1))
    with pytest.raises(ValueError, match="end must be after start"):
        synthesis.average_growth(CO2, "World", 2020, 2020)
    table = synthesis.claims_table(CO2, ELEC, load_table("ev_sales"))
    assert list(table.columns) == ["topic", "paper", "data"]
    assert len(table) == 7 and table["data"].str.len().min() > 20
    shown = synthesis.checked_claims_table(CO2, ELEC, load_table("ev_sales")).text().splitlines()
    assert shown[0] == "The paper's claims and what our data say"
    assert shown[1].split()[:4] == ["Topic", "The", "paper", "(2021)"] and shown[1].endswith("Our data")
    assert len(shown) == 3 + 7


def test_required_annual_change():
    assert synthesis.required_annual_change(100, 50, 1) == pytest.approx(-50)
    assert synthesis.required_annual_change(80, 50, 6) == pytest.approx(100 * ((50 / 80) ** (1 / 6) - 1))
    with pytest.raises(ValueError, match="years"):
        synthesis.required_annual_change(1, 1, 0)
    with pytest.raises(ValueError, match="current must be greater than 0"):
        synthesis.required_annual_change(0, 1, 3)
    for junk in (float("nan"), float("inf"), True, "4.9", None):
        with pytest.raises((ValueError, TypeError), match="target"):
            synthesis.required_annual_change(4.9, junk, 6)
