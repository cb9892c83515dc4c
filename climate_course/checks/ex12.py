"""Checks for exercises/ex12_epilogue: dated events, emissions since 2021, the US 2030 pledge and electric cars."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import synthesis
from ..data import load_table
from ..i18n import N_, _, translate_name
from ..exercises import ChartCheck, ChoiceCheck, NumberCheck, register


@cache
def _events() -> pd.DataFrame:
    return load_table("epilogue_events").assign(when=lambda d: pd.to_datetime(d["date"].astype(str)))


@cache
def _co2() -> pd.Series:
    return load_table("co2_annual").set_index(["country", "year"])["co2"]


@cache
def _ev() -> pd.DataFrame:
    return load_table("ev_sales").set_index(["region", "year"])


def _event_date(label_start: str) -> pd.Timestamp:
    rows = _events()[_events()["label"].str.startswith(label_start)]
    if len(rows) != 1:
        raise ValueError(f"expected one event starting {label_start!r}, found {len(rows)}")
    return rows["when"].iloc[0]


def _days(first: str, second: str) -> int:
    return int((_event_date(second) - _event_date(first)).days)


def _gap(year: int) -> float:
    return float(_co2()[("China", year)] - _co2()[("United States", year)])


def _commonest_category() -> str:
    counts = _events()["category"].value_counts()
    if (counts == counts.max()).sum() != 1:
        raise ValueError("no single most frequent category")
    return str(counts.idxmax())


def _us_needed(cut: float, current_year: int = 2024, years: int = 2030 - 2024) -> float:
    """Constant yearly change (%) taking US CO₂ from ``current_year`` to ``cut`` % below 2005 in ``years`` years."""
    us = lambda year: float(_co2()[("United States", year)])
    return synthesis.required_annual_change(us(current_year), us(2005) * (1 - cut / 100), years)


def _ev_share(region: str, year: int, column: str = "ev_sales") -> float:
    return 100 * float(_ev().loc[(region, year), column]) / float(_ev().loc[("World", year), column])


LEAVE, TAKES_EFFECT = "US order to leave the Paris", "US exit from Paris"

register(
    NumberCheck(
        "ex12.q1", lambda: _days(LEAVE, TAKES_EFFECT), unit=N_("days"), rel_tol=0.0001,
        near_misses={
            N_("That is exactly one year: the exit took effect a little later. Subtract the two dates in the table."):
                lambda: 365,
            N_("Count the days between the two dates, not the years or months."): lambda: 1,
        },
    ),
    NumberCheck(
        "ex12.q2", lambda: _gap(2024) - _gap(2021), unit=N_("Mt CO₂"), rel_tol=0.002,
        near_misses={
            N_("That is only China's increase: the gap also changes because US emissions fell."):
                lambda: float(_co2()[("China", 2024)] - _co2()[("China", 2021)]),
            N_("That is the size of the gap in 2024: the question asks how much it changed since 2021."):
                lambda: _gap(2024),
            N_("That is how the gap changed from 2020, not from 2021."): lambda: _gap(2024) - _gap(2020),
        },
    ),
    NumberCheck(
        "ex12.q3", lambda: _us_needed(52), unit=N_("% per year"), rel_tol=0.003,
        near_misses={
            N_("That is the rate for halving (50 %): the question asks for 52 % below 2005."): lambda: _us_needed(50),
            N_("That reaches 52 % below the 2024 level: the target is 52 % below the 2005 level."):
                lambda: synthesis.required_annual_change(float(_co2()[("United States", 2024)]),
                                                         float(_co2()[("United States", 2024)]) * 0.48, 6),
            N_("Count the years from 2024 to 2030 (six), not from 2005."): lambda: _us_needed(52, years=2030 - 2005),
            N_("Count six years, from 2024 to 2030."): lambda: _us_needed(52, years=7),
        },
    ),
    ChoiceCheck(
        "ex12.q4", _commonest_category, options=lambda: sorted(_events()["category"].unique()),
        hints=lambda: {category: _("Count the rows of each category (value_counts): {category} has {count} events.",
                                   category=translate_name(category), count=count)
                       for category, count in _events()["category"].value_counts().items()},
    ),
    ChartCheck("ex12.q5", mark="line", fields=("year", "ev_sales", "region")),
    NumberCheck(
        "ex12.q6", lambda: _ev_share("China", 2023), unit=N_("% of world electric-car sales"), rel_tol=0.003,
        near_misses={
            N_("That column (`ev_sales_share`) is the electric share of China's own new-car sales: divide China's "
            "`ev_sales` by the World's."): lambda: float(_ev().loc[("China", 2023), "ev_sales_share"]),
            N_("That is 2022: use 2023, the latest year of the data."): lambda: _ev_share("China", 2022),
            N_("That is the United States' share: the question asks about China."): lambda: _ev_share("United States", 2023),
            N_("Upside down: divide China's sales by the World's."):
                lambda: 100 * float(_ev().loc[("World", 2023), "ev_sales"]) / float(_ev().loc[("China", 2023), "ev_sales"]),
        },
    ),
)
