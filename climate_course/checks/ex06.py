"""Checks for exercises/ex06_competition_or_cooperation: responsibility by measure and CO2 by fuel."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import responsibility
from ..data import load_table
from ..i18n import N_
from ..exercises import ChartCheck, ChoiceCheck, NumberCheck, register


@cache
def _co2() -> pd.DataFrame:
    return load_table("co2_annual")


@cache
def _indexed() -> pd.DataFrame:
    return _co2().set_index(["country", "year"])


def _value(country: str, year: int, column: str) -> float:
    return float(_indexed().loc[(country, year), column])


def _per_capita_vs_world(country: str, year: int) -> float:
    return 100 * _value(country, year, "co2_per_capita") / _value("World", year, "co2_per_capita")


def _cumulative_share(members: list[str], year: int) -> float:
    return float(responsibility.cumulative_shares(_co2(), {"group": members}, year)["group"])


def _rank(country: str, year: int, metric: str) -> int:
    ranks = responsibility.rank_table(_co2(), [year])
    row = ranks[(ranks["country"] == country) & (ranks["metric"] == metric)]
    return int(row["rank"].item())


@cache
def _mix() -> pd.DataFrame:
    return responsibility.fuel_mix(load_table("co2_by_source"), ["China", "India"], 2022).set_index(["country", "fuel"])


def _first_year_china_above_eu(column: str = "co2_per_capita") -> int:
    wide = _co2().pivot(index="year", columns="country", values=column)[["China", "EU-27"]].dropna()
    return int(wide.index[wide["China"] > wide["EU-27"]].min())


def _years() -> list[int]:
    return sorted(int(y) for y in _co2()["year"].unique())


def _q3_hints() -> dict[str, str]:
    hints = {
        str(_rank("China", 1990, "co2")): N_("That is China's rank in annual emissions in 1990; the question asks per person."),
        str(_rank("China", 1990, "cumulative_co2")): N_("That is China's rank in emissions since 1750; the question asks "
                                                        "per person."),
        str(_rank("China", 2024, "co2_per_capita")): N_("That is China's rank per person in 2024; the question asks about "
                                                        "1990."),
    }
    return {wrong: hint for wrong, hint in reversed(list(hints.items()))}  # the first rule wins a tie


register(
    NumberCheck(
        "ex06.q1", lambda: _per_capita_vs_world("India", 2024), unit=N_("% of the world average"), rel_tol=0.005,
        near_misses={
            N_("That is for 2023: use 2024, the latest year."): lambda: _per_capita_vs_world("India", 2023),
            N_("That compares India's total emissions with the world's total; the question is about emissions per person."):
                lambda: 100 * _value("India", 2024, "co2") / _value("World", 2024, "co2"),
            N_("Upside down: divide India's figure by the world's."):
                lambda: 100 * _value("World", 2024, "co2_per_capita") / _value("India", 2024, "co2_per_capita"),
        },
    ),
    NumberCheck(
        "ex06.q2", lambda: _cumulative_share(["China", "India"], 2024), unit=N_("% of world CO₂ since 1750"), rel_tol=0.005,
        near_misses={
            N_("That is for 2021, the year of the paper; use 2024."): lambda: _cumulative_share(["China", "India"], 2021),
            N_("That is China alone: the group is China and India together."): lambda: _cumulative_share(["China"], 2024),
            N_("That is the two countries' share of one year's emissions; the question is about emissions since 1750."):
                lambda: _value("China", 2024, "share_global_co2") + _value("India", 2024, "share_global_co2"),
        },
    ),
    ChoiceCheck(
        "ex06.q3", lambda: _rank("China", 1990, "co2_per_capita"),
        options=lambda: range(1, len(responsibility.RANK_COUNTRIES) + 1), hints=_q3_hints,
    ),
    ChartCheck("ex06.q4", mark="bar", fields=("fuel", "share_pct", "country")),
    NumberCheck(
        "ex06.q5", lambda: float(_mix().loc[("India", "oil"), "share_pct"]), unit=N_("% of India's fossil CO₂"), rel_tol=0.03,
        near_misses={
            N_("That is China's oil share; read the panel for India."): lambda: float(_mix().loc[("China", "oil"), "share_pct"]),
            N_("That is India's oil emissions in Mt; the question asks for its share of India's total, in per cent."):
                lambda: float(_mix().loc[("India", "oil"), "mt"]),
            N_("That is India's coal share; the question asks about oil."): lambda: float(_mix().loc[("India", "coal"), "share_pct"]),
        },
    ),
    ChoiceCheck(
        "ex06.q6", _first_year_china_above_eu, options=_years,
        hints=lambda: {
            str(_first_year_china_above_eu("co2")): N_("That is when China's total emissions passed the EU-27's: the "
                                                    "question is about emissions per person."),
            str(_years()[-1]): N_("That is the latest year; the question asks for the first year China was ahead."),
        },
    ),
)
