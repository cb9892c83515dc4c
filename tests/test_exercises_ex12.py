"""Checks of exercises/ex12_epilogue: right answers pass, typical mistakes get their hint, junk is handled."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import load_table, synthesis
from climate_course.exercises import check, questions

EVENTS = load_table("epilogue_events")
CO2 = load_table("co2_annual").set_index(["country", "year"])["co2"]
EV = load_table("ev_sales").set_index(["region", "year"])
DATES = pd.to_datetime(EVENTS["date"].astype(str))
DAYS = (DATES[EVENTS["label"].str.startswith("US exit from Paris")].item()
        - DATES[EVENTS["label"].str.startswith("US order to leave")].item()).days


def _gap(year):
    return CO2[("China", year)] - CO2[("United States", year)]


def _needed(cut, years=6):
    return synthesis.required_annual_change(CO2[("United States", 2024)], CO2[("United States", 2005)] * (1 - cut / 100),
                                            years)


def _share(region, year, column="ev_sales"):
    return 100 * EV.loc[(region, year), column] / EV.loc[("World", year), column]


RIGHT = {
    "ex12.q1": DAYS,
    "ex12.q2": _gap(2024) - _gap(2021),
    "ex12.q3": _needed(52),
    "ex12.q4": "UN climate process",
    "ex12.q5": alt.Chart(pd.DataFrame({"year": [1], "ev_sales": [1], "region": ["a"]}))
    .mark_line().encode(x="year", y="ev_sales", color="region").properties(title="t"),
    "ex12.q6": _share("China", 2023),
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex12.")}


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


def test_category_answer_ignores_case():
    assert check("ex12.q4", " un CLIMATE process ").correct


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex12.q1", 365, "exactly one year"),
        ("ex12.q1", -DAYS, "wrong sign"),
        ("ex12.q2", CO2[("China", 2024)] - CO2[("China", 2021)], "only China's increase"),
        ("ex12.q2", _gap(2024), "size of the gap in 2024"),
        ("ex12.q2", _gap(2024) - _gap(2020), "from 2020"),
        ("ex12.q2", (_gap(2024) - _gap(2021)) / 1000, "factor of 1,000"),
        ("ex12.q3", _needed(50), "halving"),
        ("ex12.q3", synthesis.required_annual_change(CO2[("United States", 2024)], CO2[("United States", 2024)] * 0.48, 6),
         "2005 level"),
        ("ex12.q3", _needed(52, years=25), "not from 2005"),
        ("ex12.q3", _needed(52, years=7), "Count six years"),
        ("ex12.q3", -_needed(52), "wrong sign"),
        ("ex12.q4", "Cooperation", "has 2 events"),
        ("ex12.q4", "trade conflict", "has 2 events"),
        ("ex12.q4", "Carbon markets", "has 2 events"),
        ("ex12.q5", alt.Chart(pd.DataFrame({"year": [1]})).mark_bar().encode(x="year"), "line mark"),
        ("ex12.q5", alt.Chart(pd.DataFrame({"year": [1], "ev_sales": [1]})).mark_line().encode(x="year", y="ev_sales")
         .properties(title="t"), "region"),
        ("ex12.q6", float(EV.loc[("China", 2023), "ev_sales_share"]), "ev_sales_share"),
        ("ex12.q6", _share("China", 2022), "2022"),
        ("ex12.q6", _share("United States", 2023), "United States"),
        ("ex12.q6", 100 / _share("China", 2023) * 100, "Upside down"),
        ("ex12.q6", _share("China", 2023) / 100, "factor of 100"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message
