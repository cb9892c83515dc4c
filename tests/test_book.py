"""The built book: it builds without warnings, and every page of both language editions works offline
in a real browser."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from climate_course.press.sitecheck import (
    accessibility_violations,
    chart_mark_counts,
    charts_wider_than_their_column,
    cut_chart_text,
    chromium,
    control_effects,
    crowded_controls,
    code_wider_than_its_cell,
    icons_without_glyph,
    miscited_charts,
    move_each_slider,
    open_page,
    overflows_horizontally,
    overlapping_chart_labels,
    printed_dataframes,
    quiz_feedback_works,
    resize_and_wait_for_charts,
    serve,
    shrunk_charts,
    toc_pages,
    untypeset_math,
    use_dark_mode,
)
from climate_course.press.zh_edition import EDITIONS
from conftest import ROOT

ZH = EDITIONS["zh_CN"]["folder"]
ENGLISH_PAGES = toc_pages(ROOT)
PAGES = [*ENGLISH_PAGES, *(f"{ZH}/{page}" for page in ENGLISH_PAGES)]  # the Chinese edition: the same pages in zh/
MODES = ["light", "dark"]
WIDTHS = [390, 640, 768, 1280]  # a phone, 200 % zoom of a 1280 px window, a tablet, a desktop (CSS px)
AXE = ROOT / "tests" / "vendor" / "axe.min.js"  # vendored from npm for the tests only


@pytest.fixture(scope="module")
def served(built_book):
    """The built book on a local server, and one headless Chromium for every test here."""
    with serve(built_book) as base_url, chromium() as launched:
        yield base_url, launched


@pytest.fixture(scope="module")
def site(served):
    """The book at a desktop window size."""
    base_url, launched = served
    context = launched.new_context(viewport={"width": 1280, "height": 900})
    yield base_url, context
    context.close()


@pytest.fixture(scope="module", params=MODES)
def site_in_mode(served, request):
    """The book at a desktop window size, in the theme's light or dark mode."""
    base_url, launched = served
    context = launched.new_context(viewport={"width": 1280, "height": 900})
    if request.param == "dark":
        use_dark_mode(context)
    yield base_url, context, request.param
    context.close()


def test_every_toc_page_was_built(built_book):
    missing = [page for page in PAGES if not (built_book / page).exists()]
    assert not missing, f"pages in _toc.yml with no HTML: {missing}"


def _checked_in(mode: str, path: str) -> bool:
    """Every English page in both modes; a Chinese page, whose scripts and charts are the English
    page's with other words, in light mode (the run must stay short)."""
    return mode == "light" or not path.startswith(f"{ZH}/")


@pytest.mark.parametrize("path", PAGES)
def test_page_works_offline(site_in_mode, path):
    """Every page in both modes: offline, drawn, accessible (axe's contrast checks each mode's colours).
    What a mode cannot change (controls redrawing their charts, the layout at each width) is checked
    in light mode only, to keep the run short."""
    base_url, context, mode = site_in_mode
    if not _checked_in(mode, path):
        pytest.skip("Chinese pages are checked in light mode")
    light = mode == "light"
    page, visit = open_page(context, base_url, path)
    try:
        counts = chart_mark_counts(page)
        effects, resets = control_effects(page) if light else ([], [])
        descriptions = page.locator("figure.course-chart figcaption").all_inner_texts()
        citations = page.locator("figure.course-chart .course-chart-cite").all_inner_texts()
        miscited = miscited_charts(page)
        downloads = page.locator("figure.course-chart .course-chart-downloads button").count()
        raw_math = untypeset_math(page)
        blank_icons = icons_without_glyph(page)
        quizzes = quiz_feedback_works(page)
        wide_code = code_wider_than_its_cell(page)
        dataframes = printed_dataframes(page)
        violations = accessibility_violations(page, AXE)
        layouts = {}
        for width in WIDTHS if light else []:
            resize_and_wait_for_charts(page, width)
            layouts[width] = (overflows_horizontally(page), charts_wider_than_their_column(page),
                              all(count > 0 for count in chart_mark_counts(page)),
                              cut_chart_text(page), overlapping_chart_labels(page), crowded_controls(page),
                              shrunk_charts(page))
    finally:
        page.close()
    assert not visit.outside_requests, f"requests leaving the book: {visit.outside_requests}"
    assert not visit.failed_requests, f"failed requests: {visit.failed_requests}"
    assert not visit.console_errors, f"console errors: {visit.console_errors}"
    assert all(count > 0 for count in counts), f"blank chart(s) on {path}: marks per chart {counts}"
    assert all(quizzes), f"a quiz did not reveal its feedback: {quizzes}"
    assert raw_math == 0, f"{raw_math} formula(s) not drawn as typeset maths"
    assert not blank_icons, f"icons that draw nothing: {blank_icons}"
    assert not violations, f"serious or critical accessibility problems: {violations}"
    assert not wide_code, f"code wider than its cell: {wide_code}"
    assert not (dataframes and path.startswith("chapters/")), f"{dataframes} DataFrame(s) shown in pandas' HTML"
    assert len(descriptions) == len(counts) and all(d.strip() for d in descriptions), "a chart lacks its text description"
    unchanged = [(chart, control) for chart, control, changed in effects if not changed]
    assert not unchanged, f"changing a control did not redraw its chart: {unchanged}"
    not_reset = [chart for chart, restored in resets if not restored]
    assert not not_reset, f"the reset button did not restore the chart: {not_reset}"
    assert len(citations) == len(counts) and all("CC BY 4.0" in c for c in citations), "a chart lacks its citation line"
    assert downloads == 3 * len(counts), "a chart lacks its data and image buttons"
    assert not miscited, f"citation lines that do not start with their chart's title: {miscited}"
    for width, (overflow, too_wide, drawn, cut, overlapping, crowded, shrunk) in layouts.items():
        assert not overflow, f"the page scrolls sideways at {width} px"
        assert not cut, f"chart text cut off at {width} px: {cut}"
        assert not overlapping, f"chart labels drawn over each other at {width} px: {overlapping}"
        assert not crowded, f"chart controls drawn over each other or outside their box at {width} px: {crowded}"
        assert not too_wide, f"charts wider than their column at {width} px: {too_wide}"
        assert not shrunk, f"charts scaled down, text and all, to fit at {width} px: {shrunk}"
        assert drawn, f"a chart is blank at {width} px"


def test_chapter_with_explorer_has_a_drawn_chart_and_slider(site):
    base_url, context = site
    page, _ = open_page(context, base_url, EXPLORER)
    try:
        assert chart_mark_counts(page)[0] > 100
        assert move_each_slider(page) and all(changed for _, changed in move_each_slider(page))
        assert page.locator("figcaption.visually-hidden").first.inner_text().startswith("Interactive line chart")
    finally:
        page.close()


MARKER_DATES_JS = """el => [...el.querySelectorAll('g.mark-symbol path[aria-label]')].map(p => [
  p.getAttribute('aria-label').match(/Date: ([^;]+)/)[1], +p.getAttribute('transform').match(/,([-\\d.]+)\\)/)[1]])"""


def timeline_markers(site, path: str) -> list[list]:
    """The first chart's timeline markers on ``path``, as drawn: [date text, y in px] each."""
    base_url, context = site
    page, _ = open_page(context, base_url, path)
    try:
        chart_mark_counts(page)
        return page.locator(".course-vega").first.evaluate(MARKER_DATES_JS)
    finally:
        page.close()


def test_a_timeline_shortens_the_years_without_events(site):
    """Chapter 2's timeline draws its 30 event-less years after 1979 no taller than the two years the
    book shortens such a stretch to: fewer pixels a year than a tenth of the pace between close events."""
    markers = timeline_markers(site, "chapters/02_partnership.html")
    points = sorted((datetime.strptime(date, "%d %b %Y"), y) for date, y in markers)
    paces = [((b - a).days / 365.25, (yb - ya)) for (a, ya), (b, yb) in zip(points, points[1:])]
    longest = max(paces)
    close = sorted(px / years for years, px in paces if 0.2 < years < 2)
    assert longest[0] > 20 and close, paces
    assert longest[1] / longest[0] < close[len(close) // 2] / 10, paces


def test_timeline_markers_of_different_days_stay_apart(site):
    """Chapter 12's events a week apart (20 and 27 January 2025) are two markers, not one: every two
    events on different days are drawn at least a marker's width apart."""
    markers = timeline_markers(site, "chapters/12_epilogue.html")
    by_day = sorted({date: y for date, y in markers}.items(), key=lambda item: item[1])
    assert len(by_day) > 10, markers
    gaps = [(a, b, yb - ya) for (a, ya), (b, yb) in zip(by_day, by_day[1:])]
    assert min(gap for _a, _b, gap in gaps) >= 12, gaps


EXPLORER = "chapters/00_two_largest_emitters.html"
END_LABELS_OVERLAP_JS = """el => { const boxes = [...el.querySelectorAll('g.mark-text.role-mark text')]
  .filter(t => t.textContent.trim()).map(t => t.getBoundingClientRect());
  return boxes.some((a, i) => boxes.slice(i + 1).some(b => a.left < b.right && b.left < a.right
    && a.top < b.bottom && b.top < a.bottom)); }"""


@pytest.mark.parametrize("width", WIDTHS)
def test_explorer_end_labels_do_not_overlap(served, width):
    base_url, launched = served
    context = launched.new_context(viewport={"width": width, "height": 900})
    page, _ = open_page(context, base_url, EXPLORER)
    try:
        chart_mark_counts(page)
        assert not page.locator(".course-vega").first.evaluate(END_LABELS_OVERLAP_JS)
    finally:
        context.close()


def test_explorer_picks_any_country(site):
    base_url, context = site
    page, visit = open_page(context, base_url, "chapters/00_two_largest_emitters.html")
    try:
        chart = page.locator("figure.course-chart").first
        before = chart.locator("svg.marks").inner_html()
        picker = chart.locator(".course-picker input")
        picker.fill("Brazil")
        picker.press("Enter")
        page.wait_for_function("() => document.querySelector('figure.course-chart svg.marks').innerHTML.includes('Brazil')")
        assert chart.locator("svg.marks").inner_html() != before
        chips = chart.locator(".course-picker-chip").all_inner_texts()
        assert any(chip.startswith("Brazil") for chip in chips) and len(chips) == 6
        chart.get_by_role("button", name="Remove World").click()
        page.wait_for_function("() => !document.querySelector('figure.course-chart svg.marks').innerHTML.includes('>World<')")
        assert chart.locator(".course-picker-chip").count() == 5
        assert not visit.console_errors
    finally:
        page.close()


def test_front_page_shows_the_chart_the_figures_and_the_map(site):
    base_url, context = site
    page, _ = open_page(context, base_url, "intro.html")
    try:
        assert page.locator(".course-headline-figures").inner_text().startswith("In 2024 the world emitted")
        assert chart_mark_counts(page)[0] > 0
        radio = page.locator("figure.course-chart input[type=radio]").nth(1)
        before = page.locator("figure.course-chart svg.marks").first.inner_html()
        radio.check()
        page.wait_for_function("(old) => document.querySelector('figure.course-chart svg.marks').innerHTML !== old", arg=before)
        rows = page.locator("table.course-table tbody tr")
        assert rows.count() == len([p for p in PAGES if p.startswith("chapters/")])
    finally:
        page.close()


def test_front_page_reads_without_javascript(served, built_book):
    base_url, launched = served
    context = launched.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{base_url}intro.html")
        assert page.locator(".course-headline-figures").inner_text().startswith("In 2024 the world emitted")
        assert page.locator("noscript").count() >= 1 and page.locator("table.course-table").is_visible()
    finally:
        context.close()


def test_charts_follow_the_reader_switching_to_dark_mode(site):
    base_url, context = site
    page, _ = open_page(context, base_url, EXPLORER)
    label_fill = "() => getComputedStyle(document.querySelector('.course-vega svg g.role-axis-label text')).fill"
    try:
        chart_mark_counts(page)
        light = page.evaluate(label_fill)
        while page.evaluate("document.documentElement.dataset.theme") != "dark":
            page.locator(".theme-switch-button").first.click()
        page.wait_for_function(f"light => ({label_fill})() !== light", arg=light, timeout=10000)
        dark = page.evaluate(label_fill)
    finally:
        page.close()
    brightness = [sum(int(v) for v in colour[4:-1].split(",")[:3]) for colour in (light, dark)]
    assert brightness[1] > 450 > brightness[0], f"axis labels {light} in light mode, {dark} in dark mode"


def test_chart_controls_work_from_the_keyboard(site):
    base_url, context = site
    page, _ = open_page(context, base_url, EXPLORER)
    try:
        chart_mark_counts(page)
        slider = page.locator(".course-chart-controls input[type=range]").first
        value = slider.locator("xpath=following-sibling::span[1]")
        shown, drawing = value.inner_text(), page.locator(".course-vega svg").first.inner_html()
        slider.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("before => document.querySelector('.course-vega svg').innerHTML !== before",
                               arg=drawing, timeout=5000)
        assert value.inner_text() == str(int(shown) + 1)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('.course-chart-controls') !== null")
    finally:
        page.close()


def test_a_chart_can_be_taken_away_as_data_and_images(site):
    base_url, context = site
    page, _ = open_page(context, base_url, EXPLORER)
    try:
        chart_mark_counts(page)
        files = {}
        for button in page.locator(".course-chart-downloads").first.locator("button").all():
            with page.expect_download() as download:
                button.click()
            files[download.value.suggested_filename.rsplit(".", 1)[1]] = Path(download.value.path()).read_bytes()
        cite = page.locator(".course-chart-cite").first.inner_text()
    finally:
        page.close()
    header, first_row = files["csv"].decode().splitlines()[:2]
    assert "country" in header.split(",") and "China" in files["csv"].decode() and first_row  # the explorer's compact records
    assert files["svg"].lstrip().startswith(b"<svg") and b"China" in files["svg"]
    assert files["png"].startswith(b"\x89PNG")
    assert "Our World in Data" in cite and "CC BY 4.0" in cite and "00_two_largest_emitters.html" in cite


def test_chapters_end_with_a_quiz(built_book):
    from bs4 import BeautifulSoup

    for path in [p for p in PAGES if p.removeprefix(f"{ZH}/").startswith("chapters/")]:
        quizzes = BeautifulSoup((built_book / path).read_text(encoding="utf-8"), "html.parser").select("fieldset.course-quiz")
        assert len(quizzes) >= 4, f"{path} has fewer than four self-check quiz items"
        untagged = [q for q in quizzes if not q.get("data-objectives")]
        assert not untagged, f"{path}: {len(untagged)} quiz item(s) name no learning objective"


@pytest.fixture(scope="module")
def phone_site(served):
    """The book at a phone's width."""
    base_url, launched = served
    context = launched.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    yield base_url, context
    context.close()


def test_language_switch_opens_the_same_page_in_the_other_language_and_back(phone_site):
    base_url, context = phone_site
    page, _ = open_page(context, base_url, "chapters/10_carbon_trading.html")
    try:
        for expected in (f"{ZH}/chapters/10_carbon_trading.html", "chapters/10_carbon_trading.html"):
            link = page.locator(".course-language a")
            box = link.bounding_box()
            assert link.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 375, "switch not on a phone's screen"
            link.focus()  # a link: the keyboard reaches it, and Enter follows it
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.url == base_url + expected
    finally:
        page.close()


def test_chinese_search_finds_the_carbon_trading_chapter(site):
    base_url, context = site
    page, visit = open_page(context, base_url, f"{ZH}/search.html?q=碳交易")
    try:
        page.wait_for_selector("#search-results .search-summary", timeout=20000)
        found = page.locator("#search-results ul.search li a").evaluate_all("links => links.map(a => a.href)")
    finally:
        page.close()
    assert not visit.console_errors, visit.console_errors
    assert any("chapters/10_carbon_trading.html" in url for url in found), f"碳交易 found only {found}"
