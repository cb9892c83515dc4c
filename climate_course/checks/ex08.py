"""Checks for exercises/ex08_power: coal generation, the US gas-coal crossover and the coal-swap lab."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import power
from ..data import load_table
from ..i18n import N_
from ..exercises import ChartCheck, ChoiceCheck, NumberCheck, register


@cache
def _generation() -> pd.DataFrame:
    return load_table("electricity_generation")


def _twh(country: str, column: str = "coal") -> pd.Series:
    table = _generation()
    return table[table["country"] == country].set_index("year")[column].astype(float)


def _change(country: str, first: int, last: int) -> float:
    series = _twh(country)
    return 100 * (series[last] / series[first] - 1)


@cache
def _share(country: str, column: str = "coal") -> pd.Series:
    table = load_table("electricity_share")
    return table[table["country"] == country].set_index("year")[column].astype(float)


def _crossover() -> int:
    us_gas, us_coal = _twh("United States", "gas"), _twh("United States", "coal")
    return int(us_gas.index[us_gas > us_coal].min())


def _swap(country: str, year: int, pct: float, replacement: str, key: str) -> float:
    return float(power.coal_swap(_generation(), country, year, coal_pct=pct, replacement=replacement)[key])


def _years() -> list[int]:
    return sorted(int(y) for y in _twh("United States", "gas").dropna().index)


register(
    NumberCheck(
        "ex08.q1", lambda: _change("China", 2019, 2023), unit=N_("%"), rel_tol=0.003,
        near_misses={
            N_("That is the change of the United States: the question is about China."):
                lambda: _change("United States", 2019, 2023),
            N_("That is the change in coal's share of electricity: use the generation in TWh."):
                lambda: 100 * (_share("China")[2023] / _share("China")[2019] - 1),
            N_("That is the change in percentage points of coal's share: use the generation in TWh."):
                lambda: _share("China")[2023] - _share("China")[2019],
            N_("That period ends in 2022: use 2019 to 2023."): lambda: _change("China", 2019, 2022),
            N_("That is an average change per year: give the total change over the whole period."):
                lambda: 100 * ((_twh("China")[2023] / _twh("China")[2019]) ** (1 / 4) - 1),
            N_("That is the change in TWh: give it in per cent of the 2019 value."):
                lambda: _twh("China")[2023] - _twh("China")[2019],
        },
    ),
    ChoiceCheck(
        "ex08.q2", _crossover, options=_years,
        hints=lambda: {str(_years()[-1]): N_("That is the latest year of the data: find the first year in which gas led.")},
    ),
    NumberCheck(
        "ex08.q3", lambda: _swap("India", 2022, 30, "solar", "co2_saved_mt"), unit=N_("Mt CO₂-eq"), rel_tol=0.003,
        near_misses={
            N_("That is the saving for wind: the question says solar."):
                lambda: _swap("India", 2022, 30, "wind", "co2_saved_mt"),
            N_("That is the saving for gas: the question says solar."):
                lambda: _swap("India", 2022, 30, "gas", "co2_saved_mt"),
            N_("That is the saving for China: the question is about India."):
                lambda: _swap("China", 2022, 30, "solar", "co2_saved_mt"),
            N_("That is the saving for 20 % of coal, the lab's default: use 30 %."):
                lambda: _swap("India", 2022, 20, "solar", "co2_saved_mt"),
            N_("That is the saving for 2021: use 2022."): lambda: _swap("India", 2021, 30, "solar", "co2_saved_mt"),
            N_("That is the amount of coal power replaced (TWh), not the CO₂ saved."):
                lambda: _swap("India", 2022, 30, "solar", "replaced_twh"),
        },
    ),
    NumberCheck(
        "ex08.q4", lambda: _swap("World", 2022, 40, "solar", "fossil_share_after"), unit=N_("%"), rel_tol=0.002,
        near_misses={
            N_("That is the fossil share before the swap: take the value after it."):
                lambda: _swap("World", 2022, 40, "solar", "fossil_share_before"),
            N_("That is coal's share after the swap: the question asks for all fossil fuels."):
                lambda: _swap("World", 2022, 40, "solar", "coal_share_after"),
            N_("That is the fossil share after replacing 20 % of coal, the lab's default: use 40 %."):
                lambda: _swap("World", 2022, 20, "solar", "fossil_share_after"),
            N_("That is the result for China: the question is about the World."):
                lambda: _swap("China", 2022, 40, "solar", "fossil_share_after"),
            N_("That is the drop in the fossil share: give the share after the swap."):
                lambda: _swap("World", 2022, 40, "solar", "fossil_share_before")
                - _swap("World", 2022, 40, "solar", "fossil_share_after"),
        },
    ),
    ChartCheck("ex08.q5", mark="bar", fields=("country", "coal")),
)
