"""ex06 (competition or cooperation): right answers pass, typical mistakes get their hint, junk gets a message."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import load_table, responsibility
from climate_course.exercises import check, questions

CO2 = load_table("co2_annual")
BY_SOURCE = load_table("co2_by_source")
V = CO2.set_index(["country", "year"])
MIX = responsibility.fuel_mix(BY_SOURCE, ["China", "India"], 2022).set_index(["country", "fuel"])
RANKS = responsibility.rank_table(CO2, [1990])


def _share(members, year):
    return responsibility.cumulative_shares(CO2, {"g": members}, year)["g"]


def _rank(metric):
    return int(RANKS.query("country == 'China' and metric == @metric")["rank"].item())


def _chart(mark: str = "bar", **encoding):
    data = pd.DataFrame({"fuel": ["coal"], "share_pct": [1.0], "country": ["China"]})
    return getattr(alt.Chart(data), f"mark_{mark}")().encode(**encoding)


RIGHT = {
    "ex06.q1": 100 * V.loc[("India", 2024), "co2_per_capita"] / V.loc[("World", 2024), "co2_per_capita"],
    "ex06.q2": _share(["China", "India"], 2024),
    "ex06.q3": _rank("co2_per_capita"),
    "ex06.q4": _chart(x="share_pct", y="fuel", color="country").properties(title="t"),
    "ex06.q5": MIX.loc[("India", "oil"), "share_pct"],
    "ex06.q6": 2013,
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex06.")}


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


def test_chart_reading_within_a_percent_passes():
    assert check("ex06.q5", round(RIGHT["ex06.q5"])).correct


def test_static_hints_match_the_data():
    # ex06.q3's hints are computed: China's 1990 ranks by the other two measures
    assert _rank("co2") == 4 and _rank("cumulative_co2") == 5
    wide = CO2.pivot(index="year", columns="country", values="co2_per_capita")
    assert wide.loc[2012, "China"] < wide.loc[2012, "EU-27"] and wide.loc[2014, "China"] > wide.loc[2014, "EU-27"]


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex06.q1", 100 * V.loc[("India", 2023), "co2_per_capita"] / V.loc[("World", 2023), "co2_per_capita"], "2023"),
        ("ex06.q1", 100 * V.loc[("India", 2024), "co2"] / V.loc[("World", 2024), "co2"], "total emissions"),
        ("ex06.q1", 100 * V.loc[("World", 2024), "co2_per_capita"] / V.loc[("India", 2024), "co2_per_capita"], "Upside down"),
        ("ex06.q1", RIGHT["ex06.q1"] / 100, "factor of 100"),
        ("ex06.q2", _share(["China", "India"], 2021), "2021"),
        ("ex06.q2", _share(["China"], 2024), "China alone"),
        ("ex06.q2", V.loc[("China", 2024), "share_global_co2"] + V.loc[("India", 2024), "share_global_co2"], "one year"),
        ("ex06.q3", 4, "annual emissions"),
        ("ex06.q3", "5", "since 1750"),

        ("ex06.q4", _chart("line", x="share_pct", y="fuel", color="country").properties(title="t"), "bar mark"),
        ("ex06.q4", _chart(x="share_pct", y="fuel").properties(title="t"), "country"),
        ("ex06.q4", _chart(x="share_pct", y="fuel", color="country"), "title"),
        ("ex06.q5", MIX.loc[("China", "oil"), "share_pct"], "China's oil share"),
        ("ex06.q5", MIX.loc[("India", "oil"), "mt"], "in Mt"),
        ("ex06.q5", MIX.loc[("India", "coal"), "share_pct"], "coal share"),
        ("ex06.q6", 2012, "look at the data again"),
        ("ex06.q6", "2014", "look at the data again"),
        ("ex06.q6", 2024, "first year"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message
