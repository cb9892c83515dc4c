"""The front page's figures and chart (climate_course.overview) and its computed blocks
(climate_course.press.frontpage): every number it states comes from the data or the sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from climate_course import load_table, overview, table_meta
from climate_course.press import frontpage
from climate_course.press.outline import MINUTES_PER_QUESTION, chapter_plan, course_map, labs

ROOT = Path(__file__).resolve().parent.parent
CO2 = load_table("co2_annual")
PARTS = overview.world_parts(CO2)


def test_world_parts_add_up_to_the_world():
    world = CO2[CO2["country"] == "World"].set_index("year")
    for measure, column in (("annual", "co2"), ("cumulative", "cumulative_co2")):
        totals = PARTS.groupby("year")[measure].sum()
        assert totals.to_numpy() == pytest.approx(world.loc[totals.index, column].to_numpy() / 1000)
    assert set(PARTS["part"]) == {"China", "United States", overview.REST}
    assert PARTS["year"].min() == 1950 and (PARTS["annual"] > 0).all()


def test_headline_figures_match_the_table_and_chapter_0():
    figures = overview.headline_figures(PARTS)
    latest = CO2[CO2["year"] == figures["year"]].set_index("country")
    assert figures["year"] == 2024
    assert figures["annual"]["China"] == pytest.approx(latest.loc["China", "share_global_co2"], abs=1e-3)
    assert figures["cumulative"]["United States"] == pytest.approx(
        latest.loc["United States", "share_global_cumulative_co2"], abs=0.05)
    text = overview.format_headline(figures)
    assert "38.6 billion tonnes" in text and "China emitted 32 %" in text and "together 45 %" in text
    assert "the United States emitted 24 % and China 15 %" in text


def test_chart_switches_measure_and_describes_itself():
    spec = overview.world_parts_chart(PARTS, table_meta("co2_annual").citation).to_dict()
    measure = next(p for p in spec["params"] if p["name"] == "measure")
    assert measure["bind"]["input"] == "radio" and measure["bind"]["options"] == list(overview.MEASURES)
    assert spec["mark"]["type"] == "area" and spec["encoding"]["y"]["stack"] == "zero"
    assert overview.format_headline(overview.headline_figures(PARTS)) in spec["description"]


def test_course_map_follows_the_chapters():
    plan = course_map(ROOT)
    assert list(plan["chapter"]) == list(chapter_plan(ROOT)["chapter"])
    assert plan["part"].iloc[0] == "The two largest emitters" and (plan["part"] != "").all()
    assert plan["labs"].sum() == sum(len(labs(ROOT / f"{d}.ipynb")) for d in plan["document"]) > 0
    assert (plan["exercise_minutes"] % MINUTES_PER_QUESTION == 0).all()


def test_map_summary_and_table_state_the_computed_totals():
    plan = course_map(ROOT)
    summary = frontpage.map_summary(plan)
    assert summary.startswith(f"{len(plan)} chapters in {plan['part'].nunique()} parts")
    assert frontpage.hours(plan["reading_minutes"].sum()) in summary and f"{plan['labs'].sum()} labs" in summary
    markup = frontpage.map_html(ROOT, "intro")
    assert '<a href="chapters/00_two_largest_emitters.html">The two largest emitters</a>' in markup
    assert '<a href="exercises/ex11a_lab_compete_or_cooperate.html">Exercise 11a</a>' in markup
    assert markup.count("<tr>") == len(plan) + 1


@pytest.mark.parametrize("minutes, said", [(45, "45 min"), (60, "1 h"), (90, "1 h 30 min"), (0, "0 min")])
def test_hours(minutes, said):
    assert frontpage.hours(minutes) == said


def test_headline_html_has_a_text_fallback():
    markup = frontpage.headline_html()
    assert markup.index("course-headline-figures") < markup.index('class="course-vega"')
    assert "<noscript>" in markup
