"""Checks of exercises/ex10_carbon_trading: right answers pass, typical mistakes get their hint,
junk is handled."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import carbon_market as cm
from climate_course import load_table
from climate_course.exercises import check, questions

CO2 = load_table("co2_annual")
CHINA_SHARE = CO2[CO2["country"] == "China"].set_index("year")["share_global_co2"]


def _price(cap_pct):
    return cm.policy_outcome("trade", cap_pct, "grandfathered").price


def _two(cap=120, slopes=(1, 4)):
    return cm.compare(list(slopes), [100, 100], cap)


def _bank(reduction=0.043, banking=True, year=0):
    return float(cm.banking_path(reduction=reduction, banking=banking)["price"].iloc[year])


FIRMS_50 = cm.policy_outcome("trade", 50, "grandfathered").firms
BUYER = FIRMS_50.loc[FIRMS_50["position"].idxmin(), "firm"]
RIGHT = {
    "ex10.q1": _price(50),
    "ex10.q2": _two()["uniform_cost"] - _two()["trading_cost"],
    "ex10.q3": BUYER,
    "ex10.q4": _bank(),
    "ex10.q5": 0.4 * CHINA_SHARE[2021],
    "ex10.q6": alt.Chart(pd.DataFrame({"cap_pct": [50, 70], "price": [71.4, 42.9]}))
    .mark_line().encode(x="cap_pct", y="price").properties(title="t"),
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex10.")}


def test_the_checks_model_assumptions_hold():
    # the hints of ex10.q3 and the written answer assume these roles in the lab
    assert BUYER == "Steel"
    assert set(FIRMS_50.loc[FIRMS_50["role"] == "sells", "firm"]) == {"Power", "Aluminium", "Chemicals"}
    # question 2's firms stay away from the corners (neither cuts everything)
    assert 0 < _two()["price"] < 100


def test_the_solutions_agree_with_the_course_helpers():
    assert RIGHT["ex10.q2"] == pytest.approx(_two()["saving"])
    assert RIGHT["ex10.q5"] == pytest.approx(cm.covered_world_share(CO2, "China", 2021, 40, 50)["low"])


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex10.q1", _price(70), "cap of 70 %"),
        ("ex10.q1", _price(45), "cap of 45 %"),
        ("ex10.q1", _price(55), "cap of 55 %"),
        ("ex10.q1", cm.policy_outcome("trade", 50, "grandfathered").total_cost, "total abatement cost"),
        ("ex10.q1", cm.policy_outcome("trade", 50, "auction").revenue, "auction revenue"),
        ("ex10.q1", _price(50) / 100, "factor of 100"),
        ("ex10.q2", _two()["saving_pct"], "in per cent"),
        ("ex10.q2", _two()["trading_cost"], "total cost with trading"),
        ("ex10.q2", _two()["uniform_cost"], "cost of the uniform standard"),
        ("ex10.q2", _two(cap=80)["saving"], "not the tonnes they must cut"),
        ("ex10.q2", _two(slopes=(1, 3))["saving"], "chapter's slopes"),
        ("ex10.q2", -_two()["saving"], "wrong sign"),
        ("ex10.q3", "Chemicals", "so it sells"),
        ("ex10.q3", "power", "so it sells"),
        ("ex10.q3", "Aviation", "not the most negative"),
        ("ex10.q3", "Cement", "not the most negative"),
        ("ex10.q3", "all", "some firms sell"),
        ("ex10.q4", _bank(banking=False), "without banking"),
        ("ex10.q4", _bank(reduction=cm.EU_LRF_2021), "2021 reduction factor"),
        ("ex10.q4", _bank(year=-1), "last year"),
        ("ex10.q5", CHINA_SHARE[2021], "whole share"),
        ("ex10.q5", 0.5 * CHINA_SHARE[2021], "lower end"),
        ("ex10.q5", 0.4 * CHINA_SHARE[2024], "2024 figures"),
        ("ex10.q5", 0.4 * CHINA_SHARE[2020], "2020 figures"),
        ("ex10.q5", 0.4 * CHINA_SHARE[2021] / 100, "factor of 100"),
        ("ex10.q6", alt.Chart(pd.DataFrame({"cap_pct": [50]})).mark_bar().encode(x="cap_pct"), "line mark"),
        ("ex10.q6", alt.Chart(pd.DataFrame({"cap_pct": [50], "cost": [1]})).mark_line()
         .encode(x="cap_pct", y="cost").properties(title="t"), "price"),
        ("ex10.q6", alt.Chart(pd.DataFrame({"cap_pct": [50], "price": [1]})).mark_line()
         .encode(x="cap_pct", y="price"), "title"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message


def test_choice_hints_never_name_the_answer():
    for firm in FIRMS_50["firm"]:
        if firm != BUYER:
            assert BUYER not in check("ex10.q3", firm).message
