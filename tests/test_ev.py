"""Tests for climate_course.ev: EV market data, headline numbers and the tariff model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import climate_course as cc
from climate_course import ev
from climate_course.theme import country_color


@pytest.fixture(scope="module")
def table():
    return cc.load_table("ev_sales")


def test_table_totals_are_sums_of_powertrains(table):
    parts = table[["bev_sales", "phev_sales", "fcev_sales"]].fillna(0).sum(axis=1)
    have = table["ev_sales"].notna()
    assert (parts[have] == table.loc[have, "ev_sales"]).all()
    for region in ["China", "United States", "Europe", "EU-27", "World", "India", "Japan", "Korea"]:
        assert set(range(2010, 2024)) <= set(table.loc[table["region"] == region, "year"])


def test_headline_matches_gev_2024(table):
    h = ev.headline(table, 2023)
    assert round(h.world_sales / 1e6, 1) == 13.8
    assert round(h.china_sales / 1e6, 1) == 8.1
    assert round(h.us_sales / 1e6, 1) == 1.4
    assert (h.world_share, h.china_share) == (18, 38)
    assert "China EV sales:  8.1 million" in ev.format_headline(h)


def test_ev_long_converts_counts_to_millions(table):
    long = ev.ev_long(table, ["World"], "ev_sales")
    assert long.loc[long["year"] == 2023, "value"].iloc[0] == pytest.approx(13.8089)
    share = ev.ev_long(table, ["China"], "ev_sales_share")
    assert share.loc[share["year"] == 2023, "value"].iloc[0] == 38
    with pytest.raises(ValueError, match="metric"):
        ev.ev_long(table, ["World"], "price")
    with pytest.raises(ValueError, match="Atlantis"):
        ev.ev_long(table, ["Atlantis"], "ev_sales")


def test_share_of_world_is_a_percentage(table):
    shares = ev.share_of_world(table, ["China", "United States", "EU-27"])
    assert shares["value"].between(0, 100).all()
    assert shares.groupby("year")["value"].sum().max() <= 100.5  # IEA rounding


def test_market_chart_binds_metric_menu_and_world_checkbox(table):
    spec = ev.ev_market_chart(table, "Source: test").to_dict()
    binds = {p["name"]: p["bind"] for p in spec["params"]}
    assert binds["ev_metric"]["input"] == "select"
    assert binds["ev_metric"]["options"] == list(ev.EV_METRICS)
    assert binds["ev_show_world"]["input"] == "checkbox"
    assert spec["description"] and spec["title"]["subtitle"] == ["Source: test"]
    colours = spec["layer"][0]["encoding"]["color"]["scale"]
    assert colours["range"][colours["domain"].index("China")] == country_color("China")


def test_share_chart_has_title_and_description(table):
    spec = ev.share_of_world_chart(ev.share_of_world(table, ["China"]), "Source: test").to_dict()
    assert spec["title"]["text"].startswith("Share of world electric-car sales")
    assert spec["description"]


def test_landed_price_examples():
    assert ev.landed_price(20_000, 1_000, 0) == 21_000
    assert ev.landed_price(20_000, 1_000, 100) == 42_000
    assert ev.landed_price(20_000, 1_000, 100, tariff_on_shipping=False) == 41_000
    with pytest.raises(ValueError):
        ev.landed_price(-1, 0, 0)


prices = st.floats(min_value=1_000, max_value=100_000, allow_nan=False)
costs = st.floats(min_value=0, max_value=10_000, allow_nan=False)
rates = st.floats(min_value=0, max_value=200, allow_nan=False)


@settings(deadline=None)
@given(prices, costs, rates, rates)
def test_landed_price_rises_with_the_tariff(price, ship, t1, t2):
    low, high = sorted([t1, t2])
    assert ev.landed_price(price, ship, low) <= ev.landed_price(price, ship, high)
    assert ev.landed_price(price, ship, low) >= price + ship


@settings(deadline=None)
@given(prices, costs, prices)
def test_break_even_tariff_equalises_prices(price, ship, domestic):
    rate = ev.break_even_tariff(price, ship, domestic)
    assert rate >= 0
    if domestic > price + ship:
        assert ev.landed_price(price, ship, rate) == pytest.approx(domestic)


def test_tariff_chart_has_four_sliders_and_same_arithmetic():
    spec = ev.tariff_chart(25_000, 1_500, 25, 35_000).to_dict()
    sliders = {p["name"]: p for p in spec["params"]}
    assert set(sliders) == {"imp_price", "ship", "tariff", "dom_price"}
    assert all(p["bind"]["input"] == "range" for p in sliders.values())
    assert sliders["tariff"]["value"] == 25
    calc = spec["layer"][0]["transform"][0]["calculate"]
    assert "(imp_price + ship) * tariff / 100" in calc
    assert spec["description"]


def test_live_widget_controls_change_the_chart():
    live = ev.ev_market_widget()
    before = live.chart.data["value"].tolist()
    live.controls["metric"].value = "ev_sales_share"
    assert live.chart.data["value"].tolist() != before
    assert live.chart.to_dict()["title"]["text"] == "Electric share of new car sales"
    live.controls["regions"].value = ("Norway",)
    assert set(live.chart.data["country"]) == {"Norway"}
