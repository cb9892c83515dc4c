"""Checks for exercises/ex00_two_largest_emitters: shares, ratios and rankings from co2_annual."""

from __future__ import annotations

from functools import lru_cache

from ..data import load_table
from ..i18n import N_
from ..exercises import CARBON_TO_CO2, ChartCheck, ChoiceCheck, NumberCheck, register


@lru_cache(maxsize=None)
def _co2():
    return load_table("co2_annual").set_index(["country", "year"])


def _value(country: str, year: int, column: str) -> float:
    return float(_co2().loc[(country, year), column])


def _first_year_china_above_us() -> int:
    table = _co2()["co2"].unstack("country")[["China", "United States"]].dropna()
    return int(table.index[table["China"] > table["United States"]].min())


def _countries() -> list[str]:
    return sorted(set(_co2().index.get_level_values("country")) - {"World"})


def _years() -> list[int]:
    return sorted(set(_co2().index.get_level_values("year")))


def _largest_cumulative() -> str:
    big = ["China", "United States", "EU-27", "India"]
    return max(big, key=lambda country: _value(country, 2024, "cumulative_co2"))


register(
    NumberCheck(
        "ex00.q1", lambda: _value("China", 2024, "share_global_co2"), unit=N_("% of world CO₂"), rel_tol=0.002,
        near_misses={
            N_("That is China's share in 2023: use 2024, the latest year."): lambda: _value("China", 2023, "share_global_co2"),
            N_("That is China's share of cumulative emissions since 1750, not of one year's emissions."):
                lambda: _value("China", 2024, "share_global_cumulative_co2"),
        },
    ),
    NumberCheck(
        "ex00.q2", lambda: _value("United States", 2024, "co2_per_capita") / _value("China", 2024, "co2_per_capita"),
        unit=N_("a ratio (US per person ÷ China per person)"), rel_tol=0.005,
        near_misses={
            N_("Upside down: divide the US figure by China's."):
                lambda: _value("China", 2024, "co2_per_capita") / _value("United States", 2024, "co2_per_capita"),
            N_("That compares total emissions; the question is about emissions per person."):
                lambda: _value("United States", 2024, "co2") / _value("China", 2024, "co2"),
        },
    ),
    ChoiceCheck(
        "ex00.q3", _largest_cumulative, options=_countries,
        hints={"China": N_("That is the largest emitter in a single year (co2): the question is about the total since 1750 "
                        "(cumulative_co2).")},
    ),
    ChoiceCheck(
        "ex00.q4", _first_year_china_above_us, options=_years,
        hints=lambda: {str(_years()[-1]): N_("That is the latest year of the data: the question asks for the first year "
                                          "in which China's annual total was the larger one.")},
    ),
    NumberCheck("ex00.q5", 2926.05 * CARBON_TO_CO2, unit=N_("Mt CO₂"), rel_tol=0.002),
    ChartCheck("ex00.q6", mark="line", fields=("year", "co2_per_capita", "country")),
)


def _china_at_eu_per_capita() -> float:
    """China's CO2 (Mt) if each resident emitted the EU-27 average, population unchanged (2024)."""
    return _value("EU-27", 2024, "co2_per_capita") * _value("China", 2024, "population") / 1e6


register(
    NumberCheck(
        "ex00.q7", _china_at_eu_per_capita, unit=N_("Mt CO₂"), rel_tol=0.01,
        near_misses={N_("Use the EU-27's emissions per person with China's population, both for 2024."):
                     lambda: _value("EU-27", 2024, "co2_per_capita") * _value("EU-27", 2024, "population") / 1e6},
    ),
)
