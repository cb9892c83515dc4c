"""Pathway helpers: budget arithmetic, peak-plateau-decline paths, rates and the static charts."""

from __future__ import annotations

import json
import math
import shutil
import subprocess

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from climate_course import i18n, load_table, pathways as pw, table_meta

from vega_expr import evaluate
from vega_runner import needs_node, rows_with, vega_data

SOURCE = table_meta("co2_annual").citation
EMISSIONS = load_table("co2_annual")


def _params(spec: dict) -> dict:
    found = {p["name"]: p for p in spec.get("params", [])}
    for layer in spec.get("layer", []):
        found.update({p["name"]: p for p in layer.get("params", [])})
    return found


def _calculates(spec, out=None):
    out = [] if out is None else out
    if isinstance(spec, dict):
        if "calculate" in spec:
            out.append(spec)
        for value in spec.values():
            _calculates(value, out)
    elif isinstance(spec, list):
        for value in spec:
            _calculates(value, out)
    return out


# --- rates -----------------------------------------------------------------------

def test_average_annual_rate_halving_in_ten_years():
    assert pw.average_annual_rate(100, 50, 10) == pytest.approx(-6.697, abs=1e-3)
    assert pw.average_annual_rate(100, 100, 5) == 0


@pytest.mark.parametrize("args", [(0, 1, 1), (1, -1, 1), (1, 1, 0)])
def test_average_annual_rate_rejects_bad_input(args):
    with pytest.raises(ValueError):
        pw.average_annual_rate(*args)


def test_growth_table_world_2010s():
    world = EMISSIONS[EMISSIONS["country"] == "World"].set_index("year")["co2"]
    table = pw.growth_table(world, [(2010, 2019)])
    assert table.loc[0, "period"] == "2010–2019"
    assert 0.5 < table.loc[0, "rate_pct"] < 2


# --- budgets ---------------------------------------------------------------------

def test_constant_cut_matches_closed_form():
    # 40 Gt a year and 400 Gt left: r = 0.1, cut = 1 - e^-0.1 = 9.52 %
    assert pw.constant_cut_for_budget(400, 40) == pytest.approx(9.516, abs=1e-3)
    assert math.isnan(pw.constant_cut_for_budget(0, 40))


@settings(deadline=None)  # the machine may be busy; correctness, not speed, is tested here
@given(st.floats(10, 3000), st.floats(1, 60))
def test_constant_cut_keeps_discrete_sum_near_budget(budget, annual):
    """A yearly cut of c % gives a geometric sum annual/(1-q); with q = e^-r it lies within one year's emissions of the budget."""
    cut = pw.constant_cut_for_budget(budget, annual) / 100
    total = annual / cut
    assert 0 < cut < 1
    assert budget <= total <= budget + annual + 1e-6


@settings(deadline=None)  # the machine may be busy; correctness, not speed, is tested here
@given(st.floats(200, 2000), st.floats(10, 50))
def test_later_start_needs_steeper_cut(budget, annual):
    table = pw.cut_by_start_year(budget, 0, annual, 2020, range(2020, 2031)).dropna()
    assert table["cut_pct"].is_monotonic_increasing


def test_budget_chart_has_slider_with_ipcc_default():
    spec = pw.budget_calculator_chart(38.6, 186.0, 2025, SOURCE).to_dict()
    budget = _params(spec)["budget"]
    assert budget["value"] == 500
    assert budget["bind"]["input"] == "range"
    assert spec["title"]["text"] and spec["description"]


# --- pathways --------------------------------------------------------------------

paths = st.fixed_dictionaries({
    "base_value": st.floats(0.5, 20), "peak_year": st.integers(2025, 2030), "plateau_years": st.integers(0, 10),
    "target_value": st.floats(0, 2), "shape": st.floats(0.5, 3), "growth_pct": st.floats(0, 3),
})


@settings(deadline=None)  # the machine may be busy; correctness, not speed, is tested here
@given(paths)
def test_pathway_never_negative_and_reaches_target(kw):
    path = pw.pathway(2024, target_year=2060, **kw)
    assert (path["value"] >= 0).all()
    assert path["year"].iloc[-1] == 2060
    assert path["value"].iloc[-1] == pytest.approx(kw["target_value"])
    assert path["value"].iloc[0] == pytest.approx(kw["base_value"])


@settings(deadline=None)  # the machine may be busy; correctness, not speed, is tested here
@given(paths)
def test_cumulative_is_monotone_in_peak_year(kw):
    assume(kw["target_value"] <= kw["base_value"])  # a decline, not a rise
    totals = [pw.cumulative(pw.pathway(2024, **dict(kw, peak_year=y)), 2025, 2060) for y in range(2025, 2031)]
    assert all(b >= a - 1e-9 for a, b in zip(totals, totals[1:]))


@settings(deadline=None)  # the machine may be busy; correctness, not speed, is tested here
@given(paths)
def test_cumulative_is_monotone_in_plateau(kw):
    assume(kw["target_value"] <= kw["base_value"])
    totals = [pw.cumulative(pw.pathway(2024, **dict(kw, plateau_years=p)), 2025, 2060) for p in range(0, 6)]
    assert all(b >= a - 1e-9 for a, b in zip(totals, totals[1:]))


def test_straight_decline_cumulative_is_a_triangle():
    path = pw.pathway(2024, 10.0, 2024, 0, 2034, 0.0, 1.0, 0.0)
    assert pw.cumulative(path, 2025, 2034) == pytest.approx(45.0)


def test_pathway_rejects_plateau_past_target():
    with pytest.raises(ValueError, match="before 2060"):
        pw.pathway(2024, 10, 2030, 30)


def test_history_and_path_joins_without_overlap():
    history = pd.Series([1.0, 2.0], index=[2023, 2024])
    joined = pw.history_and_path(history, pw.pathway(2024, 2.0, 2026, target_year=2030))
    assert joined["year"].is_unique and joined["year"].min() == 2023
    assert list(joined["kind"].unique()) == ["actual", "pathway"]


EXPR_CASES = [
    dict(peak_year=2028, plateau=2, shape=1.0, growth=1.0),
    dict(peak_year=2025, plateau=0, shape=2.5, growth=0.0),
    dict(peak_year=2030, plateau=7, shape=0.5, growth=2.25),
]


@pytest.mark.skipif(shutil.which("node") is None,
                    reason="Node.js is not on PATH; test_static_expression_equals_python_without_node "
                           "checks the same expression in pure Python")
@pytest.mark.parametrize("kw", EXPR_CASES)
def test_static_expression_equals_python(kw):
    expr = pw._pathway_expr(2024, 12.3, 2060, 0.5)
    js = expr.replace("pow(", "Math.pow(")
    program = (
        f"const peak_year={kw['peak_year']}, plateau={kw['plateau']}, shape={kw['shape']}, growth={kw['growth']};"
        "const out=[]; for (let y=2024; y<=2060; y++) { const datum={year:y}; out.push(" + js + "); }"
        "console.log(JSON.stringify(out));"
    )
    values = json.loads(subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True).stdout)
    path = pw.pathway(2024, 12.3, kw["peak_year"], kw["plateau"], 2060, 0.5, kw["shape"], kw["growth"])
    assert values == pytest.approx(path["value"].tolist(), abs=1e-5)


@pytest.mark.parametrize("kw", EXPR_CASES)
def test_static_expression_equals_python_without_node(kw):
    """The same parity check as the Node test, with a pure-Python evaluator of the Vega expression."""
    expr = pw._pathway_expr(2024, 12.3, 2060, 0.5)
    values = [evaluate(expr, {"year": y}, **kw) for y in range(2024, 2061)]
    path = pw.pathway(2024, 12.3, kw["peak_year"], kw["plateau"], 2060, 0.5, kw["shape"], kw["growth"])
    assert values == pytest.approx(path["value"].tolist(), abs=1e-5)


def test_pathway_explorer_spec():
    china = EMISSIONS[(EMISSIONS["country"] == "China") & (EMISSIONS["year"] >= 2000)].set_index("year")["co2"] / 1000
    spec = pw.pathway_explorer(china, "China", SOURCE).to_dict()
    params = _params(spec)
    assert {"peak_year", "plateau", "growth", "shape"} <= set(params)
    assert params["peak_year"]["bind"]["min"] == 2025 and params["peak_year"]["bind"]["max"] == 2030
    assert "China" in spec["description"] and spec["title"]["subtitle"]


# --- straight-line targets -------------------------------------------------------

def test_straight_line_path_interpolates():
    path = pw.straight_line_path({2024: 5.0, 2030: 3.0, 2050: 0.0})
    assert path.set_index("year").loc[2027, "value"] == pytest.approx(4.0)
    assert path.set_index("year").loc[2040, "value"] == pytest.approx(1.5)
    with pytest.raises(ValueError):
        pw.straight_line_path({2030: 1.0})


def test_target_chart_spec():
    us = EMISSIONS[(EMISSIONS["country"] == "United States") & (EMISSIONS["year"] >= 1990)].set_index("year")["co2"] / 1000
    path = pw.straight_line_path({2024: us[2024], 2030: us[2005] / 2, 2050: 0.0})
    spec = pw.target_chart(us, "United States", 2005, path, SOURCE, "T", "D").to_dict()
    assert spec["description"] == "D" and len(spec["layer"]) == 4


def test_chart_specs_are_strict_json():
    china = EMISSIONS[(EMISSIONS["country"] == "China") & (EMISSIONS["year"] >= 2000)].set_index("year")["co2"] / 1000
    for chart in (pw.pathway_explorer(china, "China", SOURCE), pw.budget_calculator_chart(38.6, 186.0, 2025, SOURCE)):
        json.dumps(chart.to_dict(), allow_nan=False)


def test_live_pathway_controls_change_the_chart():
    live = pw.pathway_widget("China")
    before = live.chart.to_dict()["title"]["text"]
    live.controls["peak_year"].value = 2030
    after = live.chart.to_dict()["title"]["text"]
    assert before != after and "cumulative 2020–2060" in after
    live.controls["shape"].value = 2.0
    assert live.chart.to_dict()["title"]["text"] != after


def test_live_and_static_agree_on_the_default_total():
    china = EMISSIONS[(EMISSIONS["country"] == "China") & (EMISSIONS["year"] >= 2000)].set_index("year")["co2"] / 1000
    path = pw.pathway(2024, china[2024], 2028, 2, 2060, 0.0, 1.0, 1.0)
    chart = pw.pathway_chart(china, path, "China", SOURCE)
    total = china.loc[2020:].sum() + pw.cumulative(path, 2025, 2060)
    assert f"{total:,.0f} Gt" in chart.to_dict()["title"]["text"]


# --- lab: pathways against fair shares of the budget --------------------------------

CHINA = EMISSIONS[(EMISSIONS["country"] == "China") & (EMISSIONS["year"] >= 2000)].set_index("year")["co2"] / 1000
US = EMISSIONS[(EMISSIONS["country"] == "United States") & (EMISSIONS["year"] >= 2000)].set_index("year")["co2"] / 1000
HISTORY = {"China": CHINA, "United States": US}
INPUTS = {c: pw.share_inputs(EMISSIONS, c) for c in HISTORY}


def test_ipcc_budget_table():
    assert pw.remaining_budget(1.5, 50) == 500 and pw.remaining_budget(1.5, 67) == 400
    assert pw.remaining_budget(1.5, 83) == 300 and pw.remaining_budget(2, 50) == 1350
    assert pw.remaining_budget(2, 67) == 1150 and pw.remaining_budget(2, 83) == 900
    for label, value in pw.IPCC_BUDGETS_2020.items():  # the older dict agrees with the full table
        assert value in pw.IPCC_BUDGET_TABLE.values()


@settings(deadline=None)  # the machine may be busy; correctness, not speed, is tested here
@given(st.sampled_from([50, 67, 83]), st.sampled_from([50, 67, 83]))
def test_stricter_targets_give_smaller_budgets(p, q):
    assert pw.remaining_budget(1.5, p) < pw.remaining_budget(2, p)
    if p < q:  # a higher chance of staying below the limit leaves less to emit
        assert pw.remaining_budget(1.5, q) < pw.remaining_budget(1.5, p)
        assert pw.remaining_budget(2, q) < pw.remaining_budget(2, p)


def test_fair_shares_by_hand():
    # 18 % of world population, 500 Gt budget -> 90 Gt
    assert pw.fair_share_population(500, 0.18) == pytest.approx(90)
    # 30 % of today's emissions -> 150 Gt
    assert pw.fair_share_grandfathering(500, 0.30) == pytest.approx(150)
    # world emitted 1,500 Gt since 1850: 18 % of (1,500 + 500) = 360, minus 200 already used = 160 Gt
    assert pw.fair_share_responsibility(500, 0.18, 1500, 200) == pytest.approx(160)
    # a country that used more than its share is left with a negative number
    assert pw.fair_share_responsibility(500, 0.05, 1500, 400) == pytest.approx(-300)


@pytest.mark.parametrize("call, message", [
    (lambda: pw.remaining_budget(3, 50), r"temperature must be one of \[1.5, 2.0\]"),
    (lambda: pw.remaining_budget(1.5, 90), r"probability must be one of \[50, 67, 83\]"),
    (lambda: pw.fair_share_population(-1, 0.2), "budget must be between 0 and 5000 Gt CO2, got -1"),
    (lambda: pw.fair_share_population(500, 1.2), "population_share must be between 0 and 1, got 1.2"),
    (lambda: pw.fair_share_grandfathering(500, -0.1), "emission_share must be between 0 and 1"),
    (lambda: pw.fair_share_responsibility(500, 0.2, -5, 0), "world_history must be between 0 and"),
    (lambda: pw.fair_share_responsibility(500, 0.2, 100, 150), "country_history must be between 0 and 100"),
    (lambda: pw.china_pathway(CHINA, peak_year=2035), "peak_year must be between 2025 and 2030, got 2035"),
    (lambda: pw.china_pathway(CHINA, plateau=11), "plateau must be between 0 and 10, got 11"),
    (lambda: pw.china_pathway(CHINA, growth=-1), "growth must be between 0 and 3, got -1"),
    (lambda: pw.china_pathway(CHINA, shape=0.1), "shape must be between 0.5 and 3, got 0.1"),
    (lambda: pw.us_pathway(US, cut_2030=90), "cut_2030 must be between 0 and 80, got 90"),
    (lambda: pw.us_pathway(US, net_zero_year=2070), "net_zero_year must be between 2040 and 2060, got 2070"),
    (lambda: pw.fair_share_result("China", CHINA, INPUTS["China"], 450.0, "population"), "budget must be one of"),
    (lambda: pw.fair_share_result("China", CHINA, INPUTS["China"], 500.0, "equal"), "rule must be one of"),
    (lambda: pw.share_inputs(EMISSIONS, "Atlantis"), "country must be a country in the emissions table"),
    (lambda: pw.share_inputs(EMISSIONS, "China", 1700), "year must be between 1850 and"),
])
def test_every_input_is_validated(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@settings(deadline=None)  # the machine may be busy; correctness, not speed, is tested here
@given(st.lists(st.floats(0, 1e9), min_size=1, max_size=30).filter(lambda xs: sum(xs) > 0), st.floats(0, 3000))
def test_population_shares_sum_to_the_budget(populations, budget):
    world = sum(populations)
    shares = [pw.fair_share_population(budget, min(1.0, p / world)) for p in populations]
    assert sum(shares) == pytest.approx(budget, rel=1e-9, abs=1e-6)


@settings(deadline=None)  # the machine may be busy; correctness, not speed, is tested here
@given(st.lists(st.tuples(st.floats(0.01, 1e9), st.floats(0, 500)), min_size=1, max_size=30), st.floats(0, 3000))
def test_responsibility_shares_sum_to_the_budget(countries, budget):
    """Past emissions plus the remaining budget are shared out exactly: the rule allocates the whole budget."""
    population = sum(p for p, _ in countries)
    history = sum(h for _, h in countries)
    shares = [pw.fair_share_responsibility(budget, min(1.0, p / population), history, h) for p, h in countries]
    assert sum(shares) == pytest.approx(budget, rel=1e-9, abs=1e-6)


china_args = st.fixed_dictionaries({"plateau": st.integers(0, 10), "growth": st.sampled_from([0, 0.5, 1, 2.25, 3]),
                                    "shape": st.sampled_from([0.5, 1, 1.75, 3])})


@settings(deadline=None)  # the machine may be busy; correctness, not speed, is tested here
@given(china_args)
def test_later_peak_never_lowers_chinas_total(kw):
    totals = [pw.china_pathway(CHINA, peak_year=y, **kw)["value"].sum() for y in range(2025, 2031)]
    assert all(b >= a - 1e-9 for a, b in zip(totals, totals[1:]))


@settings(deadline=None)  # the machine may be busy; correctness, not speed, is tested here
@given(st.integers(0, 79), st.integers(2040, 2059))
def test_deeper_cut_or_earlier_net_zero_never_raises_us_total(cut, year):
    total = pw.us_pathway(US, cut, year)["value"].sum()
    assert pw.us_pathway(US, cut + 1, year)["value"].sum() <= total + 1e-9
    assert total <= pw.us_pathway(US, cut, year + 1)["value"].sum() + 1e-9


def test_us_pathway_by_hand():
    history = pd.Series([6.0, 5.0, 4.0], index=[2005, 2020, 2026])
    path = pw.us_pathway(history, cut_2030=50, net_zero_year=2050).set_index("year")["value"]
    assert path[2028] == pytest.approx(3.5)  # halfway from 4 to 3 (half of 2005's 6)
    assert path[2040] == pytest.approx(1.5) and path[2050] == 0 and path[2060] == 0
    assert list(path.index[:2]) == [2020, 2026] and path.index.max() == 2060


def test_share_inputs_from_data():
    china, us = INPUTS["China"], INPUTS["United States"]
    assert 0.17 < china.population_share < 0.19 and 0.04 < us.population_share < 0.05
    assert china.world_history == us.world_history > 1000
    shares = pw.fair_shares(500.0, china)
    assert shares["population"] == pytest.approx(500 * china.population_share)


def _spec(country):
    return pw.fair_share_explorer(HISTORY[country], INPUTS[country], country, SOURCE).to_dict()


@pytest.mark.parametrize("country, params", [("China", pw.CHINA_PARAMS), ("United States", pw.US_PARAMS)])
def test_fair_share_spec_binds_the_model_ranges(country, params):
    spec = _spec(country)
    found = _params(spec)
    for name, p in params.items():
        bind = found[name]["bind"]
        assert (bind["min"], bind["max"], bind["step"], found[name]["value"]) == (p.min, p.max, p.step, p.default)
    assert found["budget"]["bind"]["options"] == list(pw.IPCC_BUDGET_TABLE.values())
    assert found["budget"]["value"] == 500 and found["rule"]["bind"]["options"] == list(pw.RULES)
    assert spec["title"]["text"] and country in spec["description"]
    json.dumps(spec, allow_nan=False)


def _static_numbers(spec, **values):
    """Run the spec's calculate/window chain in Python: yearly values, running total and chosen fair share."""
    calcs = {c["as"]: c["calculate"] for c in _calculates(spec)}

    rows = next(rows for rows in spec["datasets"].values() if "actual" in rows[0])
    total, out = 0.0, []
    for row in rows:
        value = evaluate(calcs["value"], row, **values)
        total += value
        out.append((row["year"], value, total, evaluate(calcs["share"], row, **values)))
    return out


SCENARIOS = [
    ("China", dict(peak_year=2028, plateau=2, growth=1.0, shape=1.0), 500.0, "population"),
    ("China", dict(peak_year=2030, plateau=5, growth=2.5, shape=0.5), 1150.0, "responsibility"),
    ("China", dict(peak_year=2025, plateau=0, growth=0.0, shape=3.0), 300.0, "grandfathering"),
    ("United States", dict(cut_2030=50, net_zero_year=2050), 500.0, "population"),
    ("United States", dict(cut_2030=20, net_zero_year=2060), 1350.0, "responsibility"),
    ("United States", dict(cut_2030=80, net_zero_year=2040), 900.0, "grandfathering"),
]


@pytest.mark.parametrize("country, kw, budget, rule", SCENARIOS)
def test_fair_share_static_equals_python(country, kw, budget, rule):
    """The static chart's Vega expressions (evaluated in pure Python) give the model's numbers."""
    result = pw.fair_share_result(country, HISTORY[country], INPUTS[country], budget, rule, **kw)
    static = _static_numbers(_spec(country), budget=budget, rule=rule, **kw)
    assert [v for _, v, _, _ in static] == pytest.approx(result["path"]["value"].tolist(), abs=1e-4)
    assert static[-1][2] == pytest.approx(result["total"], abs=1e-3)
    assert static[-1][3] == pytest.approx(result["share"], abs=1e-3)


@needs_node
@pytest.mark.parametrize("country, kw, budget, rule", SCENARIOS[1::2])
def test_fair_share_static_equals_python_in_vega(country, kw, budget, rule):
    """The same check with the book's own Vega (Node), including the window transform and the rule lines."""
    result = pw.fair_share_result(country, HISTORY[country], INPUTS[country], budget, rule, **kw)
    data = vega_data(_spec(country), budget=budget, rule=rule, **kw)
    last = max(rows_with(data, "total", "summary"), key=lambda r: r["year"])
    assert last["total"] == pytest.approx(result["total"], abs=1e-3)
    shares = {r["rule"]: r["share"] for r in rows_with(data, "rule", "share")}
    assert shares == pytest.approx(result["shares"], abs=1e-3)


def test_live_fair_share_widget_changes_the_chart():
    for country in HISTORY:
        live = pw.fair_share_widget(country)
        assert set(live.controls) == set(pw.fair_share_defaults(country))
        before = live.chart.to_dict()["datasets"]
        live.controls["budget"].value = 1350.0
        after = live.chart.to_dict()["datasets"]
        totals = [[r["total"] for r in d["path"]] for d in (before, after)]
        assert before["rules"] != after["rules"] and totals[0] == totals[1]
        first = next(iter(pw.US_PARAMS if country == "United States" else pw.CHINA_PARAMS))
        control = live.controls[first]
        control.value = control.max
        assert live.chart.to_dict()["datasets"]["path"] != after["path"]


def test_live_and_static_agree_on_the_default_scenario():
    live = pw.fair_share_widget("China")
    summary = live.chart.to_dict()["datasets"]["path"][-1]["summary"]
    result = pw.fair_share_result("China", CHINA, INPUTS["China"], **pw.fair_share_defaults("China"))
    static = _static_numbers(_spec("China"), **pw.fair_share_defaults("China"))
    assert f"{result['total']:,.0f} Gt" in summary and f"{static[-1][2]:,.0f} Gt" in summary


# --- Fair shares over every country of the real table add up to the budget ------------------------
def _all_country_shares(budget: float) -> dict[str, float]:
    table = load_table("co2_annual")
    countries = sorted(set(table["country"]) - set(pw.AGGREGATES))
    totals = dict.fromkeys(pw.RULES, 0.0)
    for country in countries:
        for rule, share in pw.fair_shares(budget, pw.share_inputs(table, country)).items():
            totals[rule] += share
    return totals


@pytest.mark.parametrize("budget", [400.0, 1150.0])
def test_every_rule_shares_out_exactly_the_budget_over_all_countries(budget):
    totals = _all_country_shares(budget)
    for rule, total in totals.items():
        assert total == pytest.approx(budget, rel=1e-9), rule


def test_what_the_rules_leave_out_is_international_transport():
    table = load_table("co2_annual")
    gap = pw.unallocated(table)
    assert gap["history"] == pytest.approx(41, abs=1)  # the chapter's "about 41 Gt"
    assert gap["annual_pct"] == pytest.approx(3.3, abs=0.1)  # "about 3 %" of 2019
    # charging the world total instead would hand out the 41 Gt again: about 108 % of a 500 Gt budget
    china = pw.share_inputs(table, "China")
    assert (500 + gap["history"]) / 500 == pytest.approx(1.08, abs=0.005)
    assert china.world_history + gap["history"] == pytest.approx(1658, abs=1)  # "1,660 Gt with international transport"


@pytest.mark.parametrize("country", ["World", "Atlantis"])
def test_share_inputs_refuses_what_is_not_a_country(country):
    with pytest.raises(ValueError, match="country must be a country"):
        pw.share_inputs(load_table("co2_annual"), country)


@pytest.mark.parametrize("code", i18n.LANGUAGES)
def test_the_fair_share_summary_breaks_at_its_semicolons_in_every_language(code):
    """The summary above the fair-share chart is three lines, to fit a phone: it breaks where its
    translation has the semicolons."""
    i18n.use_language(code)
    try:
        assert i18n._(pw._SUMMARY).count(i18n.punctuation("; ")) == 2
    finally:
        i18n.use_language(None)
