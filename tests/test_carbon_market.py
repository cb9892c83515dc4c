"""Cap-and-trade model: exact cases, input checks, invariants, and the browser formula."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vega_runner import needs_node, rows_with, vega_data

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
        ([1, 2], [10, 10], -1, "cap"),
        ([1, 2], [10, 10], True, "cap"),
        ([1, 2], [10, 10], float("nan"), "cap"),
        ([1, 2], [10, 10], "5", "cap"),
        ([1, 2], [10, 10], None, "cap"),
        ([1, float("nan")], [10, 10], 5, r"slopes\[1\]"),
        ([1, 2], [10, float("inf")], 5, r"baselines\[1\]"),
        ([1, True], [10, 10], 5, r"slopes\[1\]"),
        ("12", [10, 10], 5, "slopes"),
    ],
)
def test_bad_inputs_name_the_parameter(slopes, baselines, cap, word):
    with pytest.raises((ValueError, TypeError), match=word):
        cm.cap_and_trade(slopes, baselines, cap)


@pytest.mark.parametrize("cap", [20, 25, 1e6])
def test_a_cap_above_baseline_does_not_bind(cap):
    out = cm.cap_and_trade([1, 2], [10, 10], cap)
    assert out.price == 0 and out.total_cost == 0 and list(out.abatement) == [0, 0]
    assert cm.uniform_standard([1, 2], [10, 10], cap).total_cost == 0
    assert cm.compare([1, 2], [10, 10], cap)["saving"] == 0


def test_non_binding_cap_in_the_lab():
    out = cm.policy_outcome("trade", 110, "grandfathered")
    assert out.price == 0 and out.total_cost == 0 and set(out.firms["role"]) == {"spare"}
    assert out.emissions == pytest.approx(float(cm.FIRMS["baseline"].sum()))
    for policy in cm.POLICIES:
        assert cm.policy_outcome(policy, 120).total_cost == 0
    assert cm.MARKET_PARAMS["cap_pct"].max > 100
    assert "does not bind" in cm.market_lab_chart().to_dict()["description"]


@pytest.mark.parametrize("unit", [1e-12, 1e-6, 1.0, 1e6])
def test_tiny_and_huge_units_meet_the_cap(unit):
    # the same market measured in different units: the cap is met and the price scales with it
    slopes, baselines = np.array([1.0, 3.0, 10.0]), np.array([5.0, 1.0, 2.0]) * unit
    out = cm.cap_and_trade(slopes, baselines, 3.0 * unit)
    assert out.emissions.sum() == pytest.approx(3.0 * unit, rel=1e-9)
    assert out.price == pytest.approx(cm.cap_and_trade(slopes, baselines / unit, 3.0).price * unit, rel=1e-9)


def test_banking_and_firm_table_junk_is_named():
    with pytest.raises(TypeError, match="banking must be True or False"):
        cm.banking_path(banking="no")
    with pytest.raises(ValueError, match="years"):
        cm.banking_path(years=2.5)
    with pytest.raises(ValueError, match=r"output\[0\]"):
        cm.policy_outcome(firms=cm.FIRMS.assign(output=[np.nan, 1, 1, 1, 1, 1]))
    with pytest.raises(ValueError, match="firms must be a pandas DataFrame"):
        cm.policy_outcome(firms={"firm": ["a"]})
    with pytest.raises(ValueError, match="abate must be between 0 and 0"):
        cm.two_firm_formula(1, 1, 1, 0, 0)
    assert cm.two_firm_formula(0, 1, 1, 0, 0)["trade_cost"] == 0


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
    # Abatement agrees within 1e-6 t, so the price (slope × abatement) within slope × 1e-6.
    assert formula["price"] == pytest.approx(out.price, rel=1e-6, abs=1e-6 * max(s1, s2))
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
    return eval(py, {}, scope)


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
    assert "40–50 %; 2,200 covered" in json.dumps(spec, ensure_ascii=False)  # each point says its share and count
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


# --- Lab 1: six firms, four policies, banking -------------------------------------------


def test_six_firm_hand_case():
    # 90 Mt to cut, no corner: price = 90 / (1 + 1/4 + 1/6 + 1/5 + 1/2.5 + 1/12) = 90 / 2.1 = 42.86 €/t
    out = cm.policy_outcome("trade", 70, "grandfathered")
    assert out.price == pytest.approx(90 / 2.1)
    assert out.firms["abatement"].tolist() == pytest.approx([out.price / s for s in cm.FIRMS["slope"]])
    assert out.emissions == pytest.approx(out.cap) and out.cap == pytest.approx(210)
    # Grandfathering hands out 70 % of each baseline: the power firm (cheap cuts) sells.
    power = out.firms.set_index("firm").loc["Power"]
    assert power["allowances"] == pytest.approx(84) and power["role"] == "sells"
    auction = cm.policy_outcome("trade", 70, "auction")
    assert auction.revenue == pytest.approx(out.price * 210) and out.revenue == 0
    assert set(auction.summary()["buyers"]) == set(cm.FIRMS["firm"])
    uniform = cm.policy_outcome("uniform", 70)
    assert np.isnan(uniform.price) and uniform.firms["abatement"].tolist() == pytest.approx(
        list(0.3 * cm.FIRMS["baseline"]))
    assert uniform.total_cost == pytest.approx(sum(s * (0.3 * e) ** 2 / 2 for s, e in zip(cm.FIRMS["slope"],
                                                                                         cm.FIRMS["baseline"])))


def test_corner_at_tight_cap():
    out = cm.policy_outcome("trade", 40, "auction")  # 180 Mt to cut
    table = out.firms.set_index("firm")
    assert table.loc["Chemicals", "abatement"] == pytest.approx(30)  # cuts everything: its last tonne costs 75
    assert out.price == pytest.approx(150 / 1.7) and out.emissions == pytest.approx(120)


def test_intensity_scheme_moves_with_output():
    same = cm.policy_outcome("intensity", 70)
    bench = cm.policy_outcome("trade", 70, "benchmark")
    assert same.firms["position"].tolist() == pytest.approx(bench.firms["position"].tolist())
    grow = cm.compare_policies(70, "grandfathered", output_change=0.1)
    assert grow.loc["trade", "emissions"] == pytest.approx(210)  # a cap is a cap
    assert grow.loc["intensity", "emissions"] == pytest.approx(231)  # allowances grow with output
    assert grow.loc["tax", "emissions"] > 210 and grow.loc["tax", "price"] == pytest.approx(same.price)
    assert grow.loc["trade", "price"] > same.price


@pytest.mark.parametrize(("kwargs", "word"), [({"policy": "ban"}, "policy must be one of"),
                                                ({"cap_pct": 20}, "cap_pct must be between 40 and 120"),
                                                ({"allocation": "lottery"}, "allocation must be one of"),
                                                ({"output_change": 2}, "output_change must be between")])
def test_policy_bad_inputs(kwargs, word):
    with pytest.raises(ValueError, match=word):
        cm.policy_outcome(**kwargs)


firm_sets = st.integers(min_value=1, max_value=8).flatmap(lambda n: st.tuples(
    st.lists(st.floats(0.05, 50), min_size=n, max_size=n), st.lists(st.floats(0.1, 500), min_size=n, max_size=n),
    st.lists(st.floats(0.1, 10), min_size=n, max_size=n), st.integers(8, 20)))


def _frame(slopes, baselines, bench):
    return cm.FIRMS.iloc[:0].reindex(range(len(slopes))).assign(
        firm=[f"F{i}" for i in range(len(slopes))], slope=slopes, baseline=baselines, output=1.0,
        intensity_benchmark=bench)


@settings(max_examples=150, deadline=None)
@given(firm_sets)
def test_policy_invariants(case):
    slopes, baselines, bench, step = case
    firms = _frame(slopes, baselines, bench)
    cap_pct = 5 * step
    scale = max(1.0, sum(baselines))
    outs = {a: cm.policy_outcome("trade", cap_pct, a, firms) for a in cm.ALLOCATIONS}
    uniform = cm.policy_outcome("uniform", cap_pct, firms=firms)
    for out in outs.values():
        assert out.emissions <= out.cap + 1e-7 * scale  # never above the cap
        f = out.firms
        interior = (f["abatement"] > 1e-9) & (f["emissions"] > 1e-9)
        assert np.allclose(f.loc[interior, "mac"], out.price, rtol=1e-7, atol=1e-7)  # MAC = price
        assert out.total_cost <= uniform.total_cost * (1 + 1e-9) + 1e-9  # trading never costs more
        # Net positions of free allocations add to zero: trading moves allowances, it creates none.
        if out.allocation != "auction":
            assert f["position"].sum() == pytest.approx(out.cap - out.emissions, abs=1e-7 * scale)
    # Allocation changes who pays, not how much is cut.
    ref = outs["grandfathered"].firms["abatement"].to_numpy()
    for out in outs.values():
        assert np.allclose(out.firms["abatement"], ref, atol=1e-9 * scale)
    tax = cm.policy_outcome("tax", cap_pct, firms=firms)
    assert np.allclose(tax.firms["abatement"], ref, atol=1e-7 * scale)  # a tax at the market price hits the cap
    assert outs["auction"].revenue == pytest.approx(tax.revenue, rel=1e-9, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 300), st.integers(0, 2**31))
def test_vectorised_price_equals_slow_loop(n, seed):
    rng = np.random.default_rng(seed)
    s, e = rng.lognormal(0, 1, n), rng.uniform(0, 10, n) * (rng.random(n) > 0.1)
    need = rng.random() * e.sum()
    price = cm.equilibrium_price(s, e, need)
    assert np.minimum(price / s, e).sum() == pytest.approx(need, rel=1e-9, abs=1e-9)
    if need > 1e-9:  # lowest such price: a little less would cut too little
        assert np.minimum(price * (1 - 1e-6) / s, e).sum() < need + 1e-12


def test_clear_market_timing_is_fast():
    timing = cm.clear_market_timing(10_000, repeats=5)
    assert timing["n_firms"] == 10_000 and timing["price"] > 0
    assert timing["best_ms"] < 100
    with pytest.raises(ValueError, match="n_firms"):
        cm.clear_market_timing(0)


def test_banking_hand_case():
    # One firm, slope 1, baseline 100; caps 100 then 50 (reduction 0.5), r = 0: banking spreads the cut evenly.
    firm = _frame([1.0], [100.0], [1.0])
    path = cm.banking_path(years=2, start_cap_pct=100, reduction=0.5, discount_rate=0.0, firms=firm)
    assert path["price"].tolist() == pytest.approx([25, 25])
    assert path["emissions"].tolist() == pytest.approx([75, 75]) and path["bank"].tolist() == pytest.approx([25, 0])
    # With r = 10 %: p and 1.1 p, 200 - p - 1.1 p = 150 -> p = 50 / 2.1.
    path = cm.banking_path(years=2, start_cap_pct=100, reduction=0.5, discount_rate=0.1, firms=firm)
    assert path["price"].tolist() == pytest.approx([50 / 2.1, 55 / 2.1])
    no_bank = cm.banking_path(years=2, start_cap_pct=100, reduction=0.5, discount_rate=0.1, banking=False, firms=firm)
    assert no_bank["price"].tolist() == pytest.approx([0, 50])
    with pytest.raises(ValueError, match="discount_rate"):
        cm.banking_path(discount_rate=0.5)


@settings(max_examples=60, deadline=None)
@given(firm_sets, st.integers(2, 12), st.floats(0, 0.1), st.floats(0, 0.2), st.floats(40, 100))
def test_banking_invariants(case, years, reduction, rate, start):
    slopes, baselines, bench, _ = case
    firms = _frame(slopes, baselines, bench)
    scale = max(1.0, sum(baselines)) * years
    path = cm.banking_path(years, start, reduction, rate, True, firms)
    # Cumulative emissions never exceed the cumulative cap (no borrowing).
    assert (path["bank"] >= -1e-6 * scale).all()
    # While firms hold a bank, the price rises at exactly the discount rate; it never rises faster
    # (firms would then bank more), and rises slower only when the bank is empty (no borrowing).
    p = path["price"].to_numpy()
    held = path["bank"].to_numpy()[:-1] > 1e-6 * scale
    assert np.allclose(p[1:][held], p[:-1][held] * (1 + rate), rtol=1e-6, atol=1e-6)
    assert np.all(p[1:] <= p[:-1] * (1 + rate) + 1e-6 * max(1.0, p.max()))
    # Banking never costs more in present value than meeting each year's cap alone.
    alone = cm.banking_path(years, start, reduction, rate, False, firms)
    assert path["pv_cost"].sum() <= alone["pv_cost"].sum() * (1 + 1e-5) + 1e-6


def test_market_lab_spec_uses_parameter_ranges():
    spec = cm.market_lab_chart().to_dict()
    params = {p["name"]: p for p in spec["params"]}
    cap = cm.MARKET_PARAMS["cap_pct"]
    assert params["cm_cap_pct"]["value"] == cap.default
    assert (params["cm_cap_pct"]["bind"]["min"], params["cm_cap_pct"]["bind"]["max"]) == (cap.min, cap.max)
    assert params["cm_policy"]["bind"]["options"] == list(cm.POLICIES)
    assert params["cm_allocation"]["bind"]["options"] == list(cm.ALLOCATIONS)
    assert spec["description"] and spec["title"]["text"]


@needs_node
@pytest.mark.parametrize("signals", [{}, {"cm_policy": "trade", "cm_allocation": "auction", "cm_cap_pct": 45},
                                     {"cm_policy": "uniform", "cm_cap_pct": 85}, {"cm_policy": "tax"}])
def test_static_lab_shows_python_numbers(signals):
    values = {**{k: p.default for k, p in cm.MARKET_PARAMS.items()}, **{k[3:]: v for k, v in signals.items()}}
    data = vega_data(cm.market_lab_chart().to_dict(), **signals)
    firms = {r["firm"]: r for r in rows_with(data, "firm", "txt")}
    out = cm.policy_outcome(**values).firms.set_index("firm")
    assert set(firms) == set(out.index)
    for name, row in firms.items():
        assert row["abatement"] == pytest.approx(out.loc[name, "abatement"], abs=1e-3)
        assert row["position"] == pytest.approx(out.loc[name, "position"], abs=1e-3)
    table = {(r["policy"], r["metric"]): r["value"] for r in rows_with(data, "metric", "value")}
    summary = cm.compare_policies(values["cap_pct"], values["allocation"])
    for policy, row in summary.iterrows():
        assert table[(policy, "Cost M€")] == f"{row['total_cost']:,.0f}"
        assert table[(policy, "Revenue M€")] == f"{row['revenue']:,.0f}"


def test_market_lab_widget_control_changes_chart():
    live = cm.market_lab_widget()
    first = live.chart.to_dict()
    assert "price 43 €/t" in first["description"]
    live.controls["cap_pct"].value = 40
    assert live.chart.to_dict()["datasets"]["cm_firms"] != first["datasets"]["cm_firms"]
    live.controls["policy"].value = "uniform"
    assert "no price" in live.chart.to_dict()["description"]


def test_banking_chart():
    spec = cm.banking_chart().to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert {r["rule"] for r in rows} == {"With banking", "Each year alone"}
    assert spec["description"] and spec["title"]["text"]


def test_rounded_keeping_total_example():
    assert cm.rounded_keeping_total([7.4, 2.45, 3.15]).tolist() == [7, 3, 3]
    assert cm.rounded_keeping_total([-1e-13, 2.0]).tolist() == [0, 2]  # float noise is not a part
    with pytest.raises(ValueError, match="finite"):
        cm.rounded_keeping_total([1.0, float("nan")])


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=30))
def test_rounded_parts_add_up_to_the_rounded_total_and_stay_within_one(values):
    out = cm.rounded_keeping_total(values)
    assert out.sum() == round(float(np.round(values, 9).sum()))
    assert np.all(np.abs(out - np.asarray(values)) < 1 + 1e-6)


@pytest.mark.parametrize("cap_pct", [40, 55, 70, 85])
@pytest.mark.parametrize("allocation", ["grandfathered", "benchmark"])
def test_the_lab_shows_as_many_allowances_sold_as_bought(cap_pct, allocation):
    """The lab's labels ("sells 7", "buys 5") use the whole-Mt positions: with free allowances, those sold
    and those bought add up, as in the market (at auction every firm buys from the state)."""
    traded = cm.policy_outcome("trade", cap_pct, allocation).firms["traded"]
    assert traded[traded > 0].sum() == -traded[traded < 0].sum()
