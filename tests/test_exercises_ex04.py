"""Checks of exercises/ex04_china_pledges: right answers pass, typical mistakes get their hint,
junk is handled."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import load_table, pathways
from climate_course.exercises import check, questions

CO2 = load_table("co2_annual")
LATEST = int(CO2["year"].max())
CHINA = CO2[(CO2["country"] == "China") & (CO2["year"] >= 2000)].set_index("year")["co2"] / 1000
INPUTS = pathways.share_inputs(CO2, "China")


def _share(countries, year):
    return CO2[CO2["country"].isin(countries) & (CO2["year"] == year)]["share_global_co2"].sum()


def _total(peak, future_only=False, **args):
    path = pathways.china_pathway(CHINA, peak_year=peak, **args)
    return path.loc[path["year"] > LATEST, "value"].sum() if future_only else path["value"].sum()


def _fair(temperature, chance, rule):
    return pathways.fair_shares(pathways.remaining_budget(temperature, chance), INPUTS)[rule]


TRIO = ["China", "Japan", "South Korea"]
RIGHT = {
    "ex04.q1": _share(TRIO, LATEST),
    "ex04.q2": CHINA.loc[2020:LATEST].sum(),
    "ex04.q3": _total(2030),
    "ex04.q4": _fair(2, 67, "responsibility"),
    "ex04.q5": alt.Chart(pd.DataFrame({"year": [2020], "value": [1.0]}))
    .mark_line().encode(x="year", y="value").properties(title="t"),
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex04.")}


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex04.q1", _share(TRIO, 2018), "in 2018"),
        ("ex04.q1", _share(["China"], LATEST), "China alone"),
        ("ex04.q1", _share(["China", "Japan"], LATEST), "leaves out South Korea"),
        ("ex04.q1", _share(TRIO, LATEST) / 100, "factor of 100"),
        ("ex04.q2", CHINA.loc[2019:LATEST].sum(), "starts in 2019"),
        ("ex04.q2", CHINA.loc[2021:LATEST].sum(), "leaves out 2020"),
        ("ex04.q2", CHINA[LATEST], "single year"),
        ("ex04.q2", 1000 * CHINA.loc[2020:LATEST].sum(), "factor of 1,000"),
        ("ex04.q3", _total(2028), "peak in 2028"),
        ("ex04.q3", _total(2030, future_only=True), "only the future years"),
        ("ex04.q3", _total(2030, shape=2.0), "shape 2"),
        ("ex04.q3", _total(2030, growth=0.0), "no growth"),
        ("ex04.q4", _fair(2, 67, "population"), "population"),
        ("ex04.q4", _fair(2, 67, "grandfathering"), "grandfathering"),
        ("ex04.q4", _fair(1.5, 50, "responsibility"), "1.5 °C budget"),
        ("ex04.q4", _fair(2, 50, "responsibility"), "50 % chance"),
        ("ex04.q5", alt.Chart(pd.DataFrame({"year": [2020]})).mark_bar().encode(x="year"), "line mark"),
        ("ex04.q5", alt.Chart(pd.DataFrame({"year": [2020], "co2": [1.0]})).mark_line().encode(x="year", y="co2")
         .properties(title="t"), "value"),
        ("ex04.q5", alt.Chart(pd.DataFrame({"year": [2020], "value": [1.0]})).mark_line()
         .encode(x="year", y="value"), "title"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message
