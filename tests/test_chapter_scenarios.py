"""The numbers the chapters' "Try this" boxes promise a reader who sets the lab's controls are
computed here with the lab's own model and must stand in the text as computed (rounded to the Gt),
as must the other figures a chapter and its exercise's model answer state in words."""

from __future__ import annotations

import json

import pytest

import climate_course as cc
from climate_course import pathways, power
from conftest import ROOT


def _prose(notebook: str, folder: str = "chapters") -> str:
    cells = json.loads((ROOT / folder / notebook).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


def _scenario(country: str, temperature: float, chance: int, **controls) -> dict:
    table = cc.load_table("co2_annual")
    history = table[(table["country"] == country) & (table["year"] >= 2000)].set_index("year")["co2"] / 1000
    budget = pathways.remaining_budget(temperature, chance)
    result = pathways.fair_share_result(country, history, pathways.share_inputs(table, country), budget,
                                        "population", **controls)
    return {"total": round(result["total"]), **{rule: round(v) for rule, v in result["shares"].items()}}


CHINA_DEFAULT = dict(peak_year=2028, plateau=2, growth=1.0, shape=1.0)
CHINA_FAST = dict(peak_year=2025, plateau=0, growth=0.0, shape=3.0)

CASES = [  # notebook, scenario, the phrases its numbers must appear in
    ("04_china_pledges.ipynb", ("China", 1.5, 50, CHINA_DEFAULT),
     ["emits about {total} Gt", "population share of the 1.5 °C budget ({population} Gt)",
      "historical responsibility ({responsibility} Gt)", "grandfathered share ({grandfathering} Gt)"]),
    ("04_china_pledges.ipynb", ("China", 2, 67, CHINA_DEFAULT),
     ["current emissions ({grandfathering} Gt)", "historical-responsibility share ({responsibility} Gt)",
      "population share ({population} Gt)"]),
    ("04_china_pledges.ipynb", ("China", 1.5, 50, CHINA_FAST),
     ["to about {total} Gt", "population share ({population} Gt)", "historical responsibility ({responsibility} Gt)"]),
    ("04_china_pledges.ipynb", ("China", 2, 83, CHINA_FAST),
     ["responsibility ({responsibility} Gt)", "current emissions ({grandfathering} Gt)", "population share ({population} Gt)"]),
    ("05_us_plan.ipynb", ("United States", 1.5, 50, dict(cut_2030=50, net_zero_year=2050)),
     ["emits about {total} Gt", "only {population} Gt of the 1.5 °C budget", "around {responsibility} Gt",
      "{grandfathering} Gt for 1.5 °C"]),
    ("05_us_plan.ipynb", ("United States", 2, 67, dict(cut_2030=50, net_zero_year=2050)),
     ["{population} Gt of the 2 °C budget", "{grandfathering} Gt for 2 °C", "about {population} Gt)"]),
    ("05_us_plan.ipynb", ("United States", 2, 67, dict(cut_2030=80, net_zero_year=2040)), ["to about {total} Gt"]),
    ("05_us_plan.ipynb", ("United States", 2, 67, dict(cut_2030=50, net_zero_year=2040)), ["about {total} Gt, over"]),
]


@pytest.mark.parametrize("notebook, scenario, phrases", CASES, ids=[f"{c[0][:2]}-{i}" for i, c in enumerate(CASES)])
def test_stated_figure_is_the_model_s(notebook, scenario, phrases):
    country, temperature, chance, controls = scenario
    numbers = _scenario(country, temperature, chance, **controls)
    text = _prose(notebook).replace("−", "-")
    missing = [phrase.format(**numbers) for phrase in phrases if phrase.format(**numbers) not in text]
    assert not missing, f"{notebook}: the model gives {numbers}; the text lacks {missing}"


def test_us_pace_figures_are_the_package_s():
    """Chapter 5 and its exercise compare the fall the 2030 target needs with the fall achieved since 2005."""
    table = cc.load_table("co2_annual")
    us = table[table["country"] == "United States"].set_index("year")["co2"] / 1000
    latest = int(table["year"].max())
    needed = -pathways.average_annual_rate(us[latest], us[2005] / 2, 2030 - latest)
    achieved = -pathways.series_rate(us, 2005, latest)
    figures = [f"about {needed:.1f} % every year", f"about {achieved:.2f} % a year", f"about {needed / achieved:.1f} times"]
    for text in (_prose("05_us_plan.ipynb"), _prose("ex05_us_plan.ipynb", "exercises/source")):
        assert [figure for figure in figures if figure not in text] == []
    assert f"about −{needed:.1f} % a year against about −{achieved:.2f} %" in _prose("05_us_plan.ipynb")


def test_power_figures_are_the_package_s():
    """Chapter 8 and its exercise state gas against coal and China's coal generation in words."""
    factors = power.LIFECYCLE_G_PER_KWH
    gas_share = 100 * factors["gas"] / factors["coal"]
    generation = cc.load_table("electricity_generation")
    china_coal = generation[generation["country"] == "China"].set_index("year")["coal"]
    chapter = _prose("08_power.ipynb")
    assert f"cuts its emissions by about {100 - gas_share:.0f} %" in chapter
    assert chapter.count(f"some {gas_share:.0f} % as much") == 3
    for text in (chapter, _prose("ex08_power.ipynb", "exercises/source")):
        assert f"some {round(china_coal[2023], -1):,.0f} TWh" in text
