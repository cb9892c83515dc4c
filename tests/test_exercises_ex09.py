"""Checks of exercises/ex09_ccs: right answers pass, typical mistakes get their hint, junk is handled."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import ccs, load_table
from climate_course.exercises import check, questions

COMPANIES = load_table("ccs_companies_2019")
TOP10 = COMPANIES[COMPANIES["rank"] <= 10]
WEAK = {"capture_rate": 0.85, "energy_penalty": 0.3}
DEAR = ccs.ccs_economics(capture_cost=120)

RIGHT = {
    "ex09.q1": int((TOP10["country"] == "United States").sum()),
    "ex09.q2": ccs.ccs_economics(**WEAK)["breakeven_price"],
    "ex09.q3": 100 * ccs.avoided_fraction(0.95, 0.4),
    "ex09.q4": ccs.ccs_economics(capture_cost=120, credit=True)["breakeven_price"],
    "ex09.q5": alt.Chart(pd.DataFrame({"price": [0], "net_profit": [1]}))
    .mark_line().encode(x="price", y="net_profit").properties(title="t"),
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex09.")}


def test_the_model_answer_numbers_hold():
    assert RIGHT["ex09.q1"] == 5
    assert RIGHT["ex09.q2"] == pytest.approx(96.1, abs=0.1)
    assert RIGHT["ex09.q3"] == pytest.approx(93.0)
    assert RIGHT["ex09.q4"] == pytest.approx(57.9, abs=0.1)


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex09.q1", int((COMPANIES["country"] == "United States").sum()), "whole top 20"),
        ("ex09.q1", int((TOP10["region"] == "North America").sum()), "Canada included"),
        ("ex09.q2", ccs.ccs_economics()["breakeven_price"], "default settings"),
        ("ex09.q2", 70, "cost per tonne captured"),
        ("ex09.q2", ccs.ccs_economics(capture_rate=0.85)["breakeven_price"], "only the capture rate"),
        ("ex09.q2", ccs.ccs_economics(energy_penalty=0.3)["breakeven_price"], "only the energy penalty"),
        ("ex09.q2", -ccs.ccs_economics(**WEAK)["breakeven_price"], "wrong sign"),
        ("ex09.q3", 95, "capture rate"),
        ("ex09.q3", 7, "still released"),
        ("ex09.q3", 98, "not by p"),
        ("ex09.q3", 100 * ccs.avoided_fraction(0.95, 0.25), "default energy penalty"),
        ("ex09.q3", ccs.avoided_fraction(0.95, 0.4), "factor of 100"),
        ("ex09.q4", DEAR["breakeven_price"], "without the credit"),
        ("ex09.q4", 45, "per tonne captured"),
        ("ex09.q4", 130 * DEAR["captured"] / DEAR["avoided"] - 85, "subtract it before scaling"),
        ("ex09.q4", ccs.ccs_economics(credit=True)["breakeven_price"], "default capture cost"),
        ("ex09.q5", alt.Chart(pd.DataFrame({"price": [0]})).mark_bar().encode(x="price"), "line mark"),
        ("ex09.q5", alt.Chart(pd.DataFrame({"price": [0], "profit": [1]})).mark_line()
         .encode(x="price", y="profit").properties(title="t"), "net_profit"),
        ("ex09.q5", alt.Chart(pd.DataFrame({"price": [0], "net_profit": [1]})).mark_line()
         .encode(x="price", y="net_profit"), "title"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message
