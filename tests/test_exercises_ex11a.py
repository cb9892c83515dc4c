"""Checks of exercises/ex11a_lab_compete_or_cooperate: right answers pass, typical mistakes get their hint,
junk is handled."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import game
from climate_course.exercises import check, questions

T6 = game.tournament(b=2, c=3, s=0.5, delta=0.6, rounds=10)
T9 = game.tournament(b=2, c=3, s=0.5, delta=0.9, rounds=10)
T1 = game.tournament(b=2, c=3, s=0.5, delta=1.0, rounds=10)


def _pair(table, row, col):
    return table.loc[(table["row"] == row) & (table["col"] == col), "payoff"].item()


SCORES = T6.groupby("row")["payoff"].mean()
RIGHT = {
    "ex11a.q1": "C",
    "ex11a.q2": game.grim_threshold(b=2, c=4, s=0.5),
    "ex11a.q3": _pair(T6, "Always defect", "Tit for tat"),
    "ex11a.q4": SCORES["Tit for tat"],
    "ex11a.q5": alt.Chart(pd.DataFrame({"row": ["a"], "col": ["b"], "payoff": [1]}))
    .mark_rect().encode(x="col", y="row", color="payoff").properties(title="t"),
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex11a.")}


def test_the_model_answer_numbers_hold():
    assert [game.dilemma_conditions(b=1.5, c=c, s=1)["dilemma"] for c in (2, 3, 4.5)] == [False, True, False]
    assert RIGHT["ex11a.q2"] == pytest.approx(0.75)
    assert RIGHT["ex11a.q3"] == pytest.approx(0.80, abs=0.01)
    assert RIGHT["ex11a.q4"] == pytest.approx(1.12, abs=0.01)


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


def test_choice_is_case_insensitive():
    assert check("ex11a.q1", " c ").correct


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex11a.q1", "A", "strict inequality"),
        ("ex11a.q1", "b", "strict inequality"),
        ("ex11a.q1", "D", "strict inequality"),
        ("ex11a.q1", 3, "letter of the option"),
        ("ex11a.q1", "4.5", "letter of the option"),
        ("ex11a.q2", game.grim_threshold(b=2, c=3, s=0.5), "default cost"),
        ("ex11a.q2", 1.0, "spill-over"),
        ("ex11a.q2", 0.6, "not by b + s"),
        ("ex11a.q2", 75, "factor of 100"),
        ("ex11a.q3", _pair(T9, "Always defect", "Tit for tat"), "δ = 0.9"),
        ("ex11a.q3", _pair(T6, "Tit for tat", "Always defect"), "row strategy"),
        ("ex11a.q3", _pair(T6, "Always defect", "Tit for two tats"), "Tit for two tats"),
        ("ex11a.q3", _pair(T6, "Tit for tat", "Tit for tat"), "against itself"),
        ("ex11a.q3", _pair(T1, "Always defect", "Tit for tat"), "plain average"),
        ("ex11a.q4", T6[T6["col"] == "Tit for tat"]["payoff"].mean(), "group by the row"),
        ("ex11a.q4", T6[(T6["row"] == "Tit for tat") & (T6["col"] != "Tit for tat")]["payoff"].mean(), "all five"),
        ("ex11a.q4", T9.groupby("row")["payoff"].mean()["Tit for tat"], "δ = 0.9"),
        ("ex11a.q4", SCORES["Always defect"], "score of Always defect"),
        ("ex11a.q5", alt.Chart(pd.DataFrame({"row": ["a"]})).mark_bar().encode(x="row"), "rect mark"),
        ("ex11a.q5", alt.Chart(pd.DataFrame({"row": ["a"], "col": ["b"], "value": [1]})).mark_rect()
         .encode(x="col", y="row", color="value").properties(title="t"), "payoff"),
        ("ex11a.q5", alt.Chart(pd.DataFrame({"row": ["a"], "col": ["b"], "payoff": [1]})).mark_rect()
         .encode(x="col", y="row", color="payoff"), "title"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message
