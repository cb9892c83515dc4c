"""Checks for exercises/ex02_partnership: the Paris timeline and US emissions by presidential term."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import us_terms
from ..data import load_table
from ..i18n import N_
from ..exercises import ChartCheck, ChoiceCheck, NumberCheck, register

PEERS = ["United States", "EU-27", "Japan", "China"]


@cache
def _events() -> pd.DataFrame:
    return load_table("cooperation_timeline")


def _dates() -> pd.Series:
    return pd.to_datetime(_events().set_index("order")["date"])


def _days(first: int, last: int) -> int:
    """Days from the event numbered ``first`` to the one numbered ``last`` in the timeline."""
    return int((_dates()[last] - _dates()[first]).days)


def _event(text: str) -> int:
    events = _events()
    return int(events.loc[events["event"].str.contains(text, regex=False), "order"].item())


def _out_of_paris() -> int:
    return _days(_event("withdrawal from the Paris Agreement takes effect"), _event("party to the Paris Agreement again"))


@cache
def _series() -> pd.DataFrame:
    return us_terms.us_series(load_table("co2_annual"), load_table("co2_by_source"), load_table("electricity_generation"))


@cache
def _us_gcb() -> pd.DataFrame:
    table = load_table("co2_by_source")
    return table[table["country"] == "United States"].set_index("year")


def _gcb_change(first: int, last: int, column: str | None = None) -> float:
    rows = _us_gcb()
    values = rows[column] if column else rows[["coal", "oil", "gas", "cement"]].sum(axis=1)
    return us_terms.percent_change(float(values[first]), float(values[last]))


def _owid_change(first: int, last: int) -> float:
    return us_terms.percent_change(float(_series()["co2_total"][first]), float(_series()["co2_total"][last]))


def _obama_pace_2020(key: str = "co2_total") -> float:
    """US CO2 in 2020 had it kept falling from 2016 at the Obama term's constant yearly rate."""
    change = us_terms.window_change(_series()[key], us_terms.TERMS[1])
    rate = us_terms.annualised(change["pct_change"], change["end_year"] - change["start_year"])
    return float(_series()[key][2016]) * (1 + rate / 100) ** 4


def _first_year_renewables_above_coal() -> int:
    s = _series()[["coal_power", "renewable_power"]].dropna()
    return int(s.index[s["renewable_power"] > s["coal_power"]].min())


def _years() -> list[int]:
    return [int(y) for y in _series()[["coal_power", "renewable_power"]].dropna().index]


def _largest_fall() -> str:
    peers = us_terms.peer_changes(load_table("co2_annual"), PEERS, us_terms.PAPER_TRUMP_WINDOW)
    return str(peers.set_index("country")["pct_change"].idxmin())


register(
    NumberCheck(
        "ex02.q1", _out_of_paris, unit=N_("days"), rel_tol=0.001,
        near_misses={
            N_("That counts to the day President Biden signed; the US became a party again only later."):
                lambda: _days(_event("withdrawal from the Paris Agreement takes effect"), _event("signs the instrument to rejoin")),
            N_("You counted both the first and the last day: subtract the two dates."): lambda: _out_of_paris() + 1,
            N_("That starts from the formal notice of withdrawal, not from the day the withdrawal took effect."):
                lambda: _days(_event("formal notice"), _event("party to the Paris Agreement again")),
        },
    ),
    NumberCheck(
        "ex02.q2", lambda: _gcb_change(2008, 2016), unit=N_("% change"), rel_tol=0.005,
        near_misses={
            N_("That uses the column total, which also counts flaring and other sources: add coal, oil, gas and cement."):
                lambda: _gcb_change(2008, 2016, "total"),
            N_("That uses the OWID table (co2_annual); the question asks for the Global Carbon Project table co2_by_source."):
                lambda: _owid_change(2008, 2016),
            N_("That starts in 2009; the window runs from 2008, the last full year before Obama took office."):
                lambda: _gcb_change(2009, 2016),
        },
    ),
    NumberCheck(
        "ex02.q3", _obama_pace_2020, unit=N_("Mt CO₂"), rel_tol=0.005,
        near_misses={
            N_("That is what the US actually emitted in 2020; the question asks what the Obama pace would have given."):
                lambda: float(_series()["co2_total"][2020]),
            N_("You applied the whole eight-year change to four years: turn it into a yearly rate with us_terms.annualised first."):
                lambda: float(_series()["co2_total"][2016]) * (1 + _owid_change(2008, 2016) / 100),
            N_("That uses co2_fossil_cement (GCB 2023); the question asks for co2_total (OWID 2025)."):
                lambda: _obama_pace_2020("co2_fossil_cement"),
        },
    ),
    ChartCheck("ex02.q4", mark="bar", fields=("term", "pct_change")),
    ChoiceCheck(
        "ex02.q5", _first_year_renewables_above_coal, options=_years,
        hints=lambda: {str(_years()[-1]): N_("That is the latest year of the data: the question asks for the first year "
                                          "renewable power was the larger of the two.")},
    ),
    ChoiceCheck(
        "ex02.q6", _largest_fall, options=tuple(PEERS),
        hints={"EU-27": N_("Compare the percentage changes (pct_change) over the window, not the changes in Mt."),
               "United States": N_("US emissions barely moved in those three years."),
               "China": N_("China's emissions rose between 2016 and 2019.")},
    ),
)
