"""Instant feedback for exercises: ``check("ex00.q1", answer)`` says correct or gives a hint.

Each question registers one check in a module of :mod:`climate_course.checks`.
Feedback never contains the expected answer, so the student edition gives
nothing away; wrong answers that match a known mistake (carbon instead of CO2,
Gt instead of Mt, a fraction instead of a percentage, the wrong year) get a
hint that names the *kind* of mistake. Hints never point towards the answer:
a choice question's hint never gives a direction or a distance ("one year
later") nor names another option, and a number question says "too high / too
low" only where its tolerance makes guessing by halving pointless (see
:class:`NumberCheck`). Any number type that equals the answer is accepted
(2006.0, ``numpy.int64(2006)``, a 0-d array, ``Decimal``). Unanswered questions (``None`` or ``...``) and
answers of the wrong kind get a plain message instead of an error, so a
student's notebook always runs top to bottom.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

from .i18n import N_, _, language
from .validate import real

CARBON_TO_CO2 = 44.01 / 12.011  # 3.664


@dataclass(frozen=True)
class Feedback:
    """The result of one check: whether the answer is right and what to tell the student."""

    question: str
    correct: bool
    message: str

    def __str__(self) -> str:
        mark = "✅" if self.correct else "❌"
        return f"{mark} {self.question}: {self.message}"

    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)


def _common_mistakes(unit: str) -> list[tuple[float, str]]:
    """Factors that turn the right answer into a typical wrong one, with the hint for each."""
    thousand = _("Off by a factor of 1,000: check the units (the answer is in {unit}).", unit=_(unit))
    hundred = _("Off by a factor of 100: give a percentage (a number from 0 to 100), not a fraction, or the other way round.")
    return [
        (1 / CARBON_TO_CO2, _("This looks like tonnes of carbon, not CO₂: multiply by 44/12 ≈ 3.664.")),
        (CARBON_TO_CO2, _("This looks 3.664 times too large: did you convert carbon to CO₂ twice?")),
        (1000, thousand),
        (1 / 1000, thousand),
        (100, hundred),
        (1 / 100, hundred),
        (-1, _("Right size, wrong sign: is this a fall or a rise?")),
    ]


@dataclass(frozen=True)
class NumberCheck:
    """A question whose answer is one number, within a relative tolerance.

    ``expected`` is a number or a function computing it from the course data.
    ``near_misses`` maps a hint to a function giving a typical wrong answer
    (for example the value for the wrong year); they are checked before the
    generic unit mistakes.

    Direction rule: any other wrong answer is told "too high" or "too low" only when
    halving the interval cannot find the answer in a few guesses, that is when the
    answer is not a whole number and ``rel_tol`` is at most :data:`BISECTION_TOL`
    (from a guess within a factor of two, halving then needs ten or more tries).
    Counts, days and answers with a looser tolerance get a hint about the method
    only (see :attr:`gives_direction`).
    """

    question: str
    expected: float | Callable[[], float]
    unit: str
    rel_tol: float = 0.005
    near_misses: dict[str, Callable[[], float]] = field(default_factory=dict)

    def value(self) -> float:
        """The expected answer (computed once per check: the course data do not change in a session)."""
        return self._computed()[0]

    def _computed(self) -> tuple[float, list[tuple[str, float]]]:
        owner, computed = _NUMBER_CACHE.get(id(self), (None, None))
        if owner is not self:
            expected = float(self.expected() if callable(self.expected) else self.expected)
            computed = (expected, [(hint, float(wrong())) for hint, wrong in self.near_misses.items()])
            _NUMBER_CACHE[id(self)] = (self, computed)
        return computed

    @property
    def gives_direction(self) -> bool:
        """Whether a wrong answer with no specific hint is told too high / too low (the direction rule)."""
        return self.rel_tol <= BISECTION_TOL and not float(self.value()).is_integer()

    def __call__(self, answer: Any) -> Feedback:
        problem = _not_a_number(answer)
        if problem:
            return Feedback(self.question, False, problem)
        answer = real(answer)
        expected = self.value()
        if _close(answer, expected, self.rel_tol):
            return Feedback(self.question, True, _(_CORRECT))
        for hint, wrong in self._computed()[1]:
            if _close(answer, wrong, self.rel_tol):
                return Feedback(self.question, False, _(hint))
        for factor, hint in _common_mistakes(self.unit):
            if _close(answer, expected * factor, self.rel_tol):
                return Feedback(self.question, False, hint)
        if not self.gives_direction:
            return Feedback(self.question, False, _("not yet: check your filter, the year and the units ({unit}).",
                                                    unit=_(self.unit)))
        message = (N_("not yet: your answer is too high. Check your filter and units ({unit}).") if answer > expected
                   else N_("not yet: your answer is too low. Check your filter and units ({unit})."))
        return Feedback(self.question, False, _(message, unit=_(self.unit)))


_CHOICE_CACHE: dict = {}
_NUMBER_CACHE: dict = {}

#: Largest relative tolerance at which a number check may say "too high / too low" (see :class:`NumberCheck`).
BISECTION_TOL = 0.001


def choice_label(value: Any) -> str | None:
    """The canonical form of a choice answer: text without case or spaces; a whole number as its digits
    (2006, 2006.0, "2006", ``numpy.int64(2006)`` and ``Decimal("2006")`` all give "2006"); ``None`` if it
    is neither text nor a number."""
    if isinstance(value, str):
        text = value.strip().casefold()
        try:
            number = float(text)
        except ValueError:
            return text
        return choice_label(number) if math.isfinite(number) else text
    number = real(value)
    if number is None or not math.isfinite(number):
        return None
    return str(int(number)) if number.is_integer() else repr(number)


@dataclass(frozen=True)
class ChoiceCheck:
    """A question whose answer is one of ``options`` (countries, years, letters), compared without case.

    ``options`` (or a function returning them) is the question's whole answer set, the
    expected answer among them; the tests use it to prove that no hint narrows the choice.
    Hint rule: a hint for a wrong option names the kind of mistake (wrong measure, wrong
    year rule, units) and never a direction, a distance or another option, so a wrong
    answer tells the student only that this one option is wrong.
    """

    question: str
    expected: str | int | Callable[[], str | int]
    options: tuple | Callable[[], Any]
    hints: dict[str, str] | Callable[[], dict[str, str]] = field(default_factory=dict)

    def hint_table(self) -> dict[str, str]:
        """The hints by :func:`choice_label` of the wrong answer they answer (a computed mistake that
        happens to give the right answer is dropped)."""
        return self._computed()[2]

    def answer_set(self) -> list[str]:
        """Every option as its :func:`choice_label`."""
        return self._computed()[1]

    def expected_label(self) -> str:
        """The expected answer as its :func:`choice_label`."""
        return self._computed()[0]

    def _computed(self) -> tuple[str, list[str], dict[str, str]]:
        """Expected label, answer set and hint table, computed once per check and language (the data do
        not change; a hint may be written with the data's values in it)."""
        owner, computed = _CHOICE_CACHE.get((id(self), language()), (None, None))
        if owner is not self:
            expected = choice_label(self.expected() if callable(self.expected) else self.expected)
            options = self.options() if callable(self.options) else self.options
            hints = self.hints() if callable(self.hints) else self.hints
            table = {choice_label(wrong): hint for wrong, hint in hints.items() if choice_label(wrong) != expected}
            computed = (expected, [choice_label(o) for o in options], table)
            _CHOICE_CACHE[(id(self), language())] = (self, computed)
        return computed

    def __call__(self, answer: Any) -> Feedback:
        if answer is None or answer is Ellipsis:
            return Feedback(self.question, False, _(_UNANSWERED))
        if isinstance(answer, (pd.DataFrame, pd.Series)):
            return Feedback(self.question, False, _("expected a single value, not a table: pick one entry."))
        given = choice_label(answer)
        if given is None:
            return Feedback(self.question, False, _("expected a single label or number, got {kind}.",
                                                    kind=type(answer).__name__))
        if given == self.expected_label():
            return Feedback(self.question, True, _(_CORRECT))
        hint = self.hint_table().get(given)
        if hint:
            return Feedback(self.question, False, _(hint))
        if given not in self.answer_set():
            return Feedback(self.question, False, _("that is not one of the possible answers: check the spelling."))
        return Feedback(self.question, False, _("not yet: look at the data again."))


@dataclass(frozen=True)
class ChartCheck:
    """A question answered with an Altair chart: its mark, the fields it shows, and a title.

    Any chart that shows what is asked passes: a single chart, a layered one, a faceted
    one or a concatenation. Each field must be shown on a visible channel (a position,
    colour, shape, dash, size, opacity, text, or a facet) of a layer with the right mark,
    or of the facet around it; a field that appears only in the tooltip or as ``detail``
    is not shown, so a chart that only looks right at first glance does not pass.
    """

    question: str
    mark: str
    fields: tuple[str, ...]
    needs_title: bool = True

    def __call__(self, answer: Any) -> Feedback:
        if answer is None or answer is Ellipsis:
            return Feedback(self.question, False, _(_UNANSWERED))
        if not hasattr(answer, "to_dict"):
            return Feedback(self.question, False, _("expected an Altair chart, got {kind}.", kind=type(answer).__name__))
        try:
            spec = answer.to_dict()
        except Exception as error:  # an Altair chart that cannot be drawn: say why instead of failing
            return Feedback(self.question, False, _("this chart cannot be drawn: {error}.", error=type(error).__name__))
        units = list(_unit_specs(spec, set()))
        shown = [fields for mark, fields in units if mark == self.mark]
        if not shown:
            return Feedback(self.question, False, _("use a {mark} mark (mark_{mark}()).", mark=self.mark))
        best = min(shown, key=lambda fields: len(set(self.fields) - fields))
        missing = [name for name in self.fields if name not in best]
        if missing:
            return Feedback(self.question, False, _("show the column(s) {missing} in your chart, on the axes, as the "
                                                    "colour (or shape, dash) or as facets; a tooltip alone is not enough.",
                                                    missing=missing))
        if self.needs_title and not _has_title(spec):
            return Feedback(self.question, False, _("give the chart a title (.properties(title=...))."))
        return Feedback(self.question, True, _(_CORRECT))


#: Encoding channels a reader sees without hovering (tooltip, detail, href and the like are not among them).
VISIBLE_CHANNELS = {"x", "y", "x2", "y2", "xOffset", "yOffset", "theta", "theta2", "radius", "radius2", "color",
                    "fill", "stroke", "strokeDash", "shape", "size", "opacity", "fillOpacity", "strokeOpacity",
                    "strokeWidth", "text", "angle", "row", "column", "facet"}


def _channel_fields(encoding: dict) -> set[str]:
    fields = set()
    for channel, value in (encoding or {}).items():
        if channel in VISIBLE_CHANNELS and isinstance(value, dict) and value.get("field"):
            fields.add(value["field"])
    return fields


def _facet_fields(facet) -> set[str]:
    if not isinstance(facet, dict):
        return set()
    if "field" in facet:
        return {facet["field"]}
    return {v["field"] for v in facet.values() if isinstance(v, dict) and v.get("field")}


def _unit_specs(spec: dict, inherited: set[str]):
    """(mark type, fields shown) of every single-mark chart inside ``spec``, with the fields of the
    layers and facets around it."""
    fields = inherited | _channel_fields(spec.get("encoding")) | _facet_fields(spec.get("facet"))
    if "mark" in spec:
        yield _mark_type(spec), fields
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(key, []):
            yield from _unit_specs(child, fields if key == "layer" else inherited)
    if isinstance(spec.get("spec"), dict):
        yield from _unit_specs(spec["spec"], fields)


def _has_title(spec: dict) -> bool:
    if spec.get("title"):
        return True
    return any(_has_title(child) for key in ("layer", "hconcat", "vconcat", "concat")
               for child in spec.get(key, [])) or (isinstance(spec.get("spec"), dict) and _has_title(spec["spec"]))


def _mark_type(spec: dict) -> str | None:
    mark = spec.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


_UNANSWERED = N_("no answer yet: assign your result to the answer variable and run the cell again.")
_CORRECT = N_("correct.")


def _not_a_number(answer: Any) -> str | None:
    """Why ``answer`` cannot be checked as a number, or ``None`` if it can."""
    if answer is None or answer is Ellipsis:
        return _(_UNANSWERED)
    if isinstance(answer, (bool, np.bool_)):
        return _("expected a number, got True/False.")
    if isinstance(answer, str):
        return _("expected a number, got text: remove the quotes, or convert with float(...).")
    if isinstance(answer, (pd.DataFrame, pd.Series)):
        if answer.size == 1:
            return _("expected a single number, not a one-cell table: take the value with .item().")
        return _("expected a single number, got a table with {size} values: select one with .loc[...].", size=answer.size)
    number = real(answer)
    if number is None:
        return _("expected a number, got {kind}.", kind=type(answer).__name__)
    if math.isnan(number):
        return _("the answer is NaN (not a number): the data you selected may be empty.")
    if math.isinf(number):
        return _("the answer is infinite: did you divide by zero?")
    return None


def _close(a: float, b: float, rel_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-9)


_REGISTRY: dict[str, Callable[[Any], Feedback]] = {}


def register(*checks) -> None:
    """Add checks to the registry (called by the modules of :mod:`climate_course.checks`)."""
    for item in checks:
        if item.question in _REGISTRY:
            raise ValueError(f"question {item.question!r} is registered twice")
        _REGISTRY[item.question] = item


def _load_all() -> None:
    if _REGISTRY:
        return
    from . import checks

    for module in pkgutil.iter_modules(checks.__path__):
        importlib.import_module(f"{checks.__name__}.{module.name}")


def questions() -> list[str]:
    """Every question id that has a check."""
    _load_all()
    return sorted(_REGISTRY)


def registered_checks() -> dict[str, Callable[[Any], Feedback]]:
    """Every check by question id (a copy: registering goes through :func:`register`)."""
    _load_all()
    return dict(_REGISTRY)


def check(question: str, answer: Any) -> Feedback:
    """Feedback on ``answer`` to ``question`` (for example ``check("ex00.q1", share)``)."""
    _load_all()
    if question not in _REGISTRY:
        raise KeyError(f"no check for question {question!r}; known: {questions()}")
    return _REGISTRY[question](answer)
