"""Cap-and-trade model: exact cases, input checks, invariants, and the browser formula."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from climate_course import carbon_market as cm
from climate_course import load_table, table_meta


def test_two_firm_textbook_case():
    out = cm.cap_and_trade([1, 3], [100, 100], cap=120)  # 80 t to cut
    assert out.price == pytest.approx(60)
    assert out.abatement == pytest.approx([60, 20])
    assert out.total_cost == pytest.approx(2400)
    result = cm.compare([1, 3], [100, 100], 120)
    assert result["uniform_cost"] == pytest.approx(3200)
    assert result["saving_pct"] == pytest.approx(25)


def test_saturated_firm_cuts_everything():
    out = cm.cap_and_trade([1, 3], [100, 100], cap=20)  # 180 t to cut
    assert out.abatement == pytest.approx([100, 80])
    assert out.price == pytest.approx(240)


def test_no_cut_means_zero_price_and_cost():
    out = cm.cap_and_trade([2, 5, 1], [10, 20, 30], cap=60)
    assert out.price == 0 and out.total_cost == 0


def test_n_firms_table():
    out = cm.cap_and_trade([1, 2, 4], [50, 50, 50], cap=80)
    frame = out.table()
    assert list(frame.columns) == ["firm", "abatement", "emissions", "mac", "cost"]
    assert frame["emissions"].sum() == pytest.approx(80)


@pytest.mark.parametrize(
    ("slopes", "baselines", "cap", "word"),
    [
        ([1, -2], [10, 10], 5, "slopes"),
        ([1, 0], [10, 10], 5, "slopes"),
        ([1, 2], [10, -1], 5, "baselines"),
        ([1, 2], [10], 5, "baselines"),
        ([], [], 0, "slopes"),
        ([1, 2], [10, 10], 25, "cap"),
        ([1, 2], [10, 10], -1, "cap"),
    ],
)
def test_bad_inputs_name_the_parameter(slopes, baselines, cap, word):
    with pytest.raises(ValueError, match=word):
        cm.cap_and_trade(slopes, baselines, cap)


def test_bad_abatement_named():
    with pytest.raises(ValueError, match="abatement must be between 0 and"):
        cm.equilibrium_price([1], [10], 11)
    with pytest.raises(ValueError, match="abate"):
        cm.two_firm_formula(300, 1, 1, 100, 100)


firms = st.integers(min_value=1, max_value=8).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(0.05, 50), min_size=n, max_size=n),
        st.lists(st.floats(0, 1000), min_size=n, max_size=n),
        st.floats(0, 1),
    )
)


@settings(max_examples=300, deadline=None)
@given(firms)
def test_invariants(case):
    slopes, baselines, fraction = case
    cap = fraction * sum(baselines)
    out = cm.cap_and_trade(slopes, baselines, cap)
    scale = max(1.0, sum(baselines))
    # Emissions never exceed the cap, and no firm emits less than zero or more than its baseline.
    assert out.emissions.sum() <= cap + 1e-7 * scale
    assert np.all(out.emissions >= -1e-9) and np.all(out.abatement >= -1e-12)
    # Firms that abate part of their emissions have MAC equal to the price; saturated ones at most the price.
    interior = (out.abatement > 1e-9) & (out.emissions > 1e-9)
    assert np.allclose(out.mac[interior], out.price, rtol=1e-7, atol=1e-7)
    assert np.all(out.mac <= out.price * (1 + 1e-9) + 1e-9)
    # Trading never costs more than asking every firm for the same share.
    uniform = cm.uniform_standard(slopes, baselines, cap)
    assert out.total_cost <= uniform.total_cost * (1 + 1e-9) + 1e-9
    assert uniform.emissions.sum() == pytest.approx(cap, abs=1e-7 * scale)


@settings(max_examples=300, deadline=None)
@given(st.floats(0, 1), st.floats(0.1, 10), st.floats(0.1, 10), st.floats(1, 500), st.floats(1, 500))
def test_browser_formula_matches_solver(fraction, s1, s2, e1, e2):
    abate = fraction * (e1 + e2)
    formula = cm.two_firm_formula(abate, s1, s2, e1, e2)
    out = cm.cap_and_trade([s1, s2], [e1, e2], e1 + e2 - abate)
    assert [formula["a1"], formula["a2"]] == pytest.approx(list(out.abatement), abs=1e-6)
    assert formula["price"] == pytest.approx(out.price, rel=1e-6, abs=1e-6)
    result = cm.compare([s1, s2], [e1, e2], e1 + e2 - abate)
    assert formula["trade_cost"] == pytest.approx(result["trading_cost"], rel=1e-6, abs=1e-6)
    assert formula["uniform_cost"] == pytest.approx(result["uniform_cost"], rel=1e-6, abs=1e-6)


def _ternary_to_python(s: str) -> str:
    """Rewrite Vega's ``c ? a : b`` (possibly nested, in parentheses) as Python conditionals."""
    s = s.strip()
    depth, q = 0, None
    for i, ch in enumerate(s):
        depth += (ch == "(") - (ch == ")")
        if ch == "?" and depth == 0:
            q = i
            break
    if q is not None:
        rest, depth, nested = s[q + 1:], 0, 0
        for i, ch in enumerate(rest):
            depth += (ch == "(") - (ch == ")")
            if depth == 0 and ch == "?":
                nested += 1
            elif depth == 0 and ch == ":":
                if nested == 0:
                    break
                nested -= 1
        a, b = rest[:i], rest[i + 1:]
        return f"(({_ternary_to_python(a)}) if ({_ternary_to_python(s[:q])}) else ({_ternary_to_python(b)}))"
    out, depth, begin = [], 0, 0
    for i, ch in enumerate(s):  # convert the inside of each top-level parenthesised group
        if ch == "(":
            if depth == 0:
                out.append(s[begin:i + 1])
                begin = i + 1
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                out.append(_ternary_to_python(s[begin:i]))
                begin = i
    out.append(s[begin:])
    return "".join(out)


def _eval_vega(expr: str, env: dict, datum: dict) -> float:
    """Evaluate one of the simple Vega expressions of TWO_FIRM_EXPR in Python."""
    py = _ternary_to_python(expr.replace("datum.", "datum_"))
    scope = {**env, **{f"datum_{k}": v for k, v in datum.items()}, "max": max}
    return eval(py, {}, scope)  # noqa: S307 - test-only, expressions are our own constants


@pytest.mark.parametrize(("abate", "s1", "s2"), [(80, 1, 3), (180, 1, 3), (150, 5, 0.5), (0, 2, 2), (200, 1, 4)])
def test_vega_expressions_equal_python_formula(abate, s1, s2):
    env = {"abate": abate, "slope1": s1, "slope2": s2, "E1": 100, "E2": 100}
    datum: dict = {}
    for name, expr in cm.TWO_FIRM_EXPR.items():
        datum[name] = _eval_vega(expr, env, datum)
    expected = cm.two_firm_formula(abate, s1, s2, 100, 100)
    for key in ("a1", "a2", "price", "trade_cost", "uniform_cost", "saving_pct"):
        assert datum[key] == pytest.approx(expected[key])


def test_cap_and_trade_chart_spec():
    spec = cm.cap_and_trade_chart().to_dict()
    names = {p["name"] for p in spec["params"]}
    assert {"abate", "slope1", "slope2"} <= names
    assert all("bind" in p for p in spec["params"])
    text = json.dumps(spec)
    assert "abate / (1 / slope1 + 1 / slope2)" in text
    assert spec["description"] and spec["title"]["text"]


def test_ets_facts_table_and_chart():
    facts = load_table("ets_facts")
    eu = facts[facts["system"] == "EU ETS"].set_index("figure_from")
    assert int(eu.loc["White paper (2021)", "entities"]) == 14000
    assert int(eu.loc["European Commission", "entities"]) == 10000
    spec = cm.ets_share_chart(facts, table_meta("ets_facts").citation).to_dict()
    assert "14,000 covered" in json.dumps(spec)
    assert spec["title"]["subtitle"]
    starts = cm.ets_start_years(facts)
    assert list(starts["start_year"]) == sorted(starts["start_year"])
    assert starts["system"].is_unique


def test_covered_world_share():
    co2 = load_table("co2_annual")
    check = cm.covered_world_share(co2, "China", 2021, 40, 50)
    assert check["low"] == pytest.approx(check["country_share"] * 0.4)
    assert 10 < check["low"] < check["high"] < 17
    with pytest.raises(ValueError, match="low_pct"):
        cm.covered_world_share(co2, "China", 2021, 60, 50)
    with pytest.raises(ValueError, match="no 1700 row"):
        cm.covered_world_share(co2, "China", 1700, 40, 50)


def test_compare_sources():
    facts = load_table("ets_facts")
    eu = cm.compare_sources(facts, "EU ETS")
    assert list(eu["figure_from"]) == ["White paper (2021)", "European Commission"]
    with pytest.raises(ValueError, match="system must be one of"):
        cm.compare_sources(facts, "Mars ETS")
