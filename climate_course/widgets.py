"""Live-mode front ends: ipywidgets controls that rerun the Python model and redraw.

These need a running kernel (Jupyter, Binder, JupyterHub). The built book
shows the static-mode charts from :mod:`climate_course.charts` instead.
"""

from __future__ import annotations

from typing import Callable

import altair as alt
import ipywidgets as widgets
from IPython.display import display

from .charts import (
    EMISSION_METRICS,
    EXPLORER_COUNTRIES,
    emissions_line_chart,
    explorer_data,
    metric_label,
)
from .data import load_table, table_meta
from .i18n import DEFAULT_LANGUAGE, _, language, translate_name


class LiveChart:
    """Controls plus a chart that is rebuilt by ``build(**values)`` whenever a control changes.

    ``controls`` maps keyword names of ``build`` to ipywidgets; ``chart`` always
    holds the chart for the controls' current values.
    """

    def __init__(self, controls: dict[str, widgets.ValueWidget], build: Callable[..., alt.TopLevelMixin]):
        self.controls = controls
        self.build = build
        self.output = widgets.Output()
        self.chart = build(**self.values)
        for control in controls.values():
            control.observe(self._redraw, names="value")
        self.widget = widgets.VBox([widgets.HBox(list(controls.values())), self.output])
        self._show()

    @property
    def values(self) -> dict:
        """Current value of every control, by keyword name."""
        return {name: control.value for name, control in self.controls.items()}

    def _redraw(self, _change=None) -> None:
        self.chart = self.build(**self.values)
        self._show()

    def _show(self) -> None:
        # Replace the Output widget's content through its state rather than by
        # capturing display() calls: that path needs no kernel message routing.
        # No schema validation on a redraw: a lab's chart only gets new numbers, and
        # each lab's test validates its chart (to_dict()), which would take most of
        # the update's time here.
        spec = self.chart.to_dict(validate=False, context={"pre_transform": False})
        data, metadata = alt.renderers.get()(spec)
        self.output.outputs = ({"output_type": "display_data", "data": data, "metadata": metadata},)

    def _ipython_display_(self) -> None:
        display(self.widget)


def name_options(names: list[str]) -> list:
    """Options of a menu of names: the names themselves in English; otherwise (translated name,
    English name) pairs, so the chosen value stays the name the tables use."""
    if language() == DEFAULT_LANGUAGE:
        return list(names)
    return [(translate_name(name), name) for name in names]


def emissions_explorer_widget(countries: list[str] | None = None, start_year: int = 1950) -> LiveChart:
    """Live emissions explorer: pick any countries, a metric and a year range."""
    table = load_table("co2_annual")
    source = table_meta("co2_annual").citation
    first, last = int(table["year"].min()), int(table["year"].max())
    controls = {
        "countries": widgets.SelectMultiple(
            options=name_options(sorted(table["country"].unique())), value=tuple(countries or EXPLORER_COUNTRIES),
            rows=8, description=_("Countries"),
        ),
        "metric": widgets.Dropdown(
            options=[(metric_label(m), key) for key, m in EMISSION_METRICS.items()],
            value="co2", description=_("Metric"),
        ),
        "years": widgets.IntRangeSlider(
            min=first, max=last, value=(start_year, last), description=_("Years"),
            layout=widgets.Layout(width="420px"),
        ),
    }

    def build(countries, metric, years):
        data = explorer_data(table, list(countries), metric, years)
        return emissions_line_chart(data, metric, source)

    return LiveChart(controls, build)
