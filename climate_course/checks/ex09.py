"""Checks for exercises/ex09_ccs: the top-20 CCS companies and the break-even lab of climate_course.ccs."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import ccs
from ..data import load_table
from ..i18n import N_
from ..exercises import ChartCheck, NumberCheck, register


@cache
def _companies() -> pd.DataFrame:
    return load_table("ccs_companies_2019")


def _count(column: str, value: str, top: int | None = 10) -> int:
    table = _companies()
    if top is not None:
        table = table[table["rank"] <= top]
    return int((table[column] == value).sum())


def _breakeven(**settings) -> float:
    return float(ccs.ccs_economics(**settings)["breakeven_price"])


def _captured_over_avoided(**settings) -> float:
    result = ccs.ccs_economics(**settings)
    return result["captured"] / result["avoided"]


register(
    NumberCheck(
        "ex09.q1", lambda: _count("country", "United States"), unit=N_("companies"), rel_tol=1e-6,
        near_misses={
            N_("That counts the whole top 20: keep only ranks 1 to 10."): lambda: _count("country", "United States", None),
            N_("That counts all of North America, Canada included: the question asks for the United States."):
                lambda: _count("region", "North America"),
        },
    ),
    NumberCheck(
        "ex09.q2", lambda: _breakeven(capture_rate=0.85, energy_penalty=0.3), unit=N_("$ per tonne"), rel_tol=0.002,
        near_misses={
            N_("That is the break-even price at the lab's default settings: set the capture rate and the energy "
            "penalty."): lambda: _breakeven(),
            N_("That is the cost per tonne captured: a carbon price is saved only on tonnes avoided."):
                lambda: ccs.ccs_economics(capture_rate=0.85, energy_penalty=0.3)["cost_per_captured"],
            N_("You changed only the capture rate: set the energy penalty to 0.3 as well."):
                lambda: _breakeven(capture_rate=0.85),
            N_("You changed only the energy penalty: set the capture rate to 0.85 as well."):
                lambda: _breakeven(energy_penalty=0.3),
        },
    ),
    NumberCheck(
        "ex09.q3", lambda: 100 * ccs.avoided_fraction(0.95, 0.4), unit=N_("%"), rel_tol=0.001,
        near_misses={
            N_("That is the capture rate: the extra fuel burned for capture also produces CO₂, so less is avoided."):
                lambda: 95.0,
            N_("That is the share still released: the question asks for the share avoided."):
                lambda: 100 * (1 - 0.95) * (1 + 0.4),
            N_("The residual (1 − r) must be multiplied by (1 + p), the fuel burned with the penalty, not by p."):
                lambda: 100 * (1 - (1 - 0.95) * 0.4),
            N_("That is the avoided share at the default energy penalty of 0.25: use 0.4."):
                lambda: 100 * ccs.avoided_fraction(0.95, 0.25),
        },
    ),
    NumberCheck(
        "ex09.q4", lambda: _breakeven(capture_cost=120, credit=True), unit=N_("$ per tonne"), rel_tol=0.002,
        near_misses={
            N_("That is the break-even price without the credit: switch it on with credit=True."):
                lambda: _breakeven(capture_cost=120),
            N_("That is the net cost per tonne captured: the break-even price is per tonne avoided."):
                lambda: 120 + 10 - ccs.CREDIT_45Q,
            N_("The credit is earned per tonne captured and stored, so subtract it before scaling to tonnes avoided."):
                lambda: (120 + 10) * _captured_over_avoided(capture_cost=120) - ccs.CREDIT_45Q,
            N_("That uses the default capture cost of 60 $/t: set it to 120."): lambda: _breakeven(credit=True),
        },
    ),
    ChartCheck("ex09.q5", mark="line", fields=("price", "net_profit")),
)
