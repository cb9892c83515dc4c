"""One way to check a model's inputs, shared by every public model function and by the labs' parameters.

Each checker returns the value in a plain Python type or raises :class:`InputError`, whose
message names the parameter and the accepted range or options. ``InputError`` is both a
``ValueError`` and a ``TypeError``, so callers may catch either. Any real number is accepted
(int, float, a numpy scalar, a 0-d array, ``Decimal``, ``Fraction``); a bool, text, ``None``,
NaN or an infinity never is, so a slip such as ``cap=True`` or a NaN from a bad join fails at
once with a message instead of passing silently into the arithmetic.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal

import numpy as np
import pandas as pd


class InputError(ValueError, TypeError):
    """A model input of the wrong kind or outside its range (catch as ValueError or TypeError)."""


def _span(low: float, high: float, unit: str, above: bool = False) -> str:
    """The accepted range in words, e.g. "between 0 and 10 (t)" or "greater than 0"."""
    suffix = f" {unit}" if unit else ""
    lower = f"greater than {low:g}" if above else f"at least {low:g}"
    if math.isinf(low) and math.isinf(high):
        span = "finite"
    elif math.isinf(high):
        span = lower
    elif math.isinf(low):
        span = f"at most {high:g}"
    elif above:
        span = f"{lower} and at most {high:g}"
    else:
        span = f"between {low:g} and {high:g}"
    return span + suffix


def real(value):
    """``value`` as a float if it is a real number (not a bool): int, float, numpy scalar, 0-d array,
    ``Decimal`` or ``Fraction``; else ``None``. NaN and infinities are returned as they are."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or value is None:
        return None
    if isinstance(value, (numbers.Real, Decimal)):
        try:
            return float(value)
        except (OverflowError, ValueError):
            return math.copysign(math.inf, value) if isinstance(value, numbers.Real) else None
    return None


def number(name: str, value, low: float = -math.inf, high: float = math.inf, *, unit: str = "",
           integer: bool = False, above: bool = False) -> float:
    """``value`` as a float if it is a finite real number with ``low <= value <= high``.

    ``above=True`` makes the lower bound strict (``value > low``); ``integer=True`` also
    requires a whole number (2006.0 counts as 2006).
    """
    span = _span(low, high, unit, above)
    kind = "whole number" if integer else "number"
    x = real(value)
    if x is None:
        raise InputError(f"{name} must be a {kind} {span}, got {type(value).__name__} {value!r}")
    if math.isnan(x) or math.isinf(x):
        raise InputError(f"{name} must be a finite {kind} {span}, got {x!r}")
    too_low = x <= low if above else x < low
    if too_low or x > high:
        raise InputError(f"{name} must be {span}, got {x:g}")
    if integer and not x.is_integer():
        raise InputError(f"{name} must be a whole number {span}, got {x:g}")
    return x


def whole(name: str, value, low: float = -math.inf, high: float = math.inf, *, unit: str = "") -> int:
    """:func:`number` with ``integer=True``, returned as an int."""
    return int(number(name, value, low, high, unit=unit, integer=True))


def flag(name: str, value) -> bool:
    """``value`` if it is True or False (a numpy bool too); anything else, even "no" or 1, is refused."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise InputError(f"{name} must be True or False, got {type(value).__name__} {value!r}")


def option(name: str, value, options):
    """``value`` if it is one of ``options`` (compared by type as well, so 1 is not True)."""
    for candidate in options:
        if type(candidate) is bool or type(value) in (bool, np.bool_):
            if type(value) in (bool, np.bool_) and type(candidate) is bool and bool(value) is candidate:
                return candidate
            continue
        if isinstance(candidate, str) != isinstance(value, str):
            continue
        try:
            if candidate == value:
                return candidate
        except (TypeError, ValueError):
            continue
    raise InputError(f"{name} must be one of {list(options)}, got {value!r}")


def numbers_array(name: str, values, low: float = -math.inf, high: float = math.inf, *, unit: str = "",
                  above: bool = False, min_size: int = 1) -> np.ndarray:
    """A 1-D float array of ``values``, each a finite number in range (see :func:`number`).

    Checked with numpy in one pass; the first bad element is named in the error (``slopes[2]``).
    """
    if isinstance(values, (str, bytes)) or values is None or isinstance(values, (bool, np.bool_)):
        raise InputError(f"{name} must be a sequence of numbers, got {type(values).__name__} {values!r}")
    raw = np.atleast_1d(np.asarray(values.to_numpy() if isinstance(values, (pd.Series, pd.Index)) else values))
    if raw.ndim != 1 or raw.size < min_size:
        raise InputError(f"{name} must be a 1-D sequence of at least {min_size} number(s), got shape {raw.shape}")
    mixed = isinstance(values, (list, tuple)) and any(isinstance(v, (bool, np.bool_)) for v in values)
    if mixed or raw.dtype.kind not in "iuf":  # bools, text, objects (None, Decimal, pandas NA ...): one by one
        items = values if mixed else raw
        return np.array([number(f"{name}[{i}]", v, low, high, unit=unit, above=above) for i, v in enumerate(items)])
    array = raw.astype(float)
    bad = ~np.isfinite(array) | (array <= low if above else array < low) | (array > high)
    if bad.any():
        i = int(np.argmax(bad))
        number(f"{name}[{i}]", float(array[i]), low, high, unit=unit, above=above)  # raises, naming the element
    return array


def columns(name: str, table, required) -> pd.DataFrame:
    """``table`` if it is a DataFrame with every column in ``required``."""
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"{name} must be a pandas DataFrame, got {type(table).__name__}")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise InputError(f"{name} must have the column(s) {missing}")
    return table
