"""Checks of exercises/ex07_transport_evs: right answers pass, typical mistakes get their hint,
junk is handled."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import ev, load_table
from climate_course.exercises import check, questions

CARS = load_table("ev_sales")
FITS, WORLD = ev.fit_markets(CARS), ev.world_market(CARS)
SALES = CARS.pivot(index="year", columns="region", values="ev_sales").astype(float)
STOCK = CARS.pivot(index="year", columns="region", values="ev_stock").astype(float)


def _run(year=2030, **scenario):
    return ev.competition_scenario(FITS, WORLD, **scenario).set_index("year").loc[year]


def _import_pct(year=2030, **scenario):
    return 100 * _run(year, **scenario)["import_share"]


def _lost(low=0, high=102.5, year=2030, market="United States"):
    return _run(year, market=market, tariff=low)["ev_share"] - _run(year, market=market, tariff=high)["ev_share"]


def _chart(mark="line", y="pack_cost", title=True):
    chart = getattr(alt.Chart(pd.DataFrame({"year": [2024], y: [1.0]})), f"mark_{mark}")().encode(x="year", y=y)
    return chart.properties(title="t") if title else chart


RIGHT = {
    "ex07.q1": 100 * SALES.loc[2023, "China"] / SALES.loc[2023, "World"],
    "ex07.q2": ev.break_even_tariff(25_000, 1_500, 30_000),
    "ex07.q3": _import_pct(tariff=27.5, subsidy=7_500),
    "ex07.q4": _lost(),
    "ex07.q5": _chart(),
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex07.")}


def test_the_checks_data_assumptions_hold():
    assert int(CARS["year"].max()) >= 2023 and RIGHT["ex07.q4"] > 0  # question 4 asks for a positive number


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex07.q1", CARS.query("region == 'China' and year == 2023")["ev_sales_share"].item(), "own EV share"),
        ("ex07.q1", 100 * SALES.loc[2022, "China"] / SALES.loc[2022, "World"], "for 2022"),
        ("ex07.q1", 100 * STOCK.loc[2023, "China"] / STOCK.loc[2023, "World"], "stock"),
        ("ex07.q1", 100 * SALES.loc[2023, "United States"] / SALES.loc[2023, "World"], "United States' part"),
        ("ex07.q1", SALES.loc[2023, "China"] / SALES.loc[2023, "World"], "factor of 100"),
        ("ex07.q2", ev.break_even_tariff(25_000, 1_500, 35_000), "35,000-dollar"),
        ("ex07.q2", 20.0, "ignores shipping"),
        ("ex07.q2", 14.0, "factory price only"),
        ("ex07.q3", _import_pct(tariff=27.5), "without the subsidy"),
        ("ex07.q3", _import_pct(tariff=102.5, subsidy=7_500), "102.5 % tariff"),
        ("ex07.q3", 100 - _import_pct(tariff=27.5, subsidy=7_500), "domestic cars' share"),
        ("ex07.q3", _import_pct(2035, tariff=27.5, subsidy=7_500), "for 2035"),
        ("ex07.q3", _import_pct(tariff=27.5, subsidy=7_500) / 100, "factor of 100"),
        ("ex07.q4", _lost(low=27.5), "compares 27.5 % with 102.5 %"),
        ("ex07.q4", _lost(year=2035), "for 2035"),
        ("ex07.q4", _lost(market="Europe"), "different market"),
        ("ex07.q4", _run(tariff=102.5)["fit_share"] - _run(tariff=102.5)["ev_share"], "fitted trend"),
        ("ex07.q4", -_lost(), "wrong sign"),
        ("ex07.q5", _chart(mark="bar"), "line mark"),
        ("ex07.q5", _chart(y="ev_share"), "pack_cost"),
        ("ex07.q5", _chart(title=False), "title"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message
