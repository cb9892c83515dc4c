"""Readability of the chapters, read from the notebooks' JSON (no execution).

Three rules: no markdown cell longer than about 400 words that a reader sees (a long run is
split with a figure, a worked number or a heading); every chart cell is followed by a
markdown cell that tells the student what to look at (not a heading, not a "Live version" note);
and tables are shown as tables (:class:`climate_course.tables.Table`), never printed as text.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
MAX_WORDS = 400
CHART_WORDS = ("chart", "explorer", "stripes", "scatter")  # the course's chart builders are named so

_CITE = re.compile(r"\{foot(?:cite|bibliography)[^}]*\}`[^`]*`")
_ROLE = re.compile(r"\{[a-z]+\}`([^`<]*?)\s*(?:<[^>]*>)?`")
_DIRECTIVE = re.compile(r"^\s*(:::|```)\S*.*$|^\s*:[a-z-]+:.*$", re.MULTILINE)


def visible_words(markdown: str) -> int:
    """Words a reader sees: citations and directive lines dropped, a role's target replaced by its text."""
    text = _CITE.sub("", markdown)
    text = _ROLE.sub(r"\1", text)
    text = _DIRECTIVE.sub("", text)
    return len(re.findall(r"[\w\u4e00-\u9fff]+(?:[-'’.,][\w]+)*", text))


def is_chart_cell(cell: dict) -> bool:
    """A code cell shown in the book whose last statement calls a chart builder (``*chart*``, ``*explorer*``, ...)."""
    if cell["cell_type"] != "code" or "remove-cell" in cell.get("metadata", {}).get("tags", []):
        return False
    try:
        body = ast.parse("".join(cell["source"])).body
    except SyntaxError:
        return False
    if not body or not isinstance(body[-1], ast.Expr) or not isinstance(body[-1].value, ast.Call):
        return False
    func = body[-1].value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return any(word in name for word in CHART_WORDS)


def is_caption(cell: dict | None) -> bool:
    """Prose that follows a chart: a markdown cell that is not a heading or a "Live version" note."""
    if cell is None or cell["cell_type"] != "markdown":
        return False
    text = "".join(cell["source"]).lstrip()
    return not text.startswith("#") and not text.startswith(":::{admonition} Live version")


_TABLE_ROW = re.compile(r"\S(?: {2,}\S+){2,}")  # three or more fields set apart by runs of spaces


def printed_table(text: str) -> bool:
    """Whether ``text`` holds a table printed as text: three lines in a row with three or more
    fields set apart by runs of spaces (a DataFrame's ``to_string`` or padded f-strings)."""
    run = 0
    for line in text.splitlines():
        run = run + 1 if _TABLE_ROW.search(line.strip()) else 0
        if run == 3:
            return True
    return False


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_word_count_ignores_markup():
    text = ("See {term}`carbon capture <Carbon capture and storage (CCS; 碳捕获与封存, tàn bǔhuò)>` "
            "here {footcite:p}`a,b`.\n:::{admonition} Note\n:class: tip\nTwo words\n:::")
    assert visible_words(text) == 6  # See, carbon, capture, here, Two, words
    assert is_chart_cell({"cell_type": "code", "metadata": {}, "source": ["x = 1\n", "ev.tariff_chart(a=1)"]})
    assert not is_chart_cell({"cell_type": "code", "metadata": {}, "source": ["print(ev.tariff_chart)"]})
    assert not is_chart_cell({"cell_type": "code", "metadata": {"tags": ["remove-cell"]},
                              "source": ["ev.tariff_chart()"]})
    assert printed_table("      country  co2\nChina  12.3  1\nIndia  3.2  2\nWorld  38.6  3\n")
    assert not printed_table("China 2000–2010: +9.0 % per year\nChina 2010–2019: +2.5 % per year\n" * 2)
    assert is_caption({"cell_type": "markdown", "source": ["Watch the coal line fall."]})
    assert not is_caption({"cell_type": "markdown", "source": ["## Next section"]})
    assert not is_caption({"cell_type": "code", "source": ["print(1)"]})


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_markdown_cell_is_too_long(path):
    long = [(i, n) for i, cell in enumerate(_cells(path)) if cell["cell_type"] == "markdown"
            and (n := visible_words("".join(cell["source"]))) > MAX_WORDS]
    assert not long, f"{path.name}: markdown cells over {MAX_WORDS} words (cell, words): {long}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_chart_is_followed_by_text(path):
    cells = _cells(path)
    bare = [i for i, cell in enumerate(cells) if is_chart_cell(cell)
            and not is_caption(cells[i + 1] if i + 1 < len(cells) else None)]
    assert not bare, f"{path.name}: chart cells not followed by text that tells what to look at: {bare}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_tables_are_shown_as_tables(path):
    printed = []
    for i, cell in enumerate(_cells(path)):
        if cell["cell_type"] != "code" or "remove-cell" in cell.get("metadata", {}).get("tags", []):
            continue
        texts = ["".join(o.get("text", "")) for o in cell["outputs"] if o["output_type"] == "stream"]
        html = ["".join(o.get("data", {}).get("text/html", "")) for o in cell["outputs"]]
        if ".to_string(" in "".join(cell["source"]) or any(map(printed_table, texts)) \
                or any('class="dataframe"' in h for h in html):
            printed.append(i)
    assert not printed, f"{path.name}: cells that print a table as text (use climate_course.tables.Table): {printed}"


_MONEY_AS_MATHS = re.compile(r"(?<!\\)\$\d{1,3}(?:,\d{3})+|(?<!\\)\$\d+(?:\.\d+)?\s*(?:billion|million|trillion)\b|US\$")


def test_money_is_never_written_as_maths():
    """In Jupyter and in the book a bare ``$`` opens maths: amounts are written ``\\$25,000`` or ``25,000 dollars``."""
    pages = CHAPTERS + sorted((ROOT / "exercises" / "source").glob("*.ipynb"))
    found = [(page.name, money) for page in pages for cell in _cells(page) if cell["cell_type"] == "markdown"
             for money in _MONEY_AS_MATHS.findall("".join(cell["source"]))]
    # the checks' feedback is shown as Markdown too
    found += [(module.name, money) for module in sorted((ROOT / "climate_course" / "checks").glob("*.py"))
              for money in _MONEY_AS_MATHS.findall(module.read_text(encoding="utf-8"))]
    assert not found
    assert _MONEY_AS_MATHS.findall("at $25,000 and $2 trillion, US$ per kWh, not $x = 1,000$ or \\$3,500") == \
        ["$25,000", "$2 trillion", "US$"]
