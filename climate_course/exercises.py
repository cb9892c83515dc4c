"""Instant feedback for exercises: ``check("ex00.q1", answer)`` says correct or gives a hint.

Each question registers one check in a module of :mod:`climate_course.checks`.
Feedback never contains the expected answer, so the student edition gives
nothing away; wrong answers that match a known mistake (carbon instead of CO2,
Gt instead of Mt, a fraction instead of a percentage, the wrong year) get a
hint that names the mistake. Unanswered questions (``None`` or ``...``) and
answers of the wrong kind get a plain message instead of an error, so a
student's notebook always runs top to bottom.
"""

from __future__ import annotations

import importlib
import math
import numbers
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

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
    return [
        (1 / CARBON_TO_CO2, "This looks like tonnes of carbon, not CO₂: multiply by 44/12 ≈ 3.664."),
        (CARBON_TO_CO2, "This looks 3.664 times too large: did you convert carbon to CO₂ twice?"),
        (1000, f"Off by a factor of 1,000: check the units (the answer is in {unit})."),
        (1 / 1000, f"Off by a factor of 1,000: check the units (the answer is in {unit})."),
        (100, "Off by a factor of 100: give a percentage (a number from 0 to 100), not a fraction, or the other way round."),
        (1 / 100, "Off by a factor of 100: give a percentage (a number from 0 to 100), not a fraction, or the other way round."),
        (-1, "Right size, wrong sign: is this a fall or a rise?"),
    ]


@dataclass(frozen=True)
class NumberCheck:
    """A question whose answer is one number, within a relative tolerance.

    ``expected`` is a number or a function computing it from the course data.
    ``near_misses`` maps a hint to a function giving a typical wrong answer
    (for example the value for the wrong year); they are checked before the
    generic unit mistakes.
    """

    question: str
    expected: float | Callable[[], float]
    unit: str
    rel_tol: float = 0.005
    near_misses: dict[str, Callable[[], float]] = field(default_factory=dict)

    def value(self) -> float:
        return float(self.expected() if callable(self.expected) else self.expected)

    def __call__(self, answer: Any) -> Feedback:
        problem = _not_a_number(answer)
        if problem:
            return Feedback(self.question, False, problem)
        answer = float(answer)
        expected = self.value()
        if _close(answer, expected, self.rel_tol):
            return Feedback(self.question, True, "correct.")
        for hint, wrong in self.near_misses.items():
            if _close(answer, float(wrong()), self.rel_tol):
                return Feedback(self.question, False, hint)
        for factor, hint in _common_mistakes(self.unit):
            if _close(answer, expected * factor, self.rel_tol):
                return Feedback(self.question, False, hint)
        direction = "too high" if answer > expected else "too low"
        return Feedback(self.question, False, f"not yet: your answer is {direction}. Check your filter and units ({self.unit}).")


@dataclass(frozen=True)
class ChoiceCheck:
    """A question whose answer is one label (a country, a year, a letter), compared without case."""

    question: str
    expected: str | int | Callable[[], str | int]
    hints: dict[str, str] = field(default_factory=dict)

    def __call__(self, answer: Any) -> Feedback:
        if answer is None or answer is Ellipsis:
            return Feedback(self.question, False, _UNANSWERED)
        if isinstance(answer, (pd.DataFrame, pd.Series)):
            return Feedback(self.question, False, "expected a single value, not a table: pick one entry.")
        expected = self.expected() if callable(self.expected) else self.expected
        given = str(answer).strip().casefold()
        if given == str(expected).strip().casefold():
            return Feedback(self.question, True, "correct.")
        for wrong, hint in self.hints.items():
            if given == wrong.casefold():
                return Feedback(self.question, False, hint)
        return Feedback(self.question, False, "not yet: look at the data again.")


@dataclass(frozen=True)
class ChartCheck:
    """A question answered with an Altair chart: checks its mark, encoded fields and title."""

    question: str
    mark: str
    fields: tuple[str, ...]
    needs_title: bool = True

    def __call__(self, answer: Any) -> Feedback:
        if answer is None or answer is Ellipsis:
            return Feedback(self.question, False, _UNANSWERED)
        if not hasattr(answer, "to_dict"):
            return Feedback(self.question, False, f"expected an Altair chart, got {type(answer).__name__}.")
        spec = answer.to_dict()
        marks = {_mark_type(layer) for layer in spec.get("layer", [spec])}
        if self.mark not in marks:
            return Feedback(self.question, False, f"use a {self.mark} mark (mark_{self.mark}()).")
        encoded = {channel.get("field") for layer in spec.get("layer", [spec])
                   for channel in layer.get("encoding", {}).values() if isinstance(channel, dict)}
        missing = [name for name in self.fields if name not in encoded]
        if missing:
            return Feedback(self.question, False, f"encode the column(s) {missing} in your chart.")
        if self.needs_title and not spec.get("title"):
            return Feedback(self.question, False, "give the chart a title (.properties(title=...)).")
        return Feedback(self.question, True, "correct.")


def _mark_type(spec: dict) -> str | None:
    mark = spec.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


_UNANSWERED = "no answer yet: assign your result to the answer variable and run the cell again."


def _not_a_number(answer: Any) -> str | None:
    """Why ``answer`` cannot be checked as a number, or ``None`` if it can."""
    if answer is None or answer is Ellipsis:
        return _UNANSWERED
    if isinstance(answer, bool):
        return "expected a number, got True/False."
    if isinstance(answer, str):
        return "expected a number, got text: remove the quotes, or convert with float(...)."
    if isinstance(answer, (pd.DataFrame, pd.Series)):
        if answer.size == 1:
            return "expected a single number, not a one-cell table: take the value with .item()."
        return f"expected a single number, got a table with {answer.size} values: select one with .loc[...]."
    if not isinstance(answer, numbers.Real):
        return f"expected a number, got {type(answer).__name__}."
    if math.isnan(answer):
        return "the answer is NaN (not a number): the data you selected may be empty."
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
