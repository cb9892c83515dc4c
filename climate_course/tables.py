"""Tables for every chapter: a DataFrame shown as a captioned HTML table, units in the headers,
numbers right-aligned; its plain-text form (what nbval compares) is a stable fixed-width table.

``Table(frame, caption, units={"co2": "Mt CO₂"}, decimals={"co2": 0})`` displays itself in
Jupyter and in the book; ``str(table)`` is the text form. The caption, headers and units are
written in English (marked with ``N_`` where they are written) and shown in the package's
language; so are the values of the ``names`` columns (countries, fuels ...).
"""

from __future__ import annotations

import html
import numbers
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .i18n import _, _display_width, translate_name

MISSING = "–"


def header_text(column: str, unit: str | None = None) -> str:
    """A column's header: ``snake_case`` names read as words (first letter capital), the unit in brackets."""
    words = column.replace("_", " ") if "_" in column else column
    words = words[:1].upper() + words[1:]
    return f"{words} ({unit})" if unit else words


def cell_text(value, decimals: int | None = None) -> str:
    """One cell as text: numbers with thousands separators and ``decimals`` places (floats default
    to 1, integers to 0), booleans as yes/no, missing values as a dash."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if isinstance(value, (bool, np.bool_)):
        return _("yes") if value else _("no")
    if isinstance(value, numbers.Integral):
        return f"{value:,.{decimals or 0}f}" if decimals else f"{value:,}"
    if isinstance(value, numbers.Real):
        return f"{value:,.{1 if decimals is None else decimals}f}"
    return str(value)


def _is_number(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


@dataclass
class Table:
    """``frame`` shown as a table with ``caption``. By column name: ``headers`` (default: the name
    read as words), ``units`` and ``decimals`` (or one number for every column); ``markup``: columns
    whose cells are HTML already (their tags are dropped in the text form); ``numeric``: columns of
    numbers written as text (right-aligned too); ``names``: columns of names, translated when shown;
    ``index``: show the frame's index as the first column(s); ``code_headers``: headers are the
    column names exactly as code types them (shown as code), each with its unit."""

    frame: pd.DataFrame
    caption: str
    units: dict[str, str] = field(default_factory=dict)
    decimals: dict[str, int] | int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    markup: list[str] = field(default_factory=list)
    numeric: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    index: bool = False
    code_headers: bool = False

    def __post_init__(self):
        named = {*self.units, *self.headers, *self.markup, *self.numeric, *self.names, *(self.decimals if isinstance(self.decimals, dict) else ())}
        unknown = sorted(named - set(self._columns().columns))
        if unknown:
            raise ValueError(f"columns not in the table: {unknown}")

    def _columns(self) -> pd.DataFrame:
        frame = self.frame.reset_index() if self.index else self.frame
        frame = frame.copy()
        frame.columns = [str(c) if c is not None else "" for c in frame.columns]
        return frame

    def _places(self, column: str) -> int | None:
        return self.decimals.get(column) if isinstance(self.decimals, dict) else self.decimals

    def rows(self, markup: bool = False) -> tuple[list[str], list[list[str]], list[bool]]:
        """Headers, cells as text (with ``markup``: HTML, escaped but for :attr:`markup` columns) and,
        per column, whether it holds numbers (right-aligned)."""
        frame = self._columns()
        headers = [self._header(c, markup) for c in frame.columns]
        numeric = [_is_number(frame[c]) or c in self.numeric for c in frame.columns]
        def shown(column, value):
            text = cell_text(translate_name(value) if column in self.names else value, self._places(column))
            if column in self.markup:
                return text if markup else re.sub(r"<[^>]+>", "", html.unescape(text))
            return html.escape(text) if markup else text

        cells = [[shown(c, value) for c, value in zip(frame.columns, row)] for row in frame.itertuples(index=False)]
        return headers, cells, numeric

    def _header(self, column: str, markup: bool) -> str:
        """A column's header as text, or with ``markup`` as HTML."""
        unit = _(self.units[column]) if self.units.get(column) else None
        if not self.code_headers:
            text = header_text(_(self.headers.get(column, column)), unit) if column else ""
            return html.escape(text) if markup else text
        if not markup:
            return f"{column} ({unit})" if unit else column
        return f"<code>{html.escape(column)}</code>" + (f" ({html.escape(unit)})" if unit else "")

    def text(self) -> str:
        """The caption, then a fixed-width table: numbers right-aligned, text left-aligned."""
        headers, cells, numeric = self.rows()
        widths = [max(_display_width(h), *(_display_width(r[i]) for r in cells)) if cells else _display_width(h)
                  for i, h in enumerate(headers)]

        def line(values):
            padded = [" " * (w - _display_width(v)) + v if right else v + " " * (w - _display_width(v))
                      for v, w, right in zip(values, widths, numeric)]
            return "  ".join(padded).rstrip()

        return "\n".join([_(self.caption), line(headers), "  ".join("-" * w for w in widths),
                          *(line(r) for r in cells)])

    def _repr_html_(self) -> str:
        headers, cells, numeric = self.rows(markup=True)
        align = [' class="course-num"' if right else "" for right in numeric]
        head = "".join(f'<th scope="col"{a}>{h}</th>' for h, a in zip(headers, align))
        body = "".join("<tr>" + "".join(f"<td{a}>{v}</td>" for v, a in zip(row, align)) + "</tr>" for row in cells)
        caption = html.escape(_(self.caption))
        # A wide table scrolls inside its frame, which keyboard users reach with Tab (axe: scrollable-region-focusable).
        return (f'<div class="course-table-wrap" tabindex="0" role="region" aria-label="{caption}">'
                f'<table class="course-table"><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table></div>")

    def __repr__(self) -> str:
        return self.text()
