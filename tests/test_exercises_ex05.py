"""Checks of exercises/ex05_us_plan: right answers pass, typical mistakes get their hint, junk is handled."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import load_table, pathways
from climate_course.exercises import check, questions

CO2 = load_table("co2_annual")
LATEST = int(CO2["year"].max())
US_NAME = "United States"


def _series(country):
    return CO2[(CO2["country"] == country) & (CO2["year"] >= 1990)].set_index("year")["co2"] / 1000


US = _series(US_NAME)
INPUTS = pathways.share_inputs(CO2, US_NAME)
CHANGE = 100 * (US[LATEST] / US[2005] - 1)


def _needed(cut=50.0, years=None, start=None):
    return pathways.average_annual_rate(US[LATEST] if start is None else start, US[2005] * (1 - cut / 100),
                                        years or 2030 - LATEST)


def _total(net_zero, cut=50.0, future_only=False):
    path = pathways.us_pathway(US, cut_2030=cut, net_zero_year=net_zero)
    return path.loc[path["year"] > LATEST, "value"].sum() if future_only else path["value"].sum()


def _ratio(temperature, chance, rule):
    budget = pathways.remaining_budget(temperature, chance)
    return pathways.fair_share_result(US_NAME, US, INPUTS, budget, rule, cut_2030=50, net_zero_year=2050)["ratio_pct"]


RIGHT = {
    "ex05.q1": CHANGE,
    "ex05.q2": _needed(),
    "ex05.q3": _total(2045),
    "ex05.q4": _ratio(2, 67, "population"),
    "ex05.q5": alt.Chart(pd.DataFrame({"rule": ["a"], "share": [1.0]}))
    .mark_bar().encode(x="share", y="rule").properties(title="t"),
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex05.")}


def test_the_checks_data_assumptions_hold():
    assert CHANGE < 0 and _needed() < 0  # the questions speak of a fall
    assert pathways.fair_shares(pathways.remaining_budget(2, 67), INPUTS)["responsibility"] < 0  # question 5 asks why


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex05.q1", 100 * (US[2019] / US[2005] - 1), "stops in 2019"),
        ("ex05.q1", 100 * (US[LATEST] / US[1990] - 1), "since 1990"),
        ("ex05.q1", 100 * (_series("China")[LATEST] / _series("China")[2005] - 1), "China's change"),
        ("ex05.q1", -CHANGE, "wrong sign"),
        ("ex05.q1", CHANGE / 100, "factor of 100"),
        ("ex05.q2", _needed(52.0), "52 % cut"),
        ("ex05.q2", 100 * (US[2005] / 2 / US[LATEST] - 1), "total change"),
        ("ex05.q2", _needed(years=2031 - LATEST), "not one more"),
        ("ex05.q2", _needed(years=25, start=US[2005]), "runs from 2005"),
        ("ex05.q2", -_needed(), "wrong sign"),
        ("ex05.q3", _total(2050), "2050"),
        ("ex05.q3", _total(2045, future_only=True), "only the future years"),
        ("ex05.q3", _total(2045, cut=52.0), "52 % cut"),
        ("ex05.q3", 1000 * _total(2045), "factor of 1,000"),
        ("ex05.q4", _ratio(1.5, 50, "population"), "1.5 °C budget"),
        ("ex05.q4", _ratio(2, 50, "population"), "50 % chance"),
        ("ex05.q4", _ratio(2, 67, "grandfathering"), "grandfathering"),
        ("ex05.q4", 10_000 / _ratio(2, 67, "population"), "divide the pathway by the fair share"),
        ("ex05.q4", _ratio(2, 67, "population") / 100, "factor of 100"),
        ("ex05.q5", alt.Chart(pd.DataFrame({"rule": ["a"]})).mark_line().encode(x="rule"), "bar mark"),
        ("ex05.q5", alt.Chart(pd.DataFrame({"rule": ["a"], "value": [1.0]})).mark_bar().encode(x="value", y="rule")
         .properties(title="t"), "share"),
        ("ex05.q5", alt.Chart(pd.DataFrame({"rule": ["a"], "share": [1.0]})).mark_bar()
         .encode(x="share", y="rule"), "title"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message
