"""The built book: it builds without warnings, and every page of both language editions works offline
in a real browser."""

from __future__ import annotations


import pytest

from climate_course.press.sitecheck import (
    accessibility_violations,
    chart_mark_counts,
    chromium,
    code_wider_than_its_cell,
    icons_without_glyph,
    move_each_slider,
    open_page,
    overflows_horizontally,
    printed_dataframes,
    quiz_feedback_works,
    serve,
    toc_pages,
    untypeset_math,
)
from climate_course.press.zh_edition import EDITIONS
from conftest import ROOT

ZH = EDITIONS["zh_CN"]["folder"]
ENGLISH_PAGES = toc_pages(ROOT)
PAGES = [*ENGLISH_PAGES, *(f"{ZH}/{page}" for page in ENGLISH_PAGES)]  # the Chinese edition: the same pages in zh/
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


def test_every_toc_page_was_built(built_book):
    missing = [page for page in PAGES if not (built_book / page).exists()]
    assert not missing, f"pages in _toc.yml with no HTML: {missing}"


@pytest.mark.parametrize("path", PAGES)
def test_page_works_offline(site, path):
    base_url, context = site
    page, visit = open_page(context, base_url, path)
    try:
        counts = chart_mark_counts(page)
        moved = move_each_slider(page)
        descriptions = page.locator("figure.course-chart figcaption").all_inner_texts()
        raw_math = untypeset_math(page)
        blank_icons = icons_without_glyph(page)
        quizzes = quiz_feedback_works(page)
        wide_code = code_wider_than_its_cell(page)
        dataframes = printed_dataframes(page)
        violations = accessibility_violations(page, AXE)
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
    unchanged = [chart for chart, changed in moved if not changed]
    assert not unchanged, f"moving a slider did not redraw: {unchanged}"


def test_chapter_with_explorer_has_a_drawn_chart_and_slider(site):
    base_url, context = site
    page, _ = open_page(context, base_url, "chapters/00_two_largest_emitters.html")
    try:
        assert chart_mark_counts(page)[0] > 100
        assert move_each_slider(page) and all(changed for _, changed in move_each_slider(page))
        assert page.locator("figcaption.visually-hidden").first.inner_text().startswith("Interactive line chart")
    finally:
        page.close()


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


def test_chapters_end_with_a_quiz(site):
    base_url, context = site
    for path in [p for p in PAGES if p.removeprefix(f"{ZH}/").startswith("chapters/")]:
        page, _ = open_page(context, base_url, path)
        try:
            quizzes = page.locator("fieldset.course-quiz")
            assert quizzes.count() >= 4, f"{path} has fewer than four self-check quiz items"
            untagged = page.locator("fieldset.course-quiz:not([data-objectives])").count()
            assert untagged == 0, f"{path}: {untagged} quiz item(s) name no learning objective"
        finally:
            page.close()


@pytest.fixture(scope="module")
def zoomed_site(served):
    """The book at 200 % zoom: a 1280 x 900 window shows a 640 x 450 CSS-pixel viewport."""
    base_url, launched = served
    context = launched.new_context(viewport={"width": 640, "height": 450})
    yield base_url, context
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_works_at_200_percent_zoom(zoomed_site, path):
    base_url, context = zoomed_site
    page, _ = open_page(context, base_url, path)
    try:
        assert all(count > 0 for count in chart_mark_counts(page)), "a chart is blank at 200 % zoom"
        assert not overflows_horizontally(page), "the page scrolls sideways at 200 % zoom"
    finally:
        page.close()


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
