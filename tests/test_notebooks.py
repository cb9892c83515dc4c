"""Every chapter notebook declares what the course promises: objectives, citations, a checked number."""

from __future__ import annotations

import json

import pytest

from climate_course.press.sitecheck import toc_pages
from conftest import ROOT

NOTEBOOKS = [ROOT / page.replace(".html", ".ipynb") for page in toc_pages(ROOT)
             if page.startswith("chapters/") and (ROOT / page.replace(".html", ".ipynb")).exists()]


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _text(path) -> str:
    return "\n".join("".join(cell["source"]) for cell in _cells(path))


def test_chapters_are_notebooks():
    assert any("chapters" in str(path) for path in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_chapter_has_objectives_takeaways_and_citations(path):
    text = _text(path)
    assert "Learning objectives" in text, "no learning objectives"
    assert "Key takeaways" in text, "no key takeaways"
    assert "{footcite" in text or "{cite" in text, "no citation"
    assert "{footbibliography}" in text, "no list of sources"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_chapter_checks_a_number(path):
    checked = [c for c in _cells(path) if "nbval-check-output" in c.get("metadata", {}).get("tags", [])]
    assert checked, "no cell tagged nbval-check-output"
    assert all(c["outputs"] for c in checked), "a checked cell has no committed output, so nbval checks nothing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_live_widgets_are_hidden_in_the_book(path):
    for cell in _cells(path):
        if cell["cell_type"] == "code" and "climate_course.widgets" in "".join(cell["source"]):
            assert "remove-cell" in cell.get("metadata", {}).get("tags", []), "a live widget would be dead in the book"
