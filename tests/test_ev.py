"""Tests for climate_course.ev: EV market data, headline numbers and the tariff model."""

from __future__ import annotations

import math

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


@given(price=st.floats(10_000, 60_000), ship=st.floats(0, 5_000), rate=st.floats(0, 150), domestic=st.floats(10_000, 60_000))
def test_tariff_axis_holds_the_dearer_car_and_its_total(price, ship, rate, domestic):
    """Anywhere the sliders go, the axis's end (a Vega expression) lies past the dearer bar, with room
    for its total, and by at most a $10,000 step more; and the chart draws its scale from it."""
    spec = ev.tariff_chart(price, ship, rate, domestic).to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domainMax"] == {"expr": ev.TARIFF_AXIS_END}
    end = eval(ev.TARIFF_AXIS_END, {"ceil": math.ceil, "max": max, "imp_price": price, "ship": ship,
                                    "tariff": rate, "dom_price": domestic})
    dearer = max(ev.landed_price(price, ship, rate), domestic)
    assert 1.2 * dearer <= end < 1.2 * dearer + 10_000


def test_live_widget_controls_change_the_chart():
    live = ev.ev_market_widget()
    before = live.chart.data["value"].tolist()
    live.controls["metric"].value = "ev_sales_share"
    assert live.chart.data["value"].tolist() != before
    assert live.chart.to_dict()["title"]["text"] == "Electric share of new car sales"
    live.controls["regions"].value = ("Norway",)
    assert set(live.chart.data["country"]) == {"Norway"}


# --- Lab 2: EV competition ------------------------------------------------------------

import numpy as np  # noqa: E402

import re  # noqa: E402


def _if(test, then, other):
    return then if test else other


def eval_vega(expr: str, datum: dict, **names) -> float:
    """Evaluate one of the lab's Vega expressions (arithmetic, pow/exp/log, if(), object literals) in Python."""
    code = re.sub(r"\bdatum\.(\w+)", r"datum['\1']", expr)
    code = re.sub(r"\bif\(", "_if(", code)
    namespace = {"datum": datum, "_if": _if, "pow": pow, "exp": math.exp, "log": math.log, "LN2": math.log(2), **names}
    return eval(code, {"__builtins__": {}}, namespace)  # noqa: S307 - test helper on our own strings


def calculations(spec) -> dict[str, str]:
    """Every calculate transform in a Vega-Lite spec, as {field: expression}."""
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if "calculate" in node and "as" in node:
                found.setdefault(node["as"], node["calculate"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


@pytest.fixture(scope="module")
def lab(table):
    return ev.fit_markets(table), ev.world_market(table)


def test_logistic_and_wright_hand_cases():
    assert ev.logistic_share(2030, 2030, 0.5) == pytest.approx(50)
    assert ev.logistic_share(2032, 2030, 0.5) == pytest.approx(100 / (1 + math.exp(-1)))
    assert ev.learning_exponent(50) == pytest.approx(1)
    # one doubling at a 20 % learning rate: 139 -> 111.2 $/kWh; two doublings: 88.96
    assert ev.wright_cost(2, 1, 139, 20) == pytest.approx(111.2)
    assert ev.wright_cost(4, 1, 139, 20) == pytest.approx(88.96)
    # equal prices split the market; an import 10 % cheaper with beta 5 wins 1 / (1 + e^-0.5)
    assert ev.import_share(30_000, 30_000, 5) == pytest.approx(0.5)
    assert ev.import_share(27_000, 30_000, 5) == pytest.approx(1 / (1 + math.exp(-0.5)))


def test_validation_names_the_parameter(lab):
    fits, world = lab
    with pytest.raises(ValueError, match="tariff must be between 0 and 150, got 200"):
        ev.competition_scenario(fits, world, tariff=200)
    with pytest.raises(ValueError, match="learning_rate must be between 5 and 30"):
        ev.competition_scenario(fits, world, learning_rate=40)
    with pytest.raises(ValueError, match="subsidy"):
        ev.competition_scenario(fits, world, subsidy=-1)
    with pytest.raises(ValueError, match="market must be one of"):
        ev.competition_scenario(fits, world, market="Mars")
    with pytest.raises(ValueError, match="price_sensitivity"):
        ev.import_share(1, 1, -1)
    with pytest.raises(ValueError, match="learning_rate"):
        ev.wright_cost(2, 1, 100, 100)
    with pytest.raises(ValueError, match="steepness"):
        ev.logistic_share(2020, 2030, -1)


def test_fit_recovers_a_known_curve_and_matches_the_data(table, lab):
    years = np.arange(2010, 2024)
    fit = ev.fit_s_curve(years, ev.logistic_share(years, 2028.0, 0.4))
    assert (fit.midpoint, fit.steepness) == pytest.approx((2028.0, 0.4), abs=0.03)
    fits, world = lab
    assert fits["China"].midpoint < fits["World"].midpoint < fits["United States"].midpoint
    assert all(f.rmse < 2.5 for f in fits.values())  # percentage points
    assert round(world.cumulative_2023 / 1e6, 1) == 41.0
    assert round(world.car_sales / 1e6, 1) == 76.7


def test_named_scenario_tariff_100_vs_25(lab):
    fits, world = lab
    low = ev.competition_scenario(fits, world, tariff=25).set_index("year").loc[2030]
    high = ev.competition_scenario(fits, world, tariff=100).set_index("year").loc[2030]
    assert round(low["pack_cost"]) == round(high["pack_cost"]) == 69
    assert round(100 * low["import_share"], 1) == 61.6
    assert round(100 * high["import_share"], 1) == 9.6
    assert high["ev_share"] < low["ev_share"]


shares_params = dict(
    tariff=st.floats(0, 150), learning_rate=st.floats(5, 30), subsidy=st.floats(0, 10_000),
    price_sensitivity=st.floats(0, 20), market=st.sampled_from(ev.LAB_MARKETS),
)


@settings(deadline=None, max_examples=40)
@given(st.floats(0, 150), st.floats(0, 150), st.floats(5, 30), st.floats(0, 10_000), st.floats(0.5, 20))
def test_import_share_falls_as_the_tariff_rises(lab, t1, t2, lr, subsidy, beta):
    fits, world = lab
    low, high = sorted([t1, t2])
    a = ev.competition_scenario(fits, world, tariff=low, learning_rate=lr, subsidy=subsidy, price_sensitivity=beta)
    b = ev.competition_scenario(fits, world, tariff=high, learning_rate=lr, subsidy=subsidy, price_sensitivity=beta)
    assert (b["import_share"] <= a["import_share"] + 1e-12).all()


@settings(deadline=None, max_examples=40)
@given(**shares_params)
def test_shares_stay_in_range_and_ev_share_rises_over_time(lab, **scenario):
    fits, world = lab
    out = ev.competition_scenario(fits, world, **scenario)
    assert out["import_share"].between(0, 1).all()
    assert out["ev_share"].between(0, 100).all() and out["fit_share"].between(0, 100).all()
    assert (np.diff(out["fit_share"]) >= 0).all()
    assert (np.diff(out["ev_share"]) >= -1e-9).all()
    assert (np.diff(out["pack_cost"]) <= 1e-9).all()


@settings(deadline=None)
@given(st.floats(1, 1e9), st.floats(1, 1e9), st.floats(0, 60), st.floats(1, 500))
def test_battery_cost_falls_with_cumulative_production(q1, q2, lr, c0):
    low, high = sorted([q1, q2])
    assert ev.wright_cost(high, 1e6, c0, lr) <= ev.wright_cost(low, 1e6, c0, lr) * (1 + 1e-12)
    assert ev.wright_cost(high, 1e6, c0, 0) == pytest.approx(c0)  # no learning: constant cost


@settings(deadline=None)
@given(st.floats(1990, 2060), st.floats(1990, 2060), st.floats(2000, 2050), st.floats(0, 2))
def test_logistic_is_monotone_in_time(y1, y2, mid, k):
    early, late = sorted([y1, y2])
    assert ev.logistic_share(early, mid, k) <= ev.logistic_share(late, mid, k)


def test_static_chart_binds_lab_params_with_model_ranges(table):
    spec = ev.competition_chart(table).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    for name, par in ev.LAB_PARAMS.items():
        bound = params["lab_" + name]
        assert bound["value"] == par.default
        if name == "market":
            assert bound["bind"]["input"] == "select" and bound["bind"]["options"] == ev.LAB_MARKETS
        else:
            assert (bound["bind"]["min"], bound["bind"]["max"]) == (par.min, par.max)
    assert params["lab_tariff"]["bind"]["max"] == 150
    assert spec["description"] and spec["title"]["subtitle"]


@pytest.mark.parametrize("scenario", [
    dict(market="United States", tariff=25, learning_rate=20, subsidy=0, price_sensitivity=5),
    dict(market="China", tariff=100, learning_rate=30, subsidy=7500, price_sensitivity=12),
    dict(market="Europe", tariff=0, learning_rate=5, subsidy=2000, price_sensitivity=0),
])
def test_vega_formulas_give_the_python_numbers(table, lab, scenario):
    fits, world = lab
    spec_formulas = calculations(ev.competition_chart(table).to_dict())
    formulas = ev.competition_formulas(fits, world)
    assert all(spec_formulas[name] == formula for name, formula in formulas.items())
    python = ev.competition_scenario(fits, world, **scenario)
    params = {f"lab_{k}": v for k, v in scenario.items()}
    total = 0.0
    for _, row in python.iterrows():
        datum = {"year": int(row["year"])}
        for name, formula in spec_formulas.items():
            if name not in formulas:
                continue
            if name == "cumulative":
                datum["new_total"] = total  # the spec's running window sum over new_ev
            datum[name] = eval_vega(formula, datum, **params)
            if name == "new_ev":
                total += datum["new_ev"]
        for col in ["cumulative", "pack_cost", "p_import", "p_domestic", "import_share", "fit_share", "ev_share"]:
            assert datum[col] == pytest.approx(row[col], rel=1e-9), (col, row["year"])


def test_live_lab_controls_change_the_chart():
    live = ev.competition_widget()
    assert set(live.controls) == set(ev.LAB_PARAMS)
    assert live.controls["tariff"].max == 150 and live.controls["learning_rate"].min == 5
    def import_share():
        rows = live.chart.to_dict()["datasets"]["lab"]
        return [r["value"] for r in rows if r["key"] == "import_pct"]

    before = import_share()
    live.controls["tariff"].value = 100
    after = import_share()
    assert len(after) == 12 and max(after) < min(before)
    live.controls["market"].value = "China"
    assert "China" in live.chart.to_dict()["title"]["text"]
    rows = live.chart.to_dict()["datasets"]["lab"]
    assert [r["value"] for r in rows if r["key"] == "observed" and r["year"] == 2023] == [38]


def test_long_table_matches_the_static_fold(table, lab):
    fits, world = lab
    long = ev.competition_long(ev.competition_scenario(fits, world), ev.lab_years(table).set_index("year")["obs_World"])
    counts = long.groupby("key").size().to_dict()
    assert counts["observed"] == 14 and counts["fit_share"] == 26 and counts["ev_share"] == 12
    assert set(long["panel"]) == set(ev.PANELS)
    spec = ev.competition_chart(table).to_dict()
    assert spec["spec"]["layer"][0]["mark"]["type"] == "line" and spec["facet"]["field"] == "panel"
    steps = [next(iter(t)) for t in spec["transform"]]  # the model runs before the data are split into panels
    assert steps.index("window") < steps.index("fold")
    assert spec["transform"][steps.index("fold")]["fold"] == list(ev.SERIES)


_PARSE_JS = """
const vega = require(process.argv[1]);
const exprs = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const bad = [];
for (const [name, e] of Object.entries(exprs)) {
  try { vega.parseExpression(e); } catch (err) { bad.push(name + ': ' + err.message); }
}
console.log(JSON.stringify(bad));
"""


def test_every_vega_expression_of_the_lab_parses(table):
    """The book's own Vega parses each calculate/filter expression (catches quoting slips)."""
    import json
    import shutil
    import subprocess
    from pathlib import Path

    node = shutil.which("node")
    vega = Path(ev.__file__).parent / "press" / "static" / "vega" / "vega.min.js"
    if node is None or not vega.exists():
        pytest.skip("node or the vendored vega.min.js is not available")
    spec = ev.competition_chart(table).to_dict()
    exprs = dict(calculations(spec))
    filters = [t["filter"] for t in spec["transform"] if isinstance(t.get("filter"), str)]
    exprs.update({f"filter {i}": f for i, f in enumerate(filters)})
    exprs["title"] = spec["title"]["text"]["expr"]
    done = subprocess.run([node, "-e", _PARSE_JS, str(vega)], input=json.dumps(exprs), capture_output=True,
                          text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == []
