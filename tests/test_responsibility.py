"""Tests for climate_course.responsibility: ranks by metric, cumulative shares, fuel mix."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import climate_course as cc
from climate_course import responsibility as r
from climate_course.theme import country_color


@pytest.fixture(scope="module")
def emissions():
    return cc.load_table("co2_annual")


@pytest.fixture(scope="module")
def by_source():
    return cc.load_table("co2_by_source")


@settings(deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=20, unique=True))
def test_ranks_of_distinct_values_are_a_permutation(values):
    ranks = r.rank_values(pd.Series(values))
    assert sorted(ranks.tolist()) == list(range(1, len(values) + 1))
    assert ranks[pd.Series(values).idxmax()] == 1


@settings(deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=20))
def test_ranks_with_ties_stay_in_range_and_equal_values_share_a_rank(values):
    ranks = r.rank_values(pd.Series(values, dtype=float))
    assert ranks.min() == 1 and ranks.max() <= len(values)
    for value in set(values):
        assert ranks[pd.Series(values) == value].nunique() == 1


def test_rank_table_flips_between_metrics(emissions):
    ranks = r.rank_table(emissions, [2024])
    grid = r.rank_grid(ranks, 2024)
    assert grid.loc["China", "Annual total"] == 1
    assert grid.loc["United States", "Since 1750"] == 1
    assert grid.loc["United States", "Per person"] == 1
    assert grid.loc["India", "Per person"] == 7
    for label in r.RANK_METRICS.values():
        assert sorted(grid[label].tolist()) == list(range(1, len(r.RANK_COUNTRIES) + 1))


def test_rank_table_rejects_unknown_metric_and_missing_data(emissions):
    with pytest.raises(ValueError, match="metrics"):
        r.rank_table(emissions, [2024], metrics=["gdp"])
    with pytest.raises(ValueError, match="no data"):
        r.rank_table(emissions, [2099])


@settings(max_examples=25, deadline=None)
@given(
    members=st.lists(st.sampled_from(r.RANK_COUNTRIES[:3] + ["India", "Japan", "Brazil", "Canada"]),
                     min_size=1, max_size=7, unique=True),
    year=st.integers(min_value=1950, max_value=2024),
)
def test_shares_of_cumulative_are_between_0_and_100(emissions, members, year):
    shares = r.cumulative_shares(emissions, {"group": members}, year)
    assert 0 <= shares["group"] <= 100


def test_cumulative_shares_add_up(emissions):
    one = r.cumulative_shares(emissions, {"a": ["China"], "b": ["India"], "ab": ["China", "India"]}, 2024)
    assert one["ab"] == pytest.approx(one["a"] + one["b"])
    with pytest.raises(ValueError, match="no 2024 data"):
        r.cumulative_shares(emissions, {"x": ["Atlantis"]}, 2024)


@settings(max_examples=20, deadline=None)
@given(year=st.integers(min_value=1950, max_value=2022))
def test_fuel_shares_sum_to_at_most_100(by_source, year):
    mix = r.fuel_mix(by_source, ["China", "United States"], year)
    totals = mix.groupby("country")["share_pct"].sum()
    assert (totals <= 100 + 0.01).all()  # the source's parts are rounded and (mix["share_pct"] >= 0).all()


def test_fuel_mix_china_is_coal_us_is_oil(by_source):
    mix = r.fuel_mix(by_source, ["China", "United States"], 2022).set_index(["country", "fuel"])["share_pct"]
    assert mix["China", "coal"] > 70
    assert mix["United States", "oil"] == max(mix["United States"])


def test_rank_flip_chart_spec(emissions):
    ranks = r.rank_table(emissions, [2000, 2024])
    spec = r.rank_flip_chart(ranks, "Source: test").to_dict()
    param = spec["params"][0]
    assert param["bind"]["input"] == "select" and param["bind"]["options"] == [2000, 2024]
    assert param["value"] == 2024
    assert spec["description"] and spec["title"]["subtitle"] == ["Source: test"]
    lines = spec["layer"][0]["encoding"]
    assert lines["color"]["scale"]["range"][0] == country_color("China")
    assert "strokeDash" in lines
    assert spec["layer"][1]["encoding"]["shape"]["scale"]["domain"] == r.RANK_COUNTRIES


def test_fuel_mix_chart_spec(by_source):
    mix = r.fuel_mix(by_source, ["China", "United States"], 2022)
    spec = r.fuel_mix_chart(mix, "Source: test", 2022).to_dict()
    assert spec["title"]["text"] == "Fossil CO₂ by fuel, 2022"
    assert spec["facet"]["column"]["field"] == "country"
    assert "2022" in spec["description"]


def test_ghg_sources_table_lists_six_sources():
    table = r.ghg_sources_table()
    assert len(table) == 6
    assert table["Source"].iloc[0] == "Transport"


def test_metrics_table_prints_fixed_rounding(emissions):
    text = str(r.metrics_table(emissions, ["China", "World"], 2024))
    assert "Share of world since 1750 (%)" in text and "100.0" in text and "12,289" in text
    with pytest.raises(ValueError, match="no 2024 data"):
        r.metrics_table(emissions, ["Atlantis"], 2024)
