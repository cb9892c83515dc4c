"""The real in-browser edition: JupyterLite in headless Chromium, every request outside the site blocked.

One browser page opens, in turn, a chapter (every cell runs, its charts draw), a student
exercise (an answer is filled in and ``check()`` says it is right) and a widget lab (a
dragged ipywidgets slider redraws the chart from the Python model in Pyodide). The page
is reached the way a reader reaches it: through the "Run in your browser" link of the book.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from climate_course.press.editions import SOLUTION, STUDENT
from climate_course.press.sitecheck import (
    LAB_ALL_RAN,
    LAB_KERNEL_IDLE,
    LIVE_WIDGET_CHART,
    block_outside,
    chromium,
    drag_slider_until_chart_changes,
    serve,
)
from conftest import ROOT
from lite_site import lite_site  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser

CHAPTER = "chapters/01_climate_shocks"
EXERCISE = "exercises/ex01_climate_shocks"
WIDGET_LAB = "chapters/00_two_largest_emitters"
ERRORS = """() => [...window.jupyterapp.shell.currentWidget.node.querySelectorAll(
  '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
  .map(e => e.innerText).filter(t => /Error|Traceback/.test(t))"""


@pytest.fixture(scope="module")
def served(lite_site, built_book):
    """The built book (with its lite site) on a local server, and one headless Chromium."""
    with serve(built_book) as base_url, chromium() as launched:
        yield base_url, launched


@pytest.fixture
def lite_page(served):
    """A fresh browser (no stored notebooks) with every request outside the book blocked and recorded."""
    base_url, launched = served
    failed = []
    context = launched.new_context(viewport={"width": 1400, "height": 1000})
    outside = block_outside(context, base_url)
    page = context.new_page()
    page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
    yield page, base_url, outside, failed
    context.close()


def _open_from_book(page, base_url: str, name: str) -> None:
    """Follow the page's "Run in your browser" link and wait for an idle kernel."""
    page.goto(f"{base_url}{name}.html")
    href = page.locator('a.btn:has-text("Run in your browser")').first.get_attribute("href")
    assert href.startswith("../lite/lab/index.html?path="), href  # relative: works under any base path
    page.goto(f"{base_url}{name}.html".rsplit("/", 1)[0] + "/" + href)
    page.wait_for_function(LAB_KERNEL_IDLE, timeout=180000)


def _run_all(page) -> None:
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(LAB_ALL_RAN, timeout=180000, polling=500)
    page.wait_for_function(LAB_KERNEL_IDLE, timeout=180000)


def _cell_text(page, index: int) -> str:
    return page.evaluate("i => window.jupyterapp.shell.currentWidget.content.widgets[i].node.innerText", index)


def test_a_chapter_runs_and_draws(lite_page):
    page, base_url, outside, failed = lite_page
    _open_from_book(page, base_url, CHAPTER)
    _run_all(page)
    page.screenshot(path=str(ROOT / "_build" / "lite-chapter.png"))
    assert page.evaluate(ERRORS) == []
    charts = page.locator(".jp-OutputArea-output .vega-embed canvas, .jp-OutputArea-output .vega-embed svg")
    assert charts.count() >= 1, "no chart drawn"
    assert not outside, f"requests leaving the site: {outside[:5]}"
    assert not failed, f"failed requests: {failed[:5]}"


def test_an_exercise_answer_is_checked(lite_page):
    page, base_url, outside, failed = lite_page
    source = nbformat.read(ROOT / "exercises" / "source" / f"{EXERCISE.split('/')[1]}.ipynb", as_version=4)
    answer = next(cell.source for cell in source.cells if SOLUTION in cell.metadata.get("tags", []))
    _open_from_book(page, base_url, EXERCISE)
    cells = page.evaluate("() => window.jupyterapp.shell.currentWidget.content.widgets.map(c => c.model.sharedModel.getSource())")
    student = nbformat.read(ROOT / f"{EXERCISE}.ipynb", as_version=4)
    first = next(i for i, cell in enumerate(student.cells) if STUDENT in cell.metadata.get("tags", []))
    assert cells[first].startswith("q1 = ..."), cells[first]
    check = next(i for i in range(first + 1, len(cells)) if cells[i].startswith("check("))
    _run_all(page)
    assert "correct" not in _cell_text(page, check), "an empty answer was called correct"
    page.evaluate("([i, text]) => window.jupyterapp.shell.currentWidget.content.widgets[i].model.sharedModel.setSource(text)",
                  [first, answer])
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function("i => /correct/.test(window.jupyterapp.shell.currentWidget.content.widgets[i].node.innerText)",
                           arg=check, timeout=120000)
    assert re.search(r"ex01\.q1: correct", _cell_text(page, check))
    assert not outside, f"requests leaving the site: {outside[:5]}"


def test_a_widget_slider_redraws_its_chart(lite_page):
    page, base_url, outside, failed = lite_page
    _open_from_book(page, base_url, WIDGET_LAB)
    _run_all(page)
    chart = page.locator(LIVE_WIDGET_CHART).first
    chart.wait_for(state="attached", timeout=60000)
    page.evaluate("""sel => { const w = window.jupyterapp.shell.currentWidget.content;
      const i = w.widgets.findIndex(c => c.node.querySelector(sel)); w.activeCellIndex = i; w.scrollToItem(i); }""",
                  LIVE_WIDGET_CHART)
    chart.wait_for(state="visible", timeout=30000)
    page.wait_for_timeout(1000)  # let Vega finish drawing
    drag_slider_until_chart_changes(page)
    page.screenshot(path=str(ROOT / "_build" / "lite-live.png"))
    assert not outside, f"requests leaving the site: {outside[:5]}"
    assert not failed, f"failed requests: {failed[:5]}"
