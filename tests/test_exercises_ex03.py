"""Checks of exercises/ex03_deep_decarbonization: right answers pass, typical mistakes get their hint,
junk is handled."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import load_table, pathways
from climate_course.exercises import check, questions

CO2 = load_table("co2_annual")
EPI = load_table("epi_2020")
CHINA = CO2[CO2["country"] == "China"].set_index("year")["co2"]
WORLD = CO2[CO2["country"] == "World"].set_index("year")["co2"] / 1000
LATEST = int(WORLD.index.max())
USED = float(WORLD.loc[2020:LATEST].sum())
ANNUAL = float(WORLD[LATEST])
CHINA_CHANGE = EPI.set_index("country").loc["China", "epi_change"]


def _cut(budget, start):
    return pathways.cut_by_start_year(budget, USED, ANNUAL, LATEST + 1, [start])["cut_pct"].item()


def _first_above(budget, threshold):
    cuts = pathways.cut_by_start_year(budget, USED, ANNUAL, LATEST + 1, range(LATEST + 1, 2041))
    return int(cuts.loc[(cuts["cut_pct"] > threshold) | cuts["cut_pct"].isna(), "start_year"].min())


def _rate(series, first, last, years=None):
    return 100 * ((series[last] / series[first]) ** (1 / (years or last - first)) - 1)


TOTAL = 100 * (CHINA[2019] / CHINA[2010] - 1)
FIRST_ABOVE = _first_above(500, 20)
RIGHT = {
    "ex03.q1": _rate(CHINA, 2010, 2019),
    "ex03.q2": _cut(1150, 2028),
    "ex03.q3": int((EPI["epi_change"] > CHINA_CHANGE).sum()),
    "ex03.q4": FIRST_ABOVE,
    "ex03.q5": alt.Chart(pd.DataFrame({"period": ["a"], "rate_pct": [1]}))
    .mark_bar().encode(x="period", y="rate_pct").properties(title="t"),
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex03.")}


def test_the_checks_data_assumptions_hold():
    assert FIRST_ABOVE == 2029  # the answer the exercise's solution states


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex03.q1", _rate(WORLD, 2010, 2019), "World's rate"),
        ("ex03.q1", TOTAL, "total change"),
        ("ex03.q1", TOTAL / 9, "compounding"),
        ("ex03.q1", _rate(CHINA, 2010, 2019, years=10), "not 2019 − 2010 + 1"),
        ("ex03.q1", _rate(CHINA, 2010, LATEST), "stop in 2019"),
        ("ex03.q1", _rate(CHINA, 2010, 2019) / 100, "factor of 100"),
        ("ex03.q2", pathways.constant_cut_for_budget(1150, ANNUAL), "emitted from 2020 on"),
        ("ex03.q2", _cut(1150, LATEST + 1), "wait until 2028"),
        ("ex03.q2", _cut(500, 2028), "1.5 °C budget"),
        ("ex03.q2", _cut(1350, 2028), "50 % chance"),
        ("ex03.q2", _cut(1150, 2030), "starting in 2030"),
        ("ex03.q2", -_cut(1150, 2028), "wrong sign"),
        ("ex03.q3", int((EPI["epi_change"] >= CHINA_CHANGE).sum()), "includes China and ties"),
        ("ex03.q3", int((EPI["epi_change"] >= CHINA_CHANGE).sum()) - 1, "exactly as much"),
        ("ex03.q3", int((EPI["epi_change"] < CHINA_CHANGE).sum()), "reverse the comparison"),
        ("ex03.q4", FIRST_ABOVE - 1, "look at the data again"),
        ("ex03.q4", str(FIRST_ABOVE + 1), "look at the data again"),
        ("ex03.q4", LATEST + 1, "first year of the chart"),
        ("ex03.q5", alt.Chart(pd.DataFrame({"period": ["a"]})).mark_line().encode(x="period"), "bar mark"),
        ("ex03.q5", alt.Chart(pd.DataFrame({"period": ["a"], "rate": [1]})).mark_bar().encode(x="period", y="rate")
         .properties(title="t"), "rate_pct"),
        ("ex03.q5", alt.Chart(pd.DataFrame({"period": ["a"], "rate_pct": [1]})).mark_bar()
         .encode(x="period", y="rate_pct"), "title"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message
