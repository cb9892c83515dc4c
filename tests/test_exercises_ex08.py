"""Checks of exercises/ex08_power: right answers pass, typical mistakes get their hint, junk is handled."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import load_table, power
from climate_course.exercises import check, questions

GEN = load_table("electricity_generation")
SHARE = load_table("electricity_share")
CHINA = GEN[GEN["country"] == "China"].set_index("year")["coal"].astype(float)
CHINA_SHARE = SHARE[SHARE["country"] == "China"].set_index("year")["coal"].astype(float)
US = GEN[GEN["country"] == "United States"].set_index("year")
CROSSOVER = int(US.index[US["gas"] > US["coal"]].min())


def _swap(country, year, pct, replacement, key):
    return power.coal_swap(GEN, country, year, coal_pct=pct, replacement=replacement)[key]


CHANGE = 100 * (CHINA[2023] / CHINA[2019] - 1)
RIGHT = {
    "ex08.q1": CHANGE,
    "ex08.q2": CROSSOVER,
    "ex08.q3": _swap("India", 2022, 30, "solar", "co2_saved_mt"),
    "ex08.q4": _swap("World", 2022, 40, "solar", "fossil_share_after"),
    "ex08.q5": alt.Chart(pd.DataFrame({"country": ["a"], "coal": [1]}))
    .mark_bar().encode(x="coal", y="country").properties(title="t"),
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex08.")}


def test_the_checks_data_assumptions_hold():
    assert CROSSOVER == 2016  # the hints of ex08.q2 name the neighbouring years
    assert GEN["year"].max() == 2023


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex08.q1", 100 * (US.loc[2023, "coal"] / US.loc[2019, "coal"] - 1), "United States"),
        ("ex08.q1", 100 * (CHINA_SHARE[2023] / CHINA_SHARE[2019] - 1), "change in coal's share"),
        ("ex08.q1", CHINA_SHARE[2023] - CHINA_SHARE[2019], "percentage points"),
        ("ex08.q1", 100 * (CHINA[2022] / CHINA[2019] - 1), "ends in 2022"),
        ("ex08.q1", 100 * ((CHINA[2023] / CHINA[2019]) ** 0.25 - 1), "average change per year"),
        ("ex08.q1", CHINA[2023] - CHINA[2019], "change in TWh"),
        ("ex08.q1", CHANGE / 100, "factor of 100"),
        ("ex08.q2", CROSSOVER - 1, "look at the data again"),
        ("ex08.q2", str(CROSSOVER + 1), "look at the data again"),
        ("ex08.q2", 2023, "latest year"),
        ("ex08.q3", _swap("India", 2022, 30, "wind", "co2_saved_mt"), "saving for wind"),
        ("ex08.q3", _swap("India", 2022, 30, "gas", "co2_saved_mt"), "saving for gas"),
        ("ex08.q3", _swap("China", 2022, 30, "solar", "co2_saved_mt"), "saving for China"),
        ("ex08.q3", _swap("India", 2022, 20, "solar", "co2_saved_mt"), "20 % of coal"),
        ("ex08.q3", _swap("India", 2021, 30, "solar", "co2_saved_mt"), "2021"),
        ("ex08.q3", _swap("India", 2022, 30, "solar", "replaced_twh"), "TWh"),
        ("ex08.q4", _swap("World", 2022, 40, "solar", "fossil_share_before"), "before the swap"),
        ("ex08.q4", _swap("World", 2022, 40, "solar", "coal_share_after"), "all fossil fuels"),
        ("ex08.q4", _swap("World", 2022, 20, "solar", "fossil_share_after"), "20 % of coal"),
        ("ex08.q4", _swap("China", 2022, 40, "solar", "fossil_share_after"), "result for China"),
        ("ex08.q4", _swap("World", 2022, 40, "solar", "fossil_share_before")
         - _swap("World", 2022, 40, "solar", "fossil_share_after"), "drop in the fossil share"),
        ("ex08.q4", _swap("World", 2022, 40, "solar", "fossil_share_after") / 100, "factor of 100"),
        ("ex08.q5", alt.Chart(pd.DataFrame({"country": ["a"]})).mark_line().encode(x="country"), "bar mark"),
        ("ex08.q5", alt.Chart(pd.DataFrame({"country": ["a"], "fossil": [1]})).mark_bar()
         .encode(x="fossil", y="country").properties(title="t"), "coal"),
        ("ex08.q5", alt.Chart(pd.DataFrame({"country": ["a"], "coal": [1]})).mark_bar()
         .encode(x="coal", y="country"), "title"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message
