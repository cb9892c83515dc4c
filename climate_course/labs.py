"""Shared pieces of the interactive labs: each parameter's range, default and unit, defined once.

A :class:`Parameter` (number) or :class:`Choice` (menu or checkbox) holds a lab input's name,
range, default and unit. The same object validates model input (``check``),
builds the static chart's Altair parameter (``param``) and the live ipywidget
(``widget``), so the two front ends cannot leave the model's ranges.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import altair as alt
import ipywidgets as widgets

from . import validate
from .i18n import _, translate_name


@dataclass(frozen=True)
class Parameter:
    """A numeric lab input: ``min <= value <= max``, moved in steps of ``step``."""

    name: str
    label: str
    unit: str
    min: float
    max: float
    default: float
    step: float
    source: str = "illustrative assumption"
    integer: bool = False  # a count or a year: only whole numbers (2006.0 counts as 2006)

    def check(self, value: float) -> float:
        """``value`` as a float; :class:`~climate_course.validate.InputError` naming the parameter and
        its range if it is not a finite number between ``min`` and ``max`` (a whole one if ``integer``)."""
        return validate.number(self.name, value, self.min, self.max, integer=self.integer)

    def param(self, prefix: str = "") -> alt.Parameter:
        """Altair parameter bound to a slider with this range and default."""
        label = (_("{label} ({unit}): ", label=_(self.label), unit=_(self.unit)) if self.unit
                 else _("{label}: ", label=_(self.label)))
        return alt.param(name=prefix + self.name, value=self.default,
                         bind=alt.binding_range(min=self.min, max=self.max, step=self.step, name=label))

    def widget(self) -> widgets.ValueWidget:
        """ipywidgets slider with the same range, step and default."""
        integer = all(float(v).is_integer() for v in (self.min, self.max, self.default, self.step))
        cls = widgets.IntSlider if integer else widgets.FloatSlider
        kind = int if integer else float
        return cls(value=kind(self.default), min=kind(self.min), max=kind(self.max), step=kind(self.step),
                   description=_(self.label), style={"description_width": "initial"},
                   layout=widgets.Layout(width="330px"))


@dataclass(frozen=True)
class Choice:
    """A menu lab input: one of ``options`` (with display ``labels``; without them, an option is
    shown as its name, translated by :func:`~climate_course.i18n.translate_name`)."""

    name: str
    label: str
    options: tuple
    default: object
    labels: tuple | Callable | None = None  # or a function of the option, called when shown

    def check(self, value):
        """The option equal to ``value`` (1 is not True, "no" is not False); else an error naming the options."""
        return validate.option(self.name, value, self.options)

    def param(self, prefix: str = "") -> alt.Parameter:
        """Altair parameter bound to a menu (or a checkbox for a True/False choice)."""
        if set(self.options) == {True, False}:
            return alt.param(name=prefix + self.name, value=self.default,
                             bind=alt.binding_checkbox(name=_(self.label)))  # a box's label follows it: no colon
        return alt.param(name=prefix + self.name, value=self.default,
                         bind=alt.binding_select(options=list(self.options),
                                                 labels=list(self.shown_labels()),
                                                 name=_("{label}: ", label=_(self.label))))

    def shown_labels(self) -> tuple[str, ...]:
        """What the menu shows for each option, in the current language."""
        if callable(self.labels):
            return tuple(self.labels(option) for option in self.options)
        if self.labels:
            return tuple(_(label) for label in self.labels)
        return tuple(translate_name(str(option)) for option in self.options)

    def widget(self) -> widgets.ValueWidget:
        """ipywidgets menu (or checkbox) with the same options and default."""
        if set(self.options) == {True, False}:
            return widgets.Checkbox(value=self.default, description=_(self.label))
        return widgets.Dropdown(options=list(zip(self.shown_labels(), self.options)), value=self.default,
                                description=_(self.label), style={"description_width": "initial"})


def defaults(params: dict[str, Parameter | Choice]) -> dict:
    """Default value of every parameter, by name."""
    return {name: p.default for name, p in params.items()}


def controls(params: dict[str, Parameter | Choice]) -> dict[str, widgets.ValueWidget]:
    """One ipywidget per parameter, keyed by name (for :class:`~climate_course.widgets.LiveChart`)."""
    return {name: p.widget() for name, p in params.items()}


def refill(template: alt.TopLevelMixin, values: list[dict], title: alt.Title, description: str) -> alt.TopLevelMixin:
    """A live chart: a shallow copy of a prebuilt ``template`` with new inline data, title and description.

    Building the Altair objects once and swapping only the data keeps a live
    update fast; the data are plain records, so no DataFrame conversion is needed.
    """
    chart = template.copy(deep=False)
    chart.data = alt.InlineData(values=values)
    chart.title = title
    chart.description = description
    return chart
