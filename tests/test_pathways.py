"""Pathway helpers: budget arithmetic, peak-plateau-decline paths, rates and the static charts."""

from __future__ import annotations

import json
import math
import shutil
import subprocess

import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from climate_course import load_table, pathways as pw, table_meta

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


@given(st.floats(10, 3000), st.floats(1, 60))
def test_constant_cut_keeps_discrete_sum_near_budget(budget, annual):
    """A yearly cut of c % gives a geometric sum annual/(1-q); with q = e^-r it lies within one year's emissions of the budget."""
    cut = pw.constant_cut_for_budget(budget, annual) / 100
    total = annual / cut
    assert 0 < cut < 1
    assert budget <= total <= budget + annual + 1e-6


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


@given(paths)
def test_pathway_never_negative_and_reaches_target(kw):
    path = pw.pathway(2024, target_year=2060, **kw)
    assert (path["value"] >= 0).all()
    assert path["year"].iloc[-1] == 2060
    assert path["value"].iloc[-1] == pytest.approx(kw["target_value"])
    assert path["value"].iloc[0] == pytest.approx(kw["base_value"])


@given(paths)
def test_cumulative_is_monotone_in_peak_year(kw):
    assume(kw["target_value"] <= kw["base_value"])  # a decline, not a rise
    totals = [pw.cumulative(pw.pathway(2024, **dict(kw, peak_year=y)), 2025, 2060) for y in range(2025, 2031)]
    assert all(b >= a - 1e-9 for a, b in zip(totals, totals[1:]))


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


@pytest.mark.skipif(shutil.which("node") is None, reason="node is needed to evaluate the Vega expression")
@pytest.mark.parametrize("kw", [
    dict(peak_year=2028, plateau=2, shape=1.0, growth=1.0),
    dict(peak_year=2025, plateau=0, shape=2.5, growth=0.0),
    dict(peak_year=2030, plateau=7, shape=0.5, growth=2.25),
])
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
