"""Check functions: right answers pass, typical mistakes get their own hint, junk never crashes,
and no feedback ever shows the expected answer."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import load_table
from climate_course.exercises import (
    CARBON_TO_CO2,
    ChartCheck,
    ChoiceCheck,
    NumberCheck,
    check,
    questions,
    registered_checks,
)

CO2 = load_table("co2_annual").set_index(["country", "year"])
CHINA_SHARE = CO2.loc[("China", 2024), "share_global_co2"]
RATIO = CO2.loc[("United States", 2024), "co2_per_capita"] / CO2.loc[("China", 2024), "co2_per_capita"]
RIGHT = {
    "ex00.q1": CHINA_SHARE,
    "ex00.q2": RATIO,
    "ex00.q3": "United States",
    "ex00.q4": 2006,
    "ex00.q5": 2926.05 * CARBON_TO_CO2,
    "ex00.q6": alt.Chart(pd.DataFrame({"year": [1], "co2_per_capita": [1], "country": ["a"]}))
    .mark_line().encode(x="year", y="co2_per_capita", color="country").properties(title="t"),
    "ex00.q7": CO2.loc[("EU-27", 2024), "co2_per_capita"] * CO2.loc[("China", 2024), "population"] / 1e6,
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex00.")}


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message
    assert str(feedback).startswith("✅")


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex00.q1", CHINA_SHARE / 100, "factor of 100"),
        ("ex00.q1", CO2.loc[("China", 2023), "share_global_co2"], "2023"),
        ("ex00.q1", CO2.loc[("China", 2024), "share_global_cumulative_co2"], "cumulative"),
        ("ex00.q2", 1 / RATIO, "Upside down"),
        ("ex00.q2", CO2.loc[("United States", 2024), "co2"] / CO2.loc[("China", 2024), "co2"], "per person"),
        ("ex00.q3", "China", "one year (co2)"),
        ("ex00.q4", 2024, "latest year"),
        ("ex00.q4", 2005, "look at the data again"),
        ("ex00.q4", "2007", "look at the data again"),
        ("ex00.q5", 2926.05, "multiply by 44/12"),
        ("ex00.q5", 2926.05 * CARBON_TO_CO2 ** 2, "twice"),
        ("ex00.q5", 2926.05 * CARBON_TO_CO2 / 1000, "factor of 1,000"),
        ("ex00.q7", -RIGHT["ex00.q7"], "wrong sign"),
        ("ex00.q6", alt.Chart(pd.DataFrame({"year": [1]})).mark_bar().encode(x="year"), "line mark"),
        ("ex00.q6", alt.Chart(pd.DataFrame({"year": [1]})).mark_line().encode(x="year"), "co2_per_capita"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message


@pytest.mark.parametrize(
    "junk, says",
    [
        (None, "no answer yet"),
        (..., "no answer yet"),
        ("31.8", "got text"),
        (True, "True/False"),
        (pd.DataFrame({"a": [1, 2], "b": [3, 4]}), "table with 4 values"),
        (pd.DataFrame({"a": [31.8]}), ".item()"),
        (float("nan"), "NaN"),
        ([31.8], "got list"),
    ],
)
def test_junk_input_gets_a_message_not_an_error(junk, says):
    feedback = check("ex00.q1", junk)
    assert not feedback.correct and says in feedback.message


@pytest.mark.parametrize("junk", [None, 42, pd.DataFrame({"a": [1]}), "chart"])
def test_chart_and_choice_checks_survive_junk(junk):
    assert not check("ex00.q6", junk).correct
    assert not check("ex00.q3", junk).correct


@pytest.mark.parametrize("question", ["ex00.q1", "ex00.q2", "ex00.q5", "ex00.q7"])
@pytest.mark.parametrize("factor", [0.5, 0.99, 1.02, 3.0, 1000.0])
def test_feedback_never_reveals_the_answer(question, factor):
    expected = float(RIGHT[question])
    message = check(question, expected * factor).message
    for shown in {f"{expected:.0f}", f"{expected:.1f}", f"{expected:.2f}", f"{expected:,.0f}"}:
        if len(shown.replace(".", "").replace(",", "")) >= 2:
            assert shown not in message


def test_choice_answers_ignore_case_and_spaces():
    assert check("ex00.q3", "  united states ").correct


def test_unknown_question_is_a_clear_error():
    with pytest.raises(KeyError, match="no check for question 'ex99.q1'"):
        check("ex99.q1", 1)


def test_check_classes_work_on_their_own():
    assert NumberCheck("t.n", 10.0, unit="t")(10.01).correct
    assert not NumberCheck("t.n", 10.0, unit="t")(10.2).correct
    assert ChoiceCheck("t.c", "A", options=("A", "B"))("a").correct
    assert ChartCheck("t.g", mark="point", fields=("x",), needs_title=False)(
        alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x")).correct


# Every registered check, whichever exercise it belongs to.
ALL_CHECKS = registered_checks()
NUMBER_CHECKS = {q: c for q, c in ALL_CHECKS.items() if isinstance(c, NumberCheck)}


@pytest.mark.parametrize("question", sorted(ALL_CHECKS))
@pytest.mark.parametrize("junk", [None, ..., "text", pd.DataFrame({"a": [1, 2], "b": [3, 4]})],
                         ids=["None", "Ellipsis", "text", "table"])
def test_every_check_answers_junk_with_a_message(question, junk):
    feedback = check(question, junk)
    assert not feedback.correct and feedback.message


@pytest.mark.parametrize("question", sorted(NUMBER_CHECKS))
@pytest.mark.parametrize("factor", [0.5, 0.97, 1.05, 2.0])
def test_no_number_check_reveals_its_answer(question, factor):
    expected = NUMBER_CHECKS[question].value()
    message = check(question, expected * factor).message
    for shown in {f"{expected:.0f}", f"{expected:.1f}", f"{expected:.2f}", f"{expected:,.0f}"}:
        if len(shown.replace(".", "").replace(",", "").replace("-", "")) >= 2:
            assert shown not in message
