"""Compete-or-cooperate lab: stage payoffs, dilemma conditions, strategies, tournament and charts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vega_runner import needs_node, rows_with, vega_data

from climate_course import game

B, C_, S_ = 2.0, 3.0, 0.5  # defaults: R = 1.5, S = -1, T = 2, P = 0
params = st.fixed_dictionaries({"b": st.floats(0.5, 5), "c": st.floats(0, 10), "s": st.floats(0, 5)})
names = st.sampled_from(list(game.STRATEGIES))


def test_payoffs_by_hand():
    assert game.payoffs(2, 3, 0.5) == {"R": 1.5, "S": -1.0, "T": 2.0, "P": 0.0}


@pytest.mark.parametrize("b, c, s, dilemma", [
    (2, 3, 0.5, True),    # 2.5 < 3 < 4.5
    (2, 2.4, 0.5, False),  # c < b + s: abating pays by itself (R > T)
    (2, 5, 0.5, False),   # c > 2b + s: mutual defection beats mutual cooperation
    (2, 2.5, 0.5, False),  # boundary c = b + s: T = R, not strict
])
def test_dilemma_conditions(b, c, s, dilemma):
    assert game.dilemma_conditions(b, c, s)["dilemma"] is dilemma


@settings(max_examples=50, deadline=None)
@given(params)
def test_stage_game_tables_show_the_model(p):
    """The two tables a reader sees hold the model's payoffs and orderings, in the model's order."""
    payoffs = game.stage_game_table(**p).frame
    assert list(payoffs["symbol"]) == ["R", "S", "T", "P"]
    assert dict(zip(payoffs["symbol"], payoffs["payoff"])) == game.payoffs(**p)
    orderings = game.dilemma_table(**p).frame
    assert list(orderings["holds"]) == list(game.dilemma_conditions(**p).values())


def test_dilemma_table_says_no_on_a_boundary():
    """At c = b + s the temptation equals the reward: the table's last line says there is no dilemma."""
    last = str(game.dilemma_table(2, 2.5, 0.5)).splitlines()[-1]
    assert last.startswith("All three") and last.endswith("no")


@given(params)
def test_dilemma_iff_b_plus_s_below_c_below_2b_plus_s(p):
    b, c, s = (round(p[k] * game.EXACT) for k in "bcs")  # the model reads inputs to a billionth
    assert game.dilemma_conditions(**p)["dilemma"] == (b + s < c < 2 * b + s)


def test_exact_boundaries_from_the_issue():
    assert not game.dilemma_conditions(0.5, 0.9, 0.4)["dilemma"]  # T = R exactly
    assert game.region_of(0.5, 0.9, 0.4, 0.5) == "No dilemma: abating pays by itself"
    assert not game.dilemma_conditions(0.1 + 0.2 + 0.5, 2 * 0.8 + 0.3, 0.3)["dilemma"]  # R = P, 0.1 + 0.2 = 0.3
    assert game.region_of(1.0, 2.2, 0.3, 0.9) == "Dilemma, cooperation stable under grim trigger"  # δ = threshold
    assert game.region_of(1.0, 1.6, 0.5, 0.1) == "Dilemma, cooperation stable under grim trigger"  # δ = 0.1 exactly


def test_both_functions_share_one_exact_rule_on_the_slider_grid():
    """Every slider value of b and s (tenths), c on and beside both boundaries, and δ (hundredths) on and
    just below the grim-trigger line; the truth is computed in integers of slider steps."""
    b_grid, s_grid = range(5, 51), range(0, 51)
    for bi in b_grid:
        for si in s_grid:
            for ci in {bi + si - 1, bi + si, bi + si + 1, 2 * bi + si - 1, 2 * bi + si, 2 * bi + si + 1}:
                if not 0 <= ci <= 100:
                    continue
                b, c, s = bi / 10, ci / 10, si / 10
                dilemma = bi + si < ci < 2 * bi + si
                assert game.dilemma_conditions(b, c, s)["dilemma"] is dilemma, (b, c, s)
                assert game.region_of(b, c, s, 0.5).startswith("Dilemma") is dilemma, (b, c, s)
        for si in (0, 5, 13, 50):
            for ci in range(bi + si + 1, min(2 * bi + si, 101)):
                line = -(-100 * (ci - bi - si) // bi)  # first δ in hundredths with δ·b ≥ c − b − s
                for di, stable in ((line, True), (line - 1, False)):
                    if 0 <= di <= 100:
                        region = game.region_of(bi / 10, ci / 10, si / 10, di / 100)
                        assert (region == "Dilemma, cooperation stable under grim trigger") is stable, (bi, ci, si, di)


def test_grim_threshold_by_hand():
    assert game.grim_threshold(2, 3, 0.5) == pytest.approx(0.25)  # (T - R)/(T - P) = 0.5 / 2
    assert game.grim_threshold(2, 2, 0.5) < 0  # cooperation pays even in one round


@given(params, st.floats(0, 1))
def test_grim_threshold_is_the_one_shot_deviation_condition(p, delta):
    pay = game.payoffs(**p)
    cooperate = pay["R"] / (1 - delta) if delta < 1 else float("inf")
    deviate = pay["T"] + delta * pay["P"] / (1 - delta) if delta < 1 else float("inf")
    if delta < 1 and abs(delta - game.grim_threshold(**p)) > 1e-9:
        assert (cooperate >= deviate) == (delta >= game.grim_threshold(**p))


def test_tft_vs_alld_three_rounds_by_hand():
    pay = game.payoffs(B, C_, S_)
    g = game.play("Tit for tat", "Always defect", rounds=3, b=B, c=C_, s=S_)
    assert list(g["row_move"]) == ["C", "D", "D"] and list(g["col_move"]) == ["D", "D", "D"]
    assert g["row_payoff"].sum() == pytest.approx(pay["S"] + 2 * pay["P"])  # -1
    assert g["col_payoff"].sum() == pytest.approx(pay["T"] + 2 * pay["P"])  # 2
    assert game.discounted_average(list(g["row_payoff"]), 1.0) == pytest.approx(-1 / 3)


def test_tf2t_is_exploited_twice():
    g = game.play("Always defect", "Tit for two tats", rounds=4, b=B, c=C_, s=S_)
    assert list(g["col_move"]) == ["C", "C", "D", "D"]
    assert list(g["row_payoff"]) == [2, 2, 0, 0]


def test_discounted_average_by_hand():
    # (2 + 0.5 * 0) / (1 + 0.5) = 4/3
    assert game.discounted_average([2, 0], 0.5) == pytest.approx(4 / 3)
    assert game.discounted_average([2, 0, 0], 0.0) == 2


@settings(max_examples=40, deadline=None)
@given(params, names, st.integers(1, 20))
def test_allc_pairs(p, other, rounds):
    pay = game.payoffs(**p)
    g = game.play("Always cooperate", "Always cooperate", rounds, **p)
    assert (g["row_payoff"] == pay["R"]).all()
    g = game.play("Always defect", other, rounds, **p)
    assert (g["row_payoff"] >= min(pay["P"], pay["T"])).all()  # AllD never gets less than P (T = b > 0)
    assert (g["row_payoff"] >= g["col_payoff"]).all()  # and never less than its opponent


@settings(max_examples=30, deadline=None)
@given(params, names, names, st.integers(1, 20), st.floats(0, 1))
def test_tournament_matches_closed_form(p, row, col, rounds, delta):
    pay = game.payoffs(**p)
    g = game.play(row, col, rounds, **p)
    first, k, then = game.pattern(row, col)
    expected = [pay[first] if t < k else pay[then] for t in range(rounds)]
    assert list(g["row_payoff"]) == pytest.approx(expected)


def test_rejects_out_of_range():
    with pytest.raises(ValueError, match="c must be between 0 and 10, got 11"):
        game.payoffs(2, 11, 0)
    with pytest.raises(ValueError, match="delta must be between 0 and 1, got 1.5"):
        game.tournament(delta=1.5)
    with pytest.raises(ValueError, match="rounds must be between 1 and 50"):
        game.play("Tit for tat", "Tit for tat", rounds=0)
    with pytest.raises(ValueError, match="strategy must be one of"):
        game.play("Pavlov", "Tit for tat")


def test_region_of_by_hand():
    assert game.region_of(2, 3, 0.5, 0.9) == "Dilemma, cooperation stable under grim trigger"
    assert game.region_of(2, 3, 0.5, 0.2) == "Dilemma, cooperation not stable"
    assert game.region_of(2, 2, 0.5, 0.2) == "No dilemma: abating pays by itself"
    assert game.region_of(2, 5, 0.5, 0.9) == "No dilemma: abating is not worth it even jointly"


@given(params, st.floats(0, 1))
def test_bands_contain_the_region_of_every_point(p, delta):
    bands = game.stability_bands(p["b"], p["s"])
    region = game.region_of(p["b"], p["c"], p["s"], delta)
    lo0, lo1 = bands[bands["region"] == region].sort_values("delta")["lo"]
    hi0, hi1 = bands[bands["region"] == region].sort_values("delta")["hi"]
    lo, hi = lo0 + delta * (lo1 - lo0), hi0 + delta * (hi1 - hi0)  # boundaries are straight in delta
    assert lo - 1e-9 <= p["c"] <= hi + 1e-9


def test_static_charts_bind_model_ranges():
    for chart in (game.tournament_chart(), game.stability_chart()):
        spec = chart.to_dict()
        for p in spec["params"]:
            model = game.GAME_PARAMS[p["name"].removeprefix("g_")]
            assert p["value"] == model.default
            assert (p["bind"]["min"], p["bind"]["max"], p["bind"]["step"]) == (model.min, model.max, model.step)


@needs_node
@pytest.mark.parametrize("values", [{}, {"delta": 1.0, "rounds": 3}, {"delta": 0.0}, {"b": 1, "c": 6, "s": 2, "delta": 0.5, "rounds": 25}])
def test_static_heatmap_computes_what_python_computes(values):
    full = {**{k: p.default for k, p in game.GAME_PARAMS.items()}, **values}
    data = vega_data(game.tournament_chart().to_dict(), **{"g_" + k: v for k, v in values.items()})
    browser = {(r["row"], r["col"]): r["payoff"] for r in rows_with(data, "payoff")}
    python = game.tournament(**full)
    for _, r in python.iterrows():
        assert browser[(r["row"], r["col"])] == pytest.approx(r["payoff"])


@needs_node
@pytest.mark.parametrize("b, s", [(2, 0.5), (1.5, 1), (5, 5), (0.5, 0)])
def test_static_region_map_matches_python(b, s):
    data = vega_data(game.stability_chart().to_dict(), g_b=b, g_s=s)
    browser = {(r["region"], r["delta"]): (r["lo"], r["hi"]) for r in rows_with(data, "lo", "hi")}
    for _, r in game.stability_bands(b, s).iterrows():
        assert browser[(r["region"], r["delta"])] == pytest.approx((r["lo"], r["hi"]))


def test_game_widget_control_changes_chart():
    live = game.game_widget()
    before, regions_before = live.chart.to_dict(), live.regions.chart.to_dict()
    live.controls["c"].value = 6.0
    after, regions_after = live.chart.to_dict(), live.regions.chart.to_dict()
    assert before["data"] != after["data"] or before["datasets"] != after["datasets"]
    assert "c = 6" in str(after["title"])
    assert regions_before["datasets"] != regions_after["datasets"]  # the cross moved
    assert "threshold δ ≥ 1.75" in str(regions_after["title"])  # (6 - 2 - 0.5) / 2
