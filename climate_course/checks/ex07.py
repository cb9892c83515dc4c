"""Checks for exercises/ex07_transport_evs: China's part of world EV sales, the break-even tariff and
what-ifs run on the EV competition lab (tariffs, subsidies and the EV share of new car sales)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import ev
from ..data import load_table
from ..i18n import N_
from ..exercises import ChartCheck, NumberCheck, register


@cache
def _cars() -> pd.DataFrame:
    return load_table("ev_sales")


def _part_of_world(region: str, year: int, column: str = "ev_sales") -> float:
    sales = _cars().pivot(index="year", columns="region", values=column).astype(float)
    return float(100 * sales.loc[year, region] / sales.loc[year, "World"])


def _own_share(region: str, year: int) -> float:
    rows = _cars()[(_cars()["region"] == region) & (_cars()["year"] == year)]
    return float(rows["ev_sales_share"].iloc[0])


@cache
def _lab() -> tuple[dict, ev.WorldMarket]:
    return ev.fit_markets(_cars()), ev.world_market(_cars())


def _scenario(year: int = 2030, **scenario) -> pd.Series:
    fits, world = _lab()
    return ev.competition_scenario(fits, world, **scenario).set_index("year").loc[year]


def _import_pct(year: int = 2030, **scenario) -> float:
    return float(100 * _scenario(year, **scenario)["import_share"])


def _lost(low: float = 0, high: float = 102.5, year: int = 2030, market: str = "United States") -> float:
    return float(_scenario(year, market=market, tariff=low)["ev_share"]
                 - _scenario(year, market=market, tariff=high)["ev_share"])


register(
    NumberCheck(
        "ex07.q1", lambda: _part_of_world("China", 2023), unit=N_("% of world EV sales"), rel_tol=0.002,
        near_misses={
            N_("That is China's own EV share of new car sales (ev_sales_share): divide China's EV sales by the "
            "World's."): lambda: _own_share("China", 2023),
            N_("That is for 2022: use 2023."): lambda: _part_of_world("China", 2022),
            N_("That uses the stock of cars on the road: use the sales in the year (ev_sales)."):
                lambda: _part_of_world("China", 2023, "ev_stock"),
            N_("That is the United States' part: the question is about China."):
                lambda: _part_of_world("United States", 2023),
        },
    ),
    NumberCheck(
        "ex07.q2", lambda: ev.break_even_tariff(25_000, 1_500, 30_000), unit=N_("%"), rel_tol=0.003,
        near_misses={
            N_("That is for a 35,000-dollar domestic car: the question lowers it to 30,000 dollars."):
                lambda: ev.break_even_tariff(25_000, 1_500, 35_000),
            N_("That ignores shipping: the import also pays 1,500 dollars to cross the ocean, and the duty is charged on it."):
                lambda: 100 * (30_000 - 25_000) / 25_000,
            N_("That charges the duty on the factory price only: here it is charged on price plus shipping."):
                lambda: 100 * (30_000 - 26_500) / 25_000,
        },
    ),
    NumberCheck(
        "ex07.q3", lambda: _import_pct(tariff=27.5, subsidy=7_500), unit=N_("% of EV sales"), rel_tol=0.003,
        near_misses={
            N_("That is without the subsidy: set subsidy=7500."): lambda: _import_pct(tariff=27.5),
            N_("That uses the 102.5 % tariff: keep tariff=27.5."): lambda: _import_pct(tariff=102.5, subsidy=7_500),
            N_("That is the domestic cars' share: give the imports' share."):
                lambda: 100 - _import_pct(tariff=27.5, subsidy=7_500),
            N_("That is for 2035: read the year 2030."): lambda: _import_pct(2035, tariff=27.5, subsidy=7_500),
        },
    ),
    NumberCheck(
        "ex07.q4", lambda: _lost(), unit=N_("percentage points"), rel_tol=0.005,
        near_misses={
            N_("That compares 27.5 % with 102.5 %: start from no tariff at all (tariff=0)."): lambda: _lost(low=27.5),
            N_("That is for 2035: read the year 2030."): lambda: _lost(year=2035),
            N_("That is a different market: use market=\"United States\"."): lambda: _lost(market="Europe"),
            N_("That compares the 102.5 % tariff with the fitted trend (fit_share): compare it with tariff=0."):
                lambda: float(_scenario(2030, tariff=102.5)["fit_share"] - _scenario(2030, tariff=102.5)["ev_share"]),
        },
    ),
    ChartCheck("ex07.q5", mark="line", fields=("year", "pack_cost")),
)
