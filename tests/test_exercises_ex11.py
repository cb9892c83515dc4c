"""Checks of exercises/ex11_what_next: right answers pass, typical mistakes get their hint, junk is handled."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import load_table, synthesis
from climate_course.exercises import check, questions

CO2 = load_table("co2_annual")
ELECTRICITY = load_table("electricity_share")
CO2_AT = CO2.set_index(["country", "year"])["co2"]
COAL = ELECTRICITY.set_index(["country", "year"])["coal"]
FOSSIL = ELECTRICITY.set_index(["country", "year"])["fossil"]

US_RATE = synthesis.average_growth(CO2, "United States", 2005, 2024)
US_TOTAL = 100 * (CO2_AT[("United States", 2024)] / CO2_AT[("United States", 2005)] - 1)
WORLD_RATE = synthesis.average_growth(CO2, "World", 2015, 2024)
WORLD_2024 = CO2_AT[("World", 2024)] / 1000


def _world(rate=WORLD_RATE, years=6):
    return WORLD_2024 * (1 + rate / 100) ** years


RIGHT = {
    "ex11.q1": US_RATE,
    "ex11.q2": COAL[("China", 2024)] - COAL[("United States", 2024)],
    "ex11.q3": 2,
    "ex11.q4": alt.Chart(pd.DataFrame({"country": ["a"], "share_global_cumulative_co2": [1]}))
    .mark_bar().encode(x="share_global_cumulative_co2", y="country").properties(title="t"),
    "ex11.q5": _world(),
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex11.")}


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


def test_count_answer_may_be_text():
    assert check("ex11.q3", "2").correct


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex11.q1", US_TOTAL, "total change"),
        ("ex11.q1", US_TOTAL / 19, "compounding"),
        ("ex11.q1", 100 * ((CO2_AT[("United States", 2024)] / CO2_AT[("United States", 2005)]) ** (1 / 20) - 1),
         "not 2024 − 2005 + 1"),
        ("ex11.q1", synthesis.average_growth(CO2, "United States", 2015, 2024), "since 2015"),
        ("ex11.q1", -US_RATE, "wrong sign"),
        ("ex11.q2", COAL[("China", 2024)] / COAL[("United States", 2024)], "ratio"),
        ("ex11.q2", COAL[("China", 2023)] - COAL[("United States", 2023)], "2023"),
        ("ex11.q2", FOSSIL[("China", 2024)] - FOSSIL[("United States", 2024)], "fossil"),
        ("ex11.q2", (COAL[("China", 2024)] - COAL[("United States", 2024)]) / 100, "factor of 100"),
        ("ex11.q3", 3, "one panel at a time"),
        ("ex11.q3", "1", "one panel at a time"),
        ("ex11.q3", 4, "own scale"),
        ("ex11.q4", alt.Chart(pd.DataFrame({"country": ["a"]})).mark_line().encode(x="country"), "bar mark"),
        ("ex11.q4", alt.Chart(pd.DataFrame({"country": ["a"], "co2": [1]})).mark_bar().encode(x="co2", y="country")
         .properties(title="t"), "share_global_cumulative_co2"),
        ("ex11.q4", alt.Chart(pd.DataFrame({"country": ["a"], "share_global_cumulative_co2": [1]})).mark_bar()
         .encode(x="share_global_cumulative_co2", y="country"), "title"),
        ("ex11.q5", _world(years=5), "six years"),
        ("ex11.q5", _world(years=7), "not seven"),
        ("ex11.q5", _world(rate=1.0), "unrounded"),
        ("ex11.q5", _world(rate=synthesis.average_growth(CO2, "China", 2015, 2024)), "China's growth rate"),
        ("ex11.q5", _world() * 1000, "factor of 1,000"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message
