"""Live-mode widgets: changing a control in Python reruns the model and changes the chart."""

from __future__ import annotations

import ipywidgets as widgets

from climate_course.widgets import LiveChart, emissions_explorer_widget


def _values(chart) -> list:
    return chart.data["value"].round(6).tolist()


def test_metric_control_changes_chart_data():
    explorer = emissions_explorer_widget()
    before = _values(explorer.chart)
    explorer.controls["metric"].value = "co2_per_capita"
    assert _values(explorer.chart) != before
    assert "per person" in explorer.chart.to_dict()["title"]["text"]


def test_year_and_country_controls_change_chart_data():
    explorer = emissions_explorer_widget()
    explorer.controls["years"].value = (2000, 2010)
    assert explorer.chart.data["year"].between(2000, 2010).all()
    explorer.controls["countries"].value = ("Japan",)
    assert set(explorer.chart.data["country"]) == {"Japan"}


def test_output_widget_shows_the_current_chart():
    explorer = emissions_explorer_widget()
    explorer.controls["metric"].value = "share_global_co2"
    (shown,) = explorer.output.outputs
    assert shown["data"]["application/vnd.vegalite.v5+json"]["title"]["text"].startswith("Share of world")


def test_live_chart_is_generic():
    slider = widgets.IntSlider(value=2, min=1, max=5)
    calls = []

    def build(n):
        calls.append(n)
        import altair as alt
        import pandas as pd
        return alt.Chart(pd.DataFrame({"x": range(n)})).mark_point().encode(x="x:Q")

    live = LiveChart({"n": slider}, build)
    slider.value = 4
    assert calls == [2, 4] and live.values == {"n": 4} and len(live.chart.data) == 4


def test_reset_puts_every_control_and_the_chart_back():
    explorer = emissions_explorer_widget()
    first = explorer.chart.to_dict()
    explorer.controls["metric"].value = "co2_per_capita"
    explorer.controls["years"].value = (2000, 2010)
    explorer.reset_button.click()
    assert explorer.values["metric"] == "co2" and explorer.values["years"][0] == 1950
    assert explorer.chart.to_dict() == first
