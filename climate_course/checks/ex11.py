"""Checks for exercises/ex11_what_next: growth rates, the four yardsticks and a projection."""

from __future__ import annotations

from functools import cache

from .. import synthesis
from ..data import load_table
from ..i18n import N_
from ..exercises import ChartCheck, ChoiceCheck, NumberCheck, register


@cache
def _co2():
    return load_table("co2_annual")


@cache
def _electricity():
    return load_table("electricity_share")


def _value(table, country: str, year: int, column: str) -> float:
    return float(table.set_index(["country", "year"]).loc[(country, year), column])


def _growth(country: str, start: int, end: int) -> float:
    return synthesis.average_growth(_co2(), country, start, end)


def _total_change(country: str, start: int, end: int) -> float:
    return 100 * (_value(_co2(), country, end, "co2") / _value(_co2(), country, start, "co2") - 1)


def _coal(country: str, year: int, column: str = "coal") -> float:
    return _value(_electricity(), country, year, column)


def _us_ahead_count() -> int:
    """On how many of the four yardsticks (2024) the United States is above China."""
    snapshot = synthesis.indicators(_co2(), _electricity(), 2024).pivot(index="indicator", columns="country",
                                                                        values="value")
    return int((snapshot["United States"] > snapshot["China"]).sum())


def _world_2030(rate: float | None = None, years: int = 6) -> float:
    """World fossil CO₂ in 2030 (Gt) if the 2015–2024 average growth continued from 2024."""
    rate = _growth("World", 2015, 2024) if rate is None else rate
    return _value(_co2(), "World", 2024, "co2") / 1000 * (1 + rate / 100) ** years


register(
    NumberCheck(
        "ex11.q1", lambda: _growth("United States", 2005, 2024), unit=N_("% per year"), rel_tol=0.005,
        near_misses={
            N_("That is the total change over the whole period: the question asks for the average change per year."):
                lambda: _total_change("United States", 2005, 2024),
            N_("Dividing the total change by the number of years ignores compounding: use (end / start) ** (1 / years) - 1."):
                lambda: _total_change("United States", 2005, 2024) / 19,
            N_("Count the years as 2024 − 2005, not 2024 − 2005 + 1."):
                lambda: 100 * ((_value(_co2(), "United States", 2024, "co2")
                                / _value(_co2(), "United States", 2005, "co2")) ** (1 / 20) - 1),
            N_("That is the rate since 2015: start from 2005, the base year of the US pledge."):
                lambda: _growth("United States", 2015, 2024),
        },
    ),
    NumberCheck(
        "ex11.q2", lambda: _coal("China", 2024) - _coal("United States", 2024), unit=N_("percentage points"),
        rel_tol=0.002,
        near_misses={
            N_("That is a ratio (China ÷ US): the question asks for the difference in percentage points."):
                lambda: _coal("China", 2024) / _coal("United States", 2024),
            N_("That is the gap in 2023: use 2024."): lambda: _coal("China", 2023) - _coal("United States", 2023),
            N_("That compares all fossil fuels (column `fossil`): the question is about coal only."):
                lambda: _coal("China", 2024, "fossil") - _coal("United States", 2024, "fossil"),
        },
    ),
    ChoiceCheck(
        "ex11.q3", _us_ahead_count, options=range(0, 5),
        hints={str(n): N_("Compare the two numbers printed in each panel, one panel at a time: bar lengths can be "
                          "compared only within a panel, since each has its own scale.") for n in range(0, 5)},
    ),
    ChartCheck("ex11.q4", mark="bar", fields=("country", "share_global_cumulative_co2")),
    NumberCheck(
        "ex11.q5", _world_2030, unit=N_("Gt CO₂"), rel_tol=0.001,
        near_misses={
            N_("Count six years of growth, from 2024 to 2030."): lambda: _world_2030(years=5),
            N_("Count six years of growth, from 2024 to 2030 (not seven)."): lambda: _world_2030(years=7),
            N_("Use the unrounded average growth rate, not 1 %."): lambda: _world_2030(rate=1.0),
            N_("That uses China's growth rate: the question is about the World."):
                lambda: _value(_co2(), "World", 2024, "co2") / 1000 * (1 + _growth("China", 2015, 2024) / 100) ** 6,
        },
    ),
)
