"""Checks for exercises/ex03_deep_decarbonization: growth rates, carbon-budget cuts and the EPI 2020."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import pathways
from ..data import load_table
from ..i18n import N_
from ..exercises import ChartCheck, ChoiceCheck, NumberCheck, register


@cache
def _co2(country: str) -> pd.Series:
    table = load_table("co2_annual")
    return table[table["country"] == country].set_index("year")["co2"]


@cache
def _epi() -> pd.DataFrame:
    return load_table("epi_2020")


def _world_gt() -> pd.Series:
    return _co2("World") / 1000


def _first_year() -> int:
    """The year after the latest emissions data: the earliest year cutting can start."""
    return int(_world_gt().index.max()) + 1


def _used() -> float:
    return float(_world_gt().loc[2020:_first_year() - 1].sum())


def _annual() -> float:
    return float(_world_gt()[_first_year() - 1])


def _cut(budget: float, start: int) -> float:
    cuts = pathways.cut_by_start_year(budget, _used(), _annual(), _first_year(), [start])
    return float(cuts["cut_pct"].iloc[0])


def _first_year_above(budget: float, threshold: float) -> int:
    cuts = pathways.cut_by_start_year(budget, _used(), _annual(), _first_year(), range(_first_year(), 2041))
    above = cuts[(cuts["cut_pct"] > threshold) | cuts["cut_pct"].isna()]
    return int(above["start_year"].min())


def _china_change() -> float:
    return float(_epi().set_index("country").loc["China", "epi_change"])


def _rate(country: str, first: int, last: int, years: int | None = None) -> float:
    series = _co2(country)
    return 100 * ((series[last] / series[first]) ** (1 / (years or last - first)) - 1)


def _budget(temperature: float, chance: int) -> float:
    """IPCC AR6 budget (Gt CO₂ from 2020); looked up when a check runs, so importing this module needs no data."""
    return pathways.IPCC_BUDGET_TABLE[(temperature, chance)]

register(
    NumberCheck(
        "ex03.q1", lambda: pathways.series_rate(_co2("China"), 2010, 2019), unit=N_("% per year"), rel_tol=0.003,
        near_misses={
            N_("That is the World's rate: the question is about China."): lambda: _rate("World", 2010, 2019),
            N_("That is the total change over the period: give the average change per year."):
                lambda: 100 * (_co2("China")[2019] / _co2("China")[2010] - 1),
            N_("Dividing the total change by the number of years ignores compounding."):
                lambda: 100 * (_co2("China")[2019] / _co2("China")[2010] - 1) / 9,
            N_("Count the years as 2019 − 2010, not 2019 − 2010 + 1."): lambda: _rate("China", 2010, 2019, years=10),
            N_("That period runs to the latest year: stop in 2019, before the pandemic."): lambda: _rate("China", 2010, 2024),
        },
    ),
    NumberCheck(
        "ex03.q2", lambda: _cut(_budget(2.0, 67), 2028), unit=N_("% per year"), rel_tol=0.003,
        near_misses={
            N_("That ignores what the world emitted from 2020 on: subtract it from the budget first."):
                lambda: pathways.constant_cut_for_budget(_budget(2.0, 67), _annual()),
            N_("That is the cut if cutting started next year: wait until 2028, emitting at today's level meanwhile."):
                lambda: _cut(_budget(2.0, 67), _first_year()),
            N_("That is the 1.5 °C budget: use 2 °C with a 67 % chance."): lambda: _cut(_budget(1.5, 50), 2028),
            N_("That is the budget for a 50 % chance: use 67 %."):
                lambda: _cut(_budget(2.0, 50), 2028),
            N_("That is the cut for starting in 2030: the question says 2028."): lambda: _cut(_budget(2.0, 67), 2030),
        },
    ),
    NumberCheck(
        "ex03.q3", lambda: int((_epi()["epi_change"] > _china_change()).sum()), unit=N_("countries"), rel_tol=1e-6,
        near_misses={
            N_("Count only countries whose change is strictly greater than China's; that count includes China and "
            "ties."): lambda: int((_epi()["epi_change"] >= _china_change()).sum()),
            N_("Leave out countries that improved by exactly as much as China: the question says more than."):
                lambda: int((_epi()["epi_change"] >= _china_change()).sum()) - 1,
            N_("That counts the countries that improved by less than China: reverse the comparison."):
                lambda: int((_epi()["epi_change"] < _china_change()).sum()),
        },
    ),
    ChoiceCheck(
        "ex03.q4", lambda: _first_year_above(_budget(1.5, 50), 20.0), options=lambda: range(_first_year(), 2041),
        hints=lambda: {
            str(_first_year_above(_budget(1.5, 67), 20.0)): N_("That is for a 67 % chance of 1.5 °C: use the 50 % budget."),
            str(_first_year()): N_("That is the first year of the chart: find where the line first passes 20 % a year."),
        },
    ),
    ChartCheck("ex03.q5", mark="bar", fields=("period", "rate_pct")),
)
