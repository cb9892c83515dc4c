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


# --- Lab: when does capture pay? -----------------------------------------------------------------
from hypothesis import settings
from vega_runner import needs_node, rows_with, vega_data

from climate_course.labs import Parameter


def test_avoided_fraction_by_hand():
    assert ccs.avoided_fraction(0.9, 0.25) == pytest.approx(0.875)  # 1 - 0.1 * 1.25
    assert ccs.avoided_fraction(0.9, 0.0) == pytest.approx(0.9)
    assert ccs.avoided_fraction(0.0, 0.25) == pytest.approx(-0.25)  # extra fuel, nothing captured


def test_default_economics_by_hand():
    # 4 Mt plant, 25 % more fuel -> 5 Mt gross; 90 % captured = 4.5 Mt; 0.5 Mt released; 3.5 Mt avoided.
    r = ccs.ccs_economics()
    assert (r["gross"], r["captured"], r["released"], r["avoided"]) == pytest.approx((5, 4.5, 0.5, 3.5))
    assert r["annual_cost"] == pytest.approx(4.5 * 70)  # $ million a year
    assert r["cost_per_captured"] == 70
    assert r["cost_per_avoided"] == pytest.approx(70 * 4.5 / 3.5)  # = 90
    assert r["breakeven_price"] == pytest.approx(90)
    assert ccs.ccs_economics(carbon_price=90)["net_profit"] == pytest.approx(0)
    assert ccs.ccs_economics(carbon_price=100)["net_profit"] == pytest.approx(3.5 * 100 - 315)


def test_45q_credit_by_hand():
    r = ccs.ccs_economics(credit=True)
    assert r["credit_income"] == pytest.approx(4.5 * 85)
    assert r["breakeven_price"] == pytest.approx((70 - 85) * 4.5 / 3.5)  # negative: pays at any price


@pytest.mark.parametrize("kwargs, message", [
    ({"capture_rate": 1.2}, "capture_rate must be between 0 and 0.99, got 1.2"),
    ({"energy_penalty": -0.1}, "energy_penalty must be between 0 and 0.5"),
    ({"emissions": 0}, "emissions must be between 0.5 and 20"),
    ({"capture_cost": 500}, "capture_cost must be between 0 and 200"),
    ({"storage_cost": -1}, "storage_cost must be between 0 and 50"),
    ({"credit": "yes"}, "credit must be one of"),
    ({"carbon_price": -5}, "carbon_price must be between 0 and 1000"),
])
def test_economics_rejects_out_of_range(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ccs.ccs_economics(**kwargs)


@settings(max_examples=60)
@given(st.floats(0.5, 20), st.floats(0.5, 0.99), st.floats(0, 0.5), st.floats(0, 200), st.floats(0, 50),
       st.floats(0, 300))
def test_economics_invariants(emissions, rate, penalty, cost, storage, price):
    r = ccs.ccs_economics(emissions, rate, penalty, cost, storage, False, price)
    assert r["captured"] + r["released"] == pytest.approx(r["gross"])
    assert r["avoided"] <= r["captured"] + 1e-9  # the energy penalty makes avoided <= captured
    assert r["avoided"] == pytest.approx(emissions * r["avoided_fraction"])
    if r["avoided"] > 1e-6:
        assert r["cost_per_avoided"] >= r["cost_per_captured"] - 1e-9
        # profit rises with the carbon price and is zero at break-even
        assert ccs.ccs_economics(emissions, rate, penalty, cost, storage, False,
                                 min(r["breakeven_price"], 1000))["net_profit"] == pytest.approx(0, abs=1e-6) \
            or r["breakeven_price"] > 1000


def test_breakeven_params_bound_with_model_ranges():
    spec = ccs.breakeven_chart().to_dict()
    params = {p["name"]: p for p in spec["params"]}
    for name, p in ccs.BREAKEVEN_PARAMS.items():
        bound = params["ccs_" + name]
        assert bound["value"] == p.default
        if isinstance(p, Parameter):
            assert (bound["bind"]["min"], bound["bind"]["max"]) == (p.min, p.max)
        else:
            assert bound["bind"]["input"] == "checkbox"


@needs_node
@pytest.mark.parametrize("signals", [{}, {"ccs_credit": True}, {"ccs_capture_rate": 0.6, "ccs_energy_penalty": 0.4,
                                                                 "ccs_capture_cost": 120, "ccs_storage_cost": 20}])
def test_static_chart_computes_what_python_computes(signals):
    values = {**{k: p.default for k, p in ccs.BREAKEVEN_PARAMS.items()},
              **{k.removeprefix("ccs_"): v for k, v in signals.items()}}
    data = vega_data(ccs.breakeven_chart().to_dict(), **signals)
    curve = {row["price"]: row["net_profit"] for row in rows_with(data, "net_profit")}
    python = ccs.profit_curve(**values)
    for _, row in python.iterrows():
        assert curve[row["price"]] == pytest.approx(row["net_profit"])
    marker = rows_with(data, "text")[0]
    assert marker["price"] == pytest.approx(min(max(ccs.ccs_economics(**values)["breakeven_price"], 0), ccs.PRICE_MAX))


def test_breakeven_widget_control_changes_chart():
    live = ccs.breakeven_widget()
    assert "Break-even: $90/t" in live.chart.to_dict()["description"]
    live.controls["credit"].value = True
    assert "Pays at any carbon price" in live.chart.to_dict()["description"]
    live.controls["credit"].value = False
    live.controls["capture_cost"].value = 100
    assert "Break-even: $141/t" in live.chart.to_dict()["description"]  # 110 * 4.5 / 3.5 = 141.4


def test_profit_curve_is_the_model_at_each_price():
    curve = ccs.profit_curve([0, 50, 90, 200], capture_rate=0.8)
    for price, profit in zip(curve["price"], curve["net_profit"]):
        assert profit == pytest.approx(ccs.ccs_economics(capture_rate=0.8, carbon_price=price)["net_profit"])
    records = ccs.breakeven_records(capture_rate=0.8)
    assert records[-1]["kind"] == "marker" and records[-1]["text"].startswith("Break-even")


# --- The label agrees with the curve, in Python and in the static chart ---------------------------
from itertools import product  # noqa: E402

from vega_expr import evaluate  # noqa: E402

VERDICT_GRID = [dict(capture_rate=r, energy_penalty=p, capture_cost=c, storage_cost=10, credit=k)
                for r, p, c, k in product((0, 0.2, 0.3, 0.5, 0.9, 0.99), (0, 0.25, 0.5), (0, 60, 200), (False, True))]


def _expected_verdict(curve: list[float]) -> str:
    """What the profit line itself says: sign of the profit at P = 0 and far to the right."""
    start, end = curve[0], curve[-1]
    if start >= 0 and end >= 0:
        return "Pays at any" if start > 0 or end > 0 else "Never pays"
    if start <= 0 and end <= 0:
        return "Never pays"
    return "Break-even" if start < 0 else "Pays only below"


@pytest.mark.parametrize("settings", VERDICT_GRID)
def test_label_agrees_with_its_profit_curve(settings):
    result = ccs.ccs_economics(**settings)
    text, price = ccs.verdict(result)
    prices = [0.0, 1e6]  # the line is straight: its sign far to the right is the sign of its slope
    line = [p * result["avoided"] + result["credit_income"] - result["annual_cost"] for p in prices]
    if abs(result["avoided"]) <= ccs.AVOIDED_TOL * result["emissions"]:
        line = [line[0], line[0]]
    assert text.startswith(_expected_verdict(line)), (settings, text, line)
    if text.startswith(("Break-even", "Pays only below")):
        crossing = -(result["credit_income"] - result["annual_cost"]) / result["avoided"]
        assert price == pytest.approx(min(crossing, ccs.PRICE_MAX))


def test_the_issue_case_pays_from_the_credit_alone():
    result = ccs.ccs_economics(capture_rate=0.2, energy_penalty=0.25, credit=True)
    assert result["avoided"] == pytest.approx(0, abs=1e-12)
    assert all(ccs.profit_curve(capture_rate=0.2, energy_penalty=0.25, credit=True)["net_profit"] > 0)
    assert ccs.verdict(result)[0].startswith("Pays at any carbon price")


@pytest.mark.parametrize("settings", VERDICT_GRID)
def test_static_label_is_the_python_label(settings):
    result = ccs.ccs_economics(**settings)
    datum = {"avoided": result["avoided"], "fixed": result["credit_income"] - result["annual_cost"]}
    signals = {"ccs_emissions": result["emissions"]}
    text, price = ccs.verdict(result)
    assert evaluate(ccs.verdict_expr()["text"], datum, **signals).replace("−", "-") == text
    assert evaluate(ccs.verdict_expr()["price"], datum, **signals) == pytest.approx(price)


@needs_node
def test_static_chart_labels_the_issue_case_like_python():
    signals = {"ccs_capture_rate": 0.2, "ccs_energy_penalty": 0.25, "ccs_credit": True}
    marker = rows_with(vega_data(ccs.breakeven_chart().to_dict(), **signals), "text")[0]
    assert marker["text"] == ccs.verdict(ccs.ccs_economics(capture_rate=0.2, energy_penalty=0.25, credit=True))[0]


@pytest.mark.parametrize("kwargs, name", [
    ({"carbon_price": float("nan")}, "carbon_price"), ({"carbon_price": True}, "carbon_price"),
    ({"credit": "no"}, "credit"), ({"credit": 1}, "credit"), ({"capture_rate": None}, "capture_rate"),
    ({"emissions": "4"}, "emissions"), ({"energy_penalty": float("inf")}, "energy_penalty"),
])
def test_economics_junk_is_named(kwargs, name):
    with pytest.raises((ValueError, TypeError), match=name):
        ccs.ccs_economics(**kwargs)


def test_economics_table_names_and_explains_every_entry():
    """Every entry of ccs_economics() is in the table under its code key, with a meaning and a unit."""
    result = ccs.ccs_economics(capture_rate=0.8, credit=True)
    frame = ccs.economics_table(capture_rate=0.8, credit=True).frame
    assert list(frame["key"]) == [f"<code>{key}</code>" for key in result]
    assert list(frame["value"]) == list(result.values())
    assert frame["meaning"].str.len().gt(0).all() and frame["unit"].str.len().gt(0).all()
