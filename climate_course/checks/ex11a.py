"""Checks for exercises/ex11a_lab_compete_or_cooperate: the dilemma band, the grim-trigger threshold and
the tournament."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import game
from ..i18n import N_
from ..exercises import ChartCheck, ChoiceCheck, NumberCheck, register

# Costs c offered in question 1 (b = 1.5, s = 1): B sits exactly on T = R and D exactly on R = P.
Q1_OPTIONS = {"A": 2.0, "B": 2.5, "C": 3.0, "D": 4.0, "E": 4.5}


def _dilemma_option() -> str:
    hits = [k for k, c in Q1_OPTIONS.items() if game.dilemma_conditions(b=1.5, c=c, s=1)["dilemma"]]
    if len(hits) != 1:
        raise ValueError(f"question 1 needs exactly one dilemma option, found {hits}")
    return hits[0]


@cache
def _tournament(delta: float = 0.6, rounds: int = 10) -> pd.DataFrame:
    return game.tournament(b=2, c=3, s=0.5, delta=delta, rounds=rounds)


def _pair(row: str, col: str, delta: float = 0.6) -> float:
    table = _tournament(delta)
    return float(table.loc[(table["row"] == row) & (table["col"] == col), "payoff"].item())


def _score(strategy: str, by: str = "row", delta: float = 0.6, include_self: bool = True) -> float:
    table = _tournament(delta)
    other = "col" if by == "row" else "row"
    rows = table[table[by] == strategy]
    if not include_self:
        rows = rows[rows[other] != strategy]
    return float(rows["payoff"].mean())


register(
    ChoiceCheck(
        "ex11a.q1", _dilemma_option, options=tuple(Q1_OPTIONS),
        hints={**{letter: N_("At that cost the game is not a prisoner's dilemma: check all three orderings T > R, "
                             "R > P and P > S, each a strict inequality.") for letter in Q1_OPTIONS},
               **{f"{cost:g}": N_("Hand in the letter of the option, not the cost.") for cost in Q1_OPTIONS.values()}},
    ),
    NumberCheck(
        "ex11a.q2", lambda: game.grim_threshold(b=2, c=4, s=0.5), unit=N_("discount factor"), rel_tol=0.002,
        near_misses={
            N_("That is the threshold at the default cost c = 3: set c = 4."): lambda: game.grim_threshold(b=2, c=3, s=0.5),
            N_("That leaves out the spill-over s: the temptation T − R is c − b − s."): lambda: (4 - 2) / 2,
            N_("Divide by T − P = b, not by b + s."): lambda: (4 - 2 - 0.5) / (2 + 0.5),
        },
    ),
    NumberCheck(
        "ex11a.q3", lambda: _pair("Always defect", "Tit for tat"), unit=N_("payoff per round"), rel_tol=0.002,
        near_misses={
            N_("That is the result at the chapter's δ = 0.9: use delta=0.6."):
                lambda: _pair("Always defect", "Tit for tat", 0.9),
            N_("That is what Tit for tat earns against Always defect: Always defect must be the row strategy."):
                lambda: _pair("Tit for tat", "Always defect"),
            N_("That is the payoff against Tit for two tats: the question asks about Tit for tat."):
                lambda: _pair("Always defect", "Tit for two tats"),
            N_("That is what Tit for tat earns against itself: take the row Always defect."):
                lambda: _pair("Tit for tat", "Tit for tat"),
            N_("That is the plain average of the rounds: use the tournament's discounted average."):
                lambda: _pair("Always defect", "Tit for tat", 1.0),
        },
    ),
    NumberCheck(
        "ex11a.q4", lambda: _score("Tit for tat"), unit=N_("payoff per round"), rel_tol=0.002,
        near_misses={
            N_("That is the mean of what the opponents earn against Tit for tat: group by the row strategy."):
                lambda: _score("Tit for tat", by="col"),
            N_("Include the match of Tit for tat against itself: average over all five opponents."):
                lambda: _score("Tit for tat", include_self=False),
            N_("That is the score at the chapter's δ = 0.9: use the tournament with delta=0.6."):
                lambda: _score("Tit for tat", delta=0.9),
            N_("That is the score of Always defect: the question asks for Tit for tat."):
                lambda: _score("Always defect"),
        },
    ),
    ChartCheck("ex11a.q5", mark="rect", fields=("row", "col", "payoff")),
)
