"""Open the built book the way a reader does: headless Chromium, no network but the book.

Used by the browser tests, the screenshot command and the benchmark. Needs Debian's
``chromium`` (``/usr/bin/chromium``) and the ``playwright`` package; Playwright never
downloads a browser of its own here.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .outline import toc_files

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
# Vega draws marks inside <g class="mark-..."> groups; a blank chart has none.
COUNT_MARKS_JS = """el => el.querySelectorAll('svg g[class*="mark-"] path, svg g[class*="mark-"] line,'
  + ' svg g[class*="mark-"] text, svg g[class*="mark-"] rect, svg g[class*="mark-"] circle').length"""

# JupyterLab (and JupyterLite) exposed as window.jupyterapp: the open notebook's kernel is idle,
# and every code cell has run (an execution count; "[*]" is running, "[ ]" never ran).
LAB_KERNEL_IDLE = """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle' && w.content.widgets.length > 0; }"""
LAB_ALL_RAN = """() => window.jupyterapp.shell.currentWidget.content.widgets.filter(c => c.model.type === 'code')
  .every(c => typeof c.model.executionCount === 'number')"""


def toc_pages(root: Path) -> list[str]:
    """Every page of ``_toc.yml`` (root first) as a path relative to the HTML folder."""
    return [f"{name}.html" for name in toc_files(root)]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free localhost port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """Debian's headless Chromium under Playwright (one per process: Playwright's sync API allows one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@contextlib.contextmanager
def browser(viewport: dict | None = None):
    """A headless Chromium page factory: yields a Playwright browser context."""
    with chromium() as launched:
        yield launched.new_context(viewport=viewport or {"width": 1280, "height": 900})


@dataclass
class PageVisit:
    """What happened while one page loaded."""

    url: str
    outside_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    bytes_loaded: int = 0


def open_page(context, base_url: str, path: str):
    """Load ``path`` with every request outside ``base_url`` blocked; return (page, visit)."""
    visit = PageVisit(url=base_url + path)
    page = context.new_page()

    def route(route_):
        url = route_.request.url
        if url.startswith(base_url) or url.startswith("data:") or url.startswith("blob:"):
            route_.continue_()
        else:
            visit.outside_requests.append(url)
            route_.abort()

    def on_response(response):
        visit.requests.append(response.url)
        if response.status >= 400:
            visit.failed_requests.append(f"{response.status} {response.url}")
        with contextlib.suppress(Exception):
            visit.bytes_loaded += len(response.body())

    page.route("**/*", route)
    page.on("response", on_response)
    # A request the browser cancelled itself (a redirect moving on, as lite/index.html does to
    # lite/lab/) is no fault of the site: a missing file shows as a status >= 400 above.
    page.on("requestfailed", lambda request: request.url.startswith(base_url)
            and request.failure != "net::ERR_ABORTED"
            and visit.failed_requests.append(f"failed {request.url} ({request.failure})"))
    page.on("console", lambda msg: msg.type == "error" and visit.console_errors.append(msg.text))
    page.on("pageerror", lambda error: visit.console_errors.append(str(error)))
    page.goto(visit.url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, visit


def chart_mark_counts(page) -> list[int]:
    """Number of drawn marks in each course chart on the page (waits for Vega to finish)."""
    charts = page.locator(".course-vega")
    counts = []
    for index in range(charts.count()):
        chart = charts.nth(index)
        chart.locator("svg").first.wait_for(state="attached", timeout=15000)
        counts.append(chart.evaluate(COUNT_MARKS_JS))
    return counts


def move_each_slider(page) -> list[tuple[str, bool]]:
    """Move the first range input of every chart; report (chart id, did the drawing change)."""
    return [(chart, changed) for chart, control, changed in _try_controls(page, "input[type=range]", first_only=True)]


# Changes one control the way a reader would: a slider to halfway towards its far end (on its
# steps: a 0-1 slider at 0.9 goes to 0.45, not to 0), a menu to its next option, a checkbox or
# radio button to its other state.
_CHANGE_CONTROL_JS = """input => {
  if (input.type === 'range') {
    const lo = +input.min, hi = +input.max, now = +input.value, step = +input.step || 1;
    const half = distance => Math.max(step, Math.round(distance / 2 / step) * step);
    input.value = now - lo > hi - now ? now - half(now - lo) : now + half(hi - now);
    input.dispatchEvent(new Event('input', {bubbles: true}));
  } else if (input.tagName === 'SELECT') {
    input.selectedIndex = (input.selectedIndex + 1) % input.options.length;
    input.dispatchEvent(new Event('change', {bubbles: true}));
  } else { input.click(); }
}"""
# A drawing is compared without the ids Vega numbers afresh each time it draws (clip paths, gradients).
_DRAWING_JS = "el => el.querySelector('svg') && el.querySelector('svg').innerHTML.replace(/(clip|gradient_)\\d+/g, '$1')"
_SVG_CHANGED_JS = f"([el, before]) => ({_DRAWING_JS})(el) && ({_DRAWING_JS})(el) !== before"
_SVG_IS_JS = f"([el, drawn]) => ({_DRAWING_JS})(el) === drawn"
CONTROLS = "input[type=range], input[type=checkbox], select, .vega-bind-radio input:not(:checked)"


def _changes_drawing(page, drawing, before: str, act) -> bool:
    act()
    try:
        page.wait_for_function(_SVG_CHANGED_JS, arg=[drawing.element_handle(), before], timeout=3000)
        return True
    except Exception:
        return False


def _try_controls(page, selector: str, first_only: bool = False) -> list[tuple[str, str, bool]]:
    results = []
    figures = page.locator("figure.course-chart")
    for index in range(figures.count()):
        figure = figures.nth(index)
        drawing = figure.locator(".course-vega")
        controls = figure.locator(f".course-chart-controls :is({selector})")
        for number in range(min(controls.count(), 1 if first_only else controls.count())):
            control = controls.nth(number)
            before = drawing.evaluate(_DRAWING_JS)
            changed = _changes_drawing(page, drawing, before, lambda: control.evaluate(_CHANGE_CONTROL_JS))
            results.append((drawing.get_attribute("id"), control.get_attribute("name") or "", changed))
    return results


def control_effects(page) -> tuple[list[tuple[str, str, bool]], list[tuple[str, bool]]]:
    """Change every control of every chart in turn: (chart id, control, did the drawing change);
    then press each chart's reset button: (chart id, is the drawing as it first was)."""
    figures = page.locator("figure.course-chart:has(.course-chart-controls)")
    first = [figures.nth(i).locator(".course-vega").evaluate(_DRAWING_JS) for i in range(figures.count())]
    effects = _try_controls(page, CONTROLS)
    resets = []
    for index in range(figures.count()):
        drawing = figures.nth(index).locator(".course-vega")
        figures.nth(index).locator(".course-chart-controls > button").click()
        try:
            page.wait_for_function(_SVG_IS_JS, arg=[drawing.element_handle(), first[index]], timeout=3000)
            restored = True
        except Exception:
            restored = False
        resets.append((drawing.get_attribute("id"), restored))
    return effects, resets


def charts_wider_than_their_column(page) -> list[str]:
    """Ids of charts drawn wider than the element that holds them (they would be cut off or scroll)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('figure.course-chart')].filter(figure => {
             const svg = figure.querySelector('.course-vega svg');
             const column = figure.parentElement.getBoundingClientRect().width;
             return (svg && svg.getBoundingClientRect().width > figure.querySelector('.course-vega').clientWidth + 1)
               || figure.getBoundingClientRect().width > column + 1;
           }).map(figure => figure.querySelector('.course-vega').id)"""
    )


def shrunk_charts(page, least: float = 0.95) -> list[str]:
    """Every chart drawn smaller than ``least`` of its size to fit its column (its text shrinks with it:
    12 px labels at 0.8 are under 10 px on a phone), named by id and the scale it was drawn at."""
    return page.evaluate(
        """least => [...document.querySelectorAll('.course-vega')].flatMap(chart => {
             const svg = chart.querySelector('svg');
             if (!svg) { return []; }
             const scale = svg.getBoundingClientRect().width / +svg.getAttribute('width');
             return scale < least ? [`${chart.id} at ${Math.round(100 * scale)} %`] : [];
           })""",
        least,
    )


# Resolves once every chart's column has kept its width for 12 frames in a row (after a resize the
# theme's sidebar comes and goes a moment later, and the columns change width again).
COLUMNS_SETTLED_JS = """() => new Promise(resolve => {
  let last = null, same = 0;
  const tick = () => {
    const widths = [...document.querySelectorAll('.course-vega')].map(el => el.clientWidth).join();
    same = widths === last ? same + 1 : 0;
    last = widths;
    if (same >= 12) { resolve(); } else { requestAnimationFrame(tick); }
  };
  tick();
})"""


def resize_and_wait_for_charts(page, width: int, height: int = 900) -> None:
    """Give the page a ``width`` px window, let its columns settle, and wait until every chart has been
    drawn again for it (a chart drawn wider than its column must have been drawn for this very width)."""
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate(COLUMNS_SETTLED_JS)
    page.wait_for_function(
        """() => [...document.querySelectorAll('.course-vega')].every(el => {
             const svg = el.querySelector('svg'), drawn = +el.dataset.drawnWidth;
             return drawn && svg && Math.abs(drawn - el.clientWidth) <= 24
               && (+svg.getAttribute('width') <= el.clientWidth + 1 || drawn === el.clientWidth);
           })""",
        timeout=15000)


def use_dark_mode(context) -> None:
    """Open every later page of ``context`` in the theme's dark mode (as a reader who chose it)."""
    context.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")


def accessibility_violations(page, axe_script: Path, impacts=("serious", "critical")) -> list[str]:
    """axe-core violations of the given impacts on the loaded page, one line each.

    ``preload: false`` stops axe re-fetching stylesheets: it resolves the theme's
    ``@import "../basic.css"`` against the page instead of the sheet, a false 404.
    """
    page.add_script_tag(path=str(axe_script))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations'], preload: false})).violations
             .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return [f"{v['impact']}: {v['id']} at {v['nodes']}" for v in found if v["impact"] in impacts]


def untypeset_math(page) -> int:
    """Number of formulas the browser does not draw as typeset maths: each must be an SVG
    (typeset when the book was built) with a size, unless it sits in a closed part of the page."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.math')].filter(el => {
             const svg = el.querySelector('mjx-container > svg');
             if (!svg) return true;
             const box = svg.getBoundingClientRect();
             return el.getClientRects().length > 0 && (box.width < 1 || box.height < 1);
           }).length""")


def quiz_feedback_works(page) -> list[bool]:
    """Pick the right answer of every self-check quiz; report whether its feedback appeared."""
    results = []
    quizzes = page.locator("fieldset.course-quiz")
    for index in range(quizzes.count()):
        right = quizzes.nth(index).locator(".quiz-option", has=page.locator(".quiz-right"))
        feedback = right.locator(".quiz-right")
        hidden_before = not feedback.is_visible()
        right.locator("label").click()
        results.append(hidden_before and feedback.is_visible())
    return results


def icons_without_glyph(page) -> list[str]:
    """Classes of every shown Font Awesome icon that draws nothing (the book's icon stylesheet lacks it)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('i[class*="fa-"]')]
             .filter(el => el.getClientRects().length > 0
                     && !getComputedStyle(el, '::before').maskImage.startsWith('url('))
             .map(el => el.className)"""
    )


def cut_chart_text(page) -> list[str]:
    """Every text of a drawn chart that a reader cannot read whole: shortened with an ellipsis (a title
    past its limit) or reaching past the chart's own box (a legend wider than the chart)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.course-vega')].flatMap(chart => {
             const box = chart.getBoundingClientRect();
             return [...chart.querySelectorAll('svg text')].filter(text => {
               const r = text.getBoundingClientRect();
               return text.textContent.trim() && (text.textContent.includes('…')
                 || r.right > box.right + 2 || r.left < box.left - 2);
             }).map(text => `${chart.id}: ${text.textContent.trim().slice(0, 60)}`);
           })"""
    )


def overlapping_chart_labels(page, tolerance_px: float = 2) -> list[str]:
    """Every pair of a chart's labels (its text marks, not its axes, legend or a label's halo,
    climate_course.charts.haloed) drawn over each other by more than ``tolerance_px`` both ways,
    named by chart and by the start of the two texts."""
    return page.evaluate(
        """tolerance => [...document.querySelectorAll('.course-vega')].flatMap(chart => {
             const labels = [...chart.querySelectorAll('svg g.mark-text.role-mark:not([class*="halo_"]) text')]
               .filter(text => text.textContent.trim() && text.getAttribute('opacity') !== '0')
               .map(text => [text.textContent.trim().slice(0, 30), text.getBoundingClientRect()]);
             return labels.flatMap(([one, a], i) => labels.slice(i + 1).filter(([, b]) =>
               Math.min(a.right, b.right) - Math.max(a.left, b.left) > tolerance
               && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > tolerance)
               .map(([other]) => `${chart.id}: "${one}" over "${other}"`));
           })""",
        tolerance_px,
    )


def crowded_controls(page, tolerance_px: float = 1) -> list[str]:
    """Every control of a chart's control box (a label, an input, a menu, the reset button) drawn over
    another one or outside the box, named by chart and by the start of its text."""
    return page.evaluate(
        """tolerance => [...document.querySelectorAll('.course-chart-controls')].flatMap(box => {
             const outer = box.getBoundingClientRect();
             const parts = [...box.querySelectorAll('input, select, button, .vega-bind-name, .vega-bind-radio label')]
               .filter(el => el.getClientRects().length)
               .map(el => [(el.textContent || el.value || el.type).trim().slice(0, 30), el, el.getBoundingClientRect()]);
             const outside = parts.filter(([, , r]) => r.left < outer.left - tolerance || r.right > outer.right + tolerance
               || r.top < outer.top - tolerance || r.bottom > outer.bottom + tolerance).map(([t]) => `"${t}" outside its box`);
             const over = parts.flatMap(([one, a, ra], i) => parts.slice(i + 1)
               .filter(([, b, rb]) => !a.contains(b) && !b.contains(a)
                 && Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > tolerance
                 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > tolerance)
               .map(([other]) => `"${one}" over "${other}"`));
             return [...outside, ...over].map(text => `${box.getAttribute('aria-label')}: ${text}`);
           })""",
        tolerance_px,
    )


def miscited_charts(page) -> list[str]:
    """Every chart whose "cite this chart" line does not start with the chart's title as drawn (a title
    the controls change included), or ends a title's question with an added full stop ("pay?.")."""
    return page.evaluate(
        """() => [...document.querySelectorAll('figure.course-chart')].flatMap(figure => {
             const title = [...figure.querySelectorAll('.course-vega g.role-title-text text')]
               .filter(text => !text.closest('.role-scope'))
               .map(text => [...text.querySelectorAll('tspan')].map(t => t.textContent).join(' ') || text.textContent)[0];
             const cite = figure.querySelector('.course-chart-cite');
             if (!title || !cite) { return []; }
             const line = cite.textContent.replace(/^[^:：]*[:：]\\s*/, '');
             const firstWords = title.trim().split(/\\s+/).slice(0, 3).join(' ');
             return line.startsWith(firstWords) && !/[?？][.。]/.test(line) ? [] : [`${figure.querySelector('.course-vega').id}: ${line.slice(0, 60)}`];
           })"""
    )


def overflows_horizontally(page) -> bool:
    """Whether the page is wider than the window (a reader would have to scroll sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1")


def code_wider_than_its_cell(page) -> list[str]:
    """The start of every shown code block (a cell's code or its printed output) that is wider than
    its cell, so that a reader would scroll it sideways."""
    return page.evaluate(
        """() => [...document.querySelectorAll('div.cell_input pre, div.cell_output pre')]
             .filter(pre => pre.getClientRects().length > 0 && pre.scrollWidth > pre.clientWidth + 1)
             .map(pre => pre.textContent.trim().slice(0, 60))"""
    )


def printed_dataframes(page) -> int:
    """How many pandas DataFrames the page shows in pandas' own HTML (not a course table)."""
    return page.locator("table.dataframe").count()


LIVE_WIDGET_CHART = ".widget-output .vega-embed canvas"  # a chart an ipywidgets Output draws in JupyterLab


def drag_slider_until_chart_changes(page, chart_selector: str = LIVE_WIDGET_CHART, timeout_ms: int = 15000) -> None:
    """Drag the first ipywidgets slider until the live chart's pixels change (up to three drags:
    one can land while JupyterLab is still laying out the output); raise if they never do."""
    before = page.locator(chart_selector).first.evaluate("canvas => canvas.toDataURL()")
    handle = page.locator(".widget-slider .noUi-handle").first
    changed = f"before => {{ const c = document.querySelector('{chart_selector}'); return c && c.toDataURL() !== before; }}"
    for attempt in range(3):
        handle.scroll_into_view_if_needed()
        box = handle.bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + box["width"] / 2, y)
        page.mouse.down()
        page.mouse.move(box["x"] + 40 + 20 * attempt, y, steps=6)
        page.mouse.up()
        try:
            page.wait_for_function(changed, arg=before, timeout=timeout_ms)
            return
        except Exception:
            if attempt == 2:
                raise


def block_outside(context, base_url: str) -> list[str]:
    """Abort every request of ``context`` that leaves ``base_url``; return the list they are recorded in."""
    outside: list[str] = []

    def route(route_):
        url = route_.request.url
        if url.startswith(base_url) or url.startswith(("data:", "blob:")):
            route_.continue_()
        else:
            outside.append(url)
            route_.abort()

    context.route("**/*", route)
    return outside
