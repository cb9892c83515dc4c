"""Checks for exercises/ex01_climate_shocks: CO2 concentration, temperature baselines and the CO2–warming fit."""

from __future__ import annotations

from functools import cache

from .. import climate
from ..data import load_table
from ..i18n import N_
from ..exercises import ChartCheck, ChoiceCheck, NumberCheck, register


@cache
def _temp():
    return load_table("temperature_anomaly")


@cache
def _conc():
    return load_table("co2_concentration")


def _rise(site: str, first: int, last: int, key: str) -> float:
    return float(climate.co2_rise(_conc(), site, first, last)[key])


def _noaa(year: int) -> float:
    rows = climate.one_source(_temp(), "NOAA GCAG").set_index("year")["anomaly_c"]
    return float(rows.loc[year])


def _noaa_against(baseline: tuple[int, int], year: int) -> float:
    rows = climate.rebase(climate.one_source(_temp(), "NOAA GCAG"), baseline).set_index("year")["anomaly_c"]
    return float(rows.loc[year])


def _last_year_below_zero() -> int:
    rows = climate.one_source(_temp(), "NOAA GCAG")
    return int(rows.loc[rows["anomaly_c"] < 0, "year"].max())


def _last_year_below_zero_in(rows) -> int:
    return int(rows.loc[rows["anomaly_c"] < 0, "year"].max())


def _years() -> list[int]:
    return sorted(climate.one_source(_temp(), "NOAA GCAG")["year"].astype(int))


def _q4_hints() -> dict[str, str]:
    noaa = climate.one_source(_temp(), "NOAA GCAG")
    return {
        str(_last_year_below_zero_in(climate.rebase(noaa, (1850, 1900)))):
            N_("That uses anomalies rebased to 1850–1900: read the NOAA anomalies as stored (1901–2000 baseline)."),
        str(_last_year_below_zero_in(climate.one_source(_temp(), "NASA GISTEMP"))):
            N_("That is the answer in the NASA GISTEMP record: the question asks about NOAA GCAG."),
        str(_years()[-1]): N_("That is the latest year of the record: the question asks for the last year below zero."),
    }


def _fit(source: str) -> dict:
    return climate.co2_anomaly_fit(climate.co2_and_anomaly(_temp(), _conc(), source=source, site="Mauna Loa"))


def _predicted(source: str, ppm: float = 450.0) -> float:
    fit = _fit(source)
    return fit["intercept"] + fit["per_100ppm"] / 100 * ppm


register(
    NumberCheck(
        "ex01.q1", lambda: _rise("Mauna Loa", 1980, 2024, "rise_pct"), unit=N_("% rise"), rel_tol=0.005,
        near_misses={
            N_("That is the rise in ppm; the question asks for the rise in per cent of the 1980 level."):
                lambda: _rise("Mauna Loa", 1980, 2024, "rise_ppm"),
            N_("That is the global marine average; use the Mauna Loa series."):
                lambda: _rise("Global", 1980, 2024, "rise_pct"),
            N_("That starts in 1959, the first year of the record; the question starts in 1980."):
                lambda: _rise("Mauna Loa", 1959, 2024, "rise_pct"),
            N_("That ends in 2025; the question ends in 2024."):
                lambda: _rise("Mauna Loa", 1980, 2025, "rise_pct"),
        },
    ),
    NumberCheck(
        "ex01.q2", lambda: _noaa_against((1850, 1900), 2024), unit=N_("°C above the 1850–1900 average"), rel_tol=0.01,
        near_misses={
            N_("That is the anomaly as stored, against NOAA's 1901–2000 baseline: subtract the 1850–1900 mean of the "
            "anomalies from it."): lambda: _noaa(2024),
            N_("That is against the 1951–1980 baseline; the question asks about 1850–1900."):
                lambda: _noaa_against((1951, 1980), 2024),
            N_("That is the value for 2023; use 2024."): lambda: _noaa_against((1850, 1900), 2023),
        },
    ),
    ChartCheck("ex01.q3", mark="line", fields=("year", "anomaly_c", "source")),
    ChoiceCheck("ex01.q4", _last_year_below_zero, options=_years, hints=_q4_hints),
    NumberCheck(
        "ex01.q5", lambda: _predicted("NOAA GCAG"), unit=N_("°C (NOAA anomaly)"), rel_tol=0.005,
        near_misses={
            N_("That uses the NASA GISTEMP record; the question asks for NOAA GCAG."): lambda: _predicted("NASA GISTEMP"),
            N_("You left out the intercept: the line is anomaly = intercept + slope × ppm."):
                lambda: _fit("NOAA GCAG")["per_100ppm"] / 100 * 450,
            N_("per_100ppm is the warming per 100 ppm: divide it by 100 to get the slope per ppm."):
                lambda: _fit("NOAA GCAG")["intercept"] + _fit("NOAA GCAG")["per_100ppm"] * 450,
        },
    ),
)
