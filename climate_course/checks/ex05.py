"""Checks for exercises/ex05_us_plan: the fall since 2005, the pace the 2030 target needs, the pledge pathway
and its size against a fair share."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import pathways
from ..data import load_table
from ..i18n import N_
from ..exercises import ChartCheck, NumberCheck, register

US = "United States"


@cache
def _table() -> pd.DataFrame:
    return load_table("co2_annual")


def _latest() -> int:
    return int(_table()["year"].max())


@cache
def _series(country: str) -> pd.Series:
    """Fossil CO₂ in Gt, 1990 to the latest year (as in the chapter)."""
    rows = _table()[(_table()["country"] == country) & (_table()["year"] >= 1990)]
    return rows.set_index("year")["co2"] / 1000


def _change(country: str, first: int, last: int) -> float:
    series = _series(country)
    return 100 * (series[last] / series[first] - 1)


def _needed(cut_pct: float = 50.0, years: int | None = None, start: float | None = None) -> float:
    us = _series(US)
    target = us[2005] * (1 - cut_pct / 100)
    return pathways.average_annual_rate(us[_latest()] if start is None else start, target,
                                        years or 2030 - _latest())


def _total(net_zero_year: int, cut_2030: float = 50.0, future_only: bool = False) -> float:
    path = pathways.us_pathway(_series(US), cut_2030=cut_2030, net_zero_year=net_zero_year)
    if future_only:
        path = path[path["year"] > _latest()]
    return float(path["value"].sum())


def _ratio(temperature: float, chance: int, rule: str) -> float:
    inputs = pathways.share_inputs(_table(), US)
    result = pathways.fair_share_result(US, _series(US), inputs, pathways.remaining_budget(temperature, chance), rule,
                                        cut_2030=50, net_zero_year=2050)
    return float(result["ratio_pct"])


register(
    NumberCheck(
        "ex05.q1", lambda: _change(US, 2005, _latest()), unit=N_("%"), rel_tol=0.003,
        near_misses={
            N_("That stops in 2019: go to the latest year of the table."): lambda: _change(US, 2005, 2019),
            N_("That is the change since 1990: the US target counts from 2005."): lambda: _change(US, 1990, _latest()),
            N_("That is China's change: the question is about the United States."):
                lambda: _change("China", 2005, _latest()),
        },
    ),
    NumberCheck(
        "ex05.q2", lambda: _needed(), unit=N_("% per year"), rel_tol=0.003,
        near_misses={
            N_("That is the rate for a 52 % cut: use the lower end of the pledge, 50 % below 2005."):
                lambda: _needed(52.0),
            N_("That is the total change to 2030: give the average change per year."):
                lambda: 100 * ((1 - 0.5) * _series(US)[2005] / _series(US)[_latest()] - 1),
            N_("Count the years as 2030 minus the latest year, not one more."): lambda: _needed(years=2031 - _latest()),
            N_("That runs from 2005: start from the latest year's emissions, since the earlier years are past."):
                lambda: _needed(years=2030 - 2005, start=_series(US)[2005]),
        },
    ),
    NumberCheck(
        "ex05.q3", lambda: _total(2045), unit=N_("Gt CO₂"), rel_tol=0.002,
        near_misses={
            N_("That is the pledge's net-zero year, 2050: the question moves it to 2045."): lambda: _total(2050),
            N_("That counts only the future years: include the emissions already made since 2020."):
                lambda: _total(2045, future_only=True),
            N_("That uses a 52 % cut by 2030: keep cut_2030=50."): lambda: _total(2045, cut_2030=52.0),
        },
    ),
    NumberCheck(
        "ex05.q4", lambda: _ratio(2.0, 67, "population"), unit=N_("% of the fair share"), rel_tol=0.003,
        near_misses={
            N_("That is for the 1.5 °C budget: use 2 °C with a 67 % chance."): lambda: _ratio(1.5, 50, "population"),
            N_("That is for a 50 % chance of 2 °C: use the 67 % budget."): lambda: _ratio(2.0, 50, "population"),
            N_("That uses the share by current emissions (grandfathering): use the population rule."):
                lambda: _ratio(2.0, 67, "grandfathering"),
            N_("That is the fair share as a percentage of the pathway: divide the pathway by the fair share."):
                lambda: 100 * 100 / _ratio(2.0, 67, "population"),
        },
    ),
    ChartCheck("ex05.q5", mark="bar", fields=("rule", "share")),
)
