"""Checks for exercises/ex04_china_pledges: shares of world CO₂, China's pathway to 2060 and its fair shares."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import pathways
from ..data import load_table
from ..i18n import N_
from ..exercises import ChartCheck, NumberCheck, register

TRIO = ["China", "Japan", "South Korea"]


@cache
def _table() -> pd.DataFrame:
    return load_table("co2_annual")


def _latest() -> int:
    return int(_table()["year"].max())


def _share(countries: list[str], year: int) -> float:
    rows = _table()[_table()["country"].isin(countries) & (_table()["year"] == year)]
    return float(rows["share_global_co2"].sum())


@cache
def _china() -> pd.Series:
    """China's fossil CO₂ in Gt, 2000 to the latest year (as in the chapter)."""
    rows = _table()[(_table()["country"] == "China") & (_table()["year"] >= 2000)]
    return rows.set_index("year")["co2"] / 1000


def _emitted(first: int) -> float:
    return float(_china().loc[first:_latest()].sum())


def _path_total(peak_year: int, future_only: bool = False, **args) -> float:
    path = pathways.china_pathway(_china(), peak_year=peak_year, **args)
    if future_only:
        path = path[path["year"] > _latest()]
    return float(path["value"].sum())


def _fair(temperature: float, chance: int, rule: str) -> float:
    inputs = pathways.share_inputs(_table(), "China")
    return pathways.fair_shares(pathways.remaining_budget(temperature, chance), inputs)[rule]


register(
    NumberCheck(
        "ex04.q1", lambda: _share(TRIO, _latest()), unit=N_("% of world fossil CO₂"), rel_tol=0.002,
        near_misses={
            N_("That is the share in 2018, the year the chapter starts from: use the latest year."):
                lambda: _share(TRIO, 2018),
            N_("That is China alone: add Japan and South Korea."): lambda: _share(["China"], _latest()),
            N_("That leaves out South Korea: the question asks for all three countries."):
                lambda: _share(["China", "Japan"], _latest()),
        },
    ),
    NumberCheck(
        "ex04.q2", lambda: _emitted(2020), unit=N_("Gt CO₂"), rel_tol=0.002,
        near_misses={
            N_("That starts in 2019: the budgets count from the start of 2020."): lambda: _emitted(2019),
            N_("That leaves out 2020: include it, since the budgets start on 1 January 2020."): lambda: _emitted(2021),
            N_("That is a single year's emissions: add up every year from 2020 to the latest."):
                lambda: float(_china()[_latest()]),
        },
    ),
    NumberCheck(
        "ex04.q3", lambda: _path_total(2030), unit=N_("Gt CO₂"), rel_tol=0.002,
        near_misses={
            N_("That is the chapter's default pathway (peak in 2028): set peak_year=2030."): lambda: _path_total(2028),
            N_("That counts only the future years: include the emissions already made since 2020."):
                lambda: _path_total(2030, future_only=True),
            N_("That pathway cuts early (shape 2): keep the straight decline, shape=1."):
                lambda: _path_total(2030, shape=2.0),
            N_("That pathway has no growth before the peak: keep growth=1.0."): lambda: _path_total(2030, growth=0.0),
        },
    ),
    NumberCheck(
        "ex04.q4", lambda: _fair(2.0, 67, "responsibility"), unit=N_("Gt CO₂"), rel_tol=0.002,
        near_misses={
            N_("That is the equal-per-person (population) share: use historical responsibility."):
                lambda: _fair(2.0, 67, "population"),
            N_("That is the share by current emissions (grandfathering): use historical responsibility."):
                lambda: _fair(2.0, 67, "grandfathering"),
            N_("That is for the 1.5 °C budget: use 2 °C with a 67 % chance."): lambda: _fair(1.5, 50, "responsibility"),
            N_("That is for a 50 % chance of 2 °C: use the 67 % budget."): lambda: _fair(2.0, 50, "responsibility"),
        },
    ),
    ChartCheck("ex04.q5", mark="line", fields=("year", "value")),
)
