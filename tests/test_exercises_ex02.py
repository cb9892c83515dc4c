"""ex02 (partnership): right answers pass, typical mistakes get their hint, junk gets a message."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import load_table, us_terms
from climate_course.exercises import check, questions

A, S, E = load_table("co2_annual"), load_table("co2_by_source"), load_table("electricity_generation")
SERIES = us_terms.us_series(A, S, E)
US = S[S["country"] == "United States"].set_index("year")
FOSSIL = US[["coal", "oil", "gas", "cement"]].sum(axis=1)
OWID = SERIES["co2_total"]


def _pace(values: pd.Series) -> float:
    rate = us_terms.annualised(100 * (values[2016] / values[2008] - 1), 8)
    return values[2016] * (1 + rate / 100) ** 4


def _chart(mark: str = "bar", **encoding):
    data = pd.DataFrame({"term": ["a"], "pct_change": [1.0]})
    return getattr(alt.Chart(data), f"mark_{mark}")().encode(**encoding)


RIGHT = {
    "ex02.q1": 107,
    "ex02.q2": 100 * (FOSSIL[2016] / FOSSIL[2008] - 1),
    "ex02.q3": _pace(OWID),
    "ex02.q4": _chart(x="term", y="pct_change").properties(title="t"),
    "ex02.q5": 2020,
    "ex02.q6": "Japan",
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex02.")}


def test_days_out_of_paris_match_the_dates():
    assert (pd.Timestamp("2021-02-19") - pd.Timestamp("2020-11-04")).days == RIGHT["ex02.q1"]


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex02.q1", 77, "Biden signed"),
        ("ex02.q1", 108, "both the first and the last day"),
        ("ex02.q1", 473, "formal notice"),
        ("ex02.q2", 100 * (US["total"][2016] / US["total"][2008] - 1), "flaring"),
        ("ex02.q2", 100 * (OWID[2016] / OWID[2008] - 1), "OWID"),
        ("ex02.q2", 100 * (FOSSIL[2016] / FOSSIL[2009] - 1), "starts in 2009"),
        ("ex02.q2", -RIGHT["ex02.q2"], "wrong sign"),
        ("ex02.q3", OWID[2020], "actually emitted"),
        ("ex02.q3", OWID[2016] * OWID[2016] / OWID[2008], "annualised"),
        ("ex02.q3", _pace(SERIES["co2_fossil_cement"]), "co2_fossil_cement"),
        ("ex02.q3", RIGHT["ex02.q3"] / 1000, "factor of 1,000"),
        ("ex02.q4", _chart("line", x="term", y="pct_change").properties(title="t"), "bar mark"),
        ("ex02.q4", _chart(x="term").properties(title="t"), "pct_change"),
        ("ex02.q4", _chart(x="term", y="pct_change"), "title"),
        ("ex02.q5", 2019, "look at the data again"),
        ("ex02.q5", "2021", "look at the data again"),
        ("ex02.q5", int(SERIES[["coal_power", "renewable_power"]].dropna().index.max()), "latest year"),
        ("ex02.q6", "EU-27", "percentage changes"),
        ("ex02.q6", "united states", "barely moved"),
        ("ex02.q6", "China", "rose"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message


def test_renewables_dip_below_coal_after_first_passing_it():
    # the exercise's text says renewables fell back behind coal for a year
    assert SERIES.loc[2020, "renewable_power"] > SERIES.loc[2020, "coal_power"]
    assert SERIES.loc[2021, "renewable_power"] < SERIES.loc[2021, "coal_power"]
