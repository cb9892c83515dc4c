"""ex01 (climate shocks): right answers pass, typical mistakes get their hint, junk gets a message."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from climate_course import climate, load_table
from climate_course.exercises import check, questions

TEMP = load_table("temperature_anomaly")
CONC = load_table("co2_concentration")
MLO = CONC[CONC["site"] == "Mauna Loa"].set_index("year")["co2_ppm"]
GLOBAL = CONC[CONC["site"] == "Global"].set_index("year")["co2_ppm"]
NOAA = TEMP[TEMP["source"] == "NOAA GCAG"].set_index("year")["anomaly_c"]
FIT = climate.co2_anomaly_fit(climate.co2_and_anomaly(TEMP, CONC, "NOAA GCAG", "Mauna Loa"))
NASA_FIT = climate.co2_anomaly_fit(climate.co2_and_anomaly(TEMP, CONC, "NASA GISTEMP", "Mauna Loa"))


def _chart(mark: str = "line", **encoding):
    data = pd.DataFrame({"year": [1], "anomaly_c": [0.1], "source": ["a"]})
    return getattr(alt.Chart(data), f"mark_{mark}")().encode(**encoding)


RIGHT = {
    "ex01.q1": 100 * (MLO[2024] / MLO[1980] - 1),
    "ex01.q2": NOAA[2024] - NOAA.loc[1850:1900].mean(),
    "ex01.q3": _chart(x="year", y="anomaly_c", color="source").properties(title="t"),
    "ex01.q4": 1976,
    "ex01.q5": FIT["intercept"] + FIT["per_100ppm"] / 100 * 450,
}


def test_every_question_has_a_right_answer_here():
    assert set(RIGHT) == {q for q in questions() if q.startswith("ex01.")}


@pytest.mark.parametrize("question", sorted(RIGHT))
def test_right_answer_is_correct(question):
    feedback = check(question, RIGHT[question])
    assert feedback.correct, feedback.message


@pytest.mark.parametrize(
    "question, answer, hint",
    [
        ("ex01.q1", MLO[2024] - MLO[1980], "in ppm"),
        ("ex01.q1", 100 * (GLOBAL[2024] / GLOBAL[1980] - 1), "global marine"),
        ("ex01.q1", 100 * (MLO[2024] / MLO[1959] - 1), "1959"),
        ("ex01.q1", 100 * (MLO[2025] / MLO[1980] - 1), "ends in 2025"),
        ("ex01.q1", MLO[2024] / MLO[1980] - 1, "factor of 100"),
        ("ex01.q2", NOAA[2024], "1901–2000"),
        ("ex01.q2", NOAA[2024] - NOAA.loc[1951:1980].mean(), "1951–1980"),
        ("ex01.q2", NOAA[2023] - NOAA.loc[1850:1900].mean(), "2023"),
        ("ex01.q3", _chart("point", x="year", y="anomaly_c", color="source").properties(title="t"), "line mark"),
        ("ex01.q3", _chart(x="year", y="anomaly_c").properties(title="t"), "source"),
        ("ex01.q3", _chart(x="year", y="anomaly_c", color="source"), "title"),
        ("ex01.q4", 1975, "look at the data again"),
        ("ex01.q4", "1977", "look at the data again"),
        ("ex01.q4", 2024, "latest year"),
        ("ex01.q5", NASA_FIT["intercept"] + NASA_FIT["per_100ppm"] / 100 * 450, "NASA"),
        ("ex01.q5", FIT["per_100ppm"] / 100 * 450, "intercept"),
        ("ex01.q5", FIT["intercept"] + FIT["per_100ppm"] * 450, "divide it by 100"),
    ],
)
def test_typical_mistake_gets_its_hint(question, answer, hint):
    feedback = check(question, answer)
    assert not feedback.correct
    assert hint in feedback.message
