"""Answers travel out of the sandbox as JSON data, never as pickles.

:func:`extraction_cell` is the code the grader appends to a submission: it encodes each answer
variable as a small tagged JSON value (numbers, text, tables as records, charts as their Vega-Lite
spec) and displays it under :data:`MIME`. :func:`decode` reads that payload back in the grader's own
process with a schema check; anything malformed becomes :class:`Unreadable` (no credit, with a reason),
never an exception and never code. Whatever a notebook forges here is only data it could have typed as
its answers anyway; the checks that score it run in the grader.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

MIME = "application/vnd.climate-course.answers+json"
MAX_PAYLOAD = 4_000_000  # characters of JSON
MAX_ROWS = 5_000  # rows of a table answer kept
MAX_TEXT = 2_000

_ENCODER = r'''
def __course_grade_extract(names, mime, max_rows, max_text):
    import json as _json, math as _math, numbers as _numbers
    from IPython.display import display as _display
    user = globals()

    def encode(value):
        if value is None:
            return {"type": "none"}
        if value is Ellipsis:
            return {"type": "ellipsis"}
        kind = type(value)
        module = kind.__module__ or ""
        if isinstance(value, bool) or kind.__name__ == "bool_":
            return {"type": "bool", "value": bool(value)}
        if isinstance(value, _numbers.Integral):
            return {"type": "int", "value": int(value)}
        if isinstance(value, _numbers.Real):
            number = float(value)
            return {"type": "float", "value": number if _math.isfinite(number) else repr(number)}
        if isinstance(value, str):
            return {"type": "string", "value": str(value)[:max_text]}
        if module.startswith("pandas") and kind.__name__ in ("DataFrame", "Series"):
            table = _json.loads(value.head(max_rows).to_json(orient="split", date_format="iso", default_handler=str))
            return {"type": kind.__name__.lower(), "table": table, "size": int(value.size)}
        if module.startswith("altair") and hasattr(value, "to_dict"):
            spec = value.to_dict()
            spec.pop("datasets", None)
            return {"type": "chart", "spec": _json.loads(_json.dumps(spec, default=str))}
        return {"type": "other", "type_name": kind.__name__[:100], "text": str(value)[:max_text]}

    answers = {}
    for name in names:
        if name not in user:
            answers[name] = {"type": "missing"}
            continue
        try:
            answers[name] = encode(user[name])
        except Exception as error:
            answers[name] = {"type": "error", "text": f"{type(error).__name__}: {error}"[:max_text]}
    _display({mime: answers}, raw=True)
'''


def extraction_cell(variables: list[str]) -> str:
    """Source of the cell the grader appends: display the answer variables as tagged JSON."""
    return (_ENCODER + f"\n__course_grade_extract({sorted(variables)!r}, {MIME!r}, {MAX_ROWS}, {MAX_TEXT})\n")


@dataclass(frozen=True)
class Unreadable:
    """An answer the grader could not read back; the checks see it as a value of no known kind."""

    reason: str

    def __str__(self) -> str:
        return f"<unreadable: {self.reason}>"


@dataclass(frozen=True)
class SpecChart:
    """A chart answer rebuilt from its Vega-Lite spec: what :class:`ChartCheck` reads (``to_dict``)."""

    spec: dict

    def to_dict(self) -> dict:
        return self.spec


def _other(type_name: str, text: str) -> Any:
    """A stand-in with the answer's type name and text, so a check's message reads as it did in the kernel."""
    name = type_name if type_name.isidentifier() else "object"
    return type(name, (), {"__str__": lambda self: text, "__repr__": lambda self: text})()


def _table(payload: dict, kind: str) -> pd.DataFrame | pd.Series:
    table = payload["table"]
    if not isinstance(table, dict) or not isinstance(table.get("data"), list):
        raise ValueError("table without data")
    if kind == "dataframe":
        return pd.DataFrame(table["data"], columns=table.get("columns"), index=table.get("index"))
    return pd.Series(table["data"], index=table.get("index"), name=table.get("name"))


def decode_value(payload: Any) -> Any:
    """One tagged JSON value back to a Python value for the checks; :class:`Unreadable` if malformed."""
    if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
        return Unreadable("not a tagged value")
    kind, value = payload["type"], payload.get("value")
    try:
        if kind == "none":
            return None
        if kind == "ellipsis":
            return Ellipsis
        if kind == "missing":
            return None
        if kind == "bool" and isinstance(value, bool):
            return value
        if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
            return value
        if kind == "float":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
            if value in ("nan", "inf", "-inf"):
                return float(value)
        if kind == "string" and isinstance(value, str):
            return value
        if kind in ("dataframe", "series"):
            return _table(payload, kind)
        if kind == "chart" and isinstance(payload.get("spec"), dict):
            return SpecChart(payload["spec"])
        if kind == "other" and isinstance(payload.get("type_name"), str) and isinstance(payload.get("text"), str):
            return _other(payload["type_name"], payload["text"])
        if kind == "error" and isinstance(payload.get("text"), str):
            return Unreadable(payload["text"])
    except (ValueError, TypeError, KeyError) as error:
        return Unreadable(f"malformed {kind}: {error}")
    return Unreadable(f"malformed {kind!r} value")


def parse_payload(text: Any, variables: list[str]) -> tuple[dict[str, Any], str | None]:
    """The raw tagged answers (JSON-able) for ``variables`` from the extraction cell's output, and a
    problem (or None). Only the expected variable names are kept; anything else is dropped."""
    if isinstance(text, str):
        if len(text) > MAX_PAYLOAD:
            return {}, "the answers are too large to read back"
        try:
            text = json.loads(text)
        except json.JSONDecodeError:
            return {}, "the answers could not be read back (not JSON)"
    if not isinstance(text, dict):
        return {}, "the answers could not be read back (not a JSON object)"
    if len(json.dumps(text, default=str)) > MAX_PAYLOAD:
        return {}, "the answers are too large to read back"
    return {name: text.get(name, {"type": "missing"}) for name in variables}, None


def is_missing(payload: Any) -> bool:
    return isinstance(payload, dict) and payload.get("type") == "missing"


def describe(payload: Any) -> str:
    """A short, stable text of an answer for the class report's 'commonest wrong answers'."""
    if not isinstance(payload, dict):
        return "?"
    kind, value = payload.get("type"), payload.get("value")
    if kind in ("none", "ellipsis", "missing"):
        return "(no answer)"
    if kind == "float" and isinstance(value, (int, float)):
        return f"{value:.4g}" if math.isfinite(value) else str(value)
    if kind in ("int", "bool", "string"):
        return repr(value) if kind == "string" else str(value)
    if kind == "chart":
        spec = payload.get("spec") or {}
        layers = spec.get("layer", [spec]) if isinstance(spec, dict) else []
        marks = sorted({str(l.get("mark", {}).get("type") if isinstance(l.get("mark"), dict) else l.get("mark"))
                        for l in layers if isinstance(l, dict)})
        return f"chart ({', '.join(marks)})"
    if kind in ("dataframe", "series"):
        return f"a table of {payload.get('size', '?')} values"
    if kind == "other":
        return f"a {payload.get('type_name', 'value')}"
    return f"({kind})"
