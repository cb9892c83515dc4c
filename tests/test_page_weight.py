"""Each built page loads only what it uses: no icon script, search index on the search page only,
no MathJax (formulas typeset at build time), Vega only with a chart (deferred), and it describes itself."""

from __future__ import annotations

import re

import pytest

from climate_course.press import icons
from climate_course.press.sitecheck import toc_pages
from climate_course.press.sphinxext import OPTIONAL_ASSETS
from climate_course.press.zh_edition import EDITIONS
from conftest import ROOT

ENGLISH_PAGES = [*toc_pages(ROOT), "search.html", "genindex.html"]
PAGES = [*ENGLISH_PAGES, *(f"{EDITIONS['zh_CN']['folder']}/{page}" for page in ENGLISH_PAGES)]  # both editions
SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"?]+)[^>]*>")


@pytest.fixture(scope="module")
def pages(built_book):
    return {path: (built_book / path).read_text(encoding="utf-8") for path in PAGES}


def _scripts(text: str) -> list[str]:
    return SCRIPT.findall(text)


def test_no_page_loads_the_icon_script_and_every_page_has_the_icon_stylesheet(pages, built_book):
    for path, text in pages.items():
        assert not any("fontawesome" in s for s in _scripts(text)), path
        assert "_static/course-icons.css" in text, path
    assert not (built_book / "_static" / "scripts" / "fontawesome.js").exists()


def test_search_index_loads_on_the_search_page_only(pages):
    for path, text in pages.items():
        assert any(s.endswith("searchindex.js") for s in _scripts(text)) == (path.rsplit("/", 1)[-1] == "search.html"), path


def test_no_page_loads_mathjax_and_every_formula_is_typeset_at_build_time(pages, built_book):
    formulas = 0
    for path, text in pages.items():
        assert not any("mathjax" in s.lower() for s in _scripts(text)), path
        maths = re.findall(r'<(?:span|div) class="math notranslate nohighlight"[^>]*>(.*?)</(?:span|div)>', text, re.S)
        assert all(m.lstrip().startswith(("<mjx-container", '<span class="eqno">')) for m in maths), path
        assert ("<mjx-container" in text) == ("mjx-assistive-mml {" in text), f"{path}: MathJax's stylesheet"
        formulas += len(maths)
    assert formulas > 20  # the chapters' formulas were found
    assert not (built_book / "_static" / "mathjax").exists()


def test_vega_only_on_pages_with_a_chart_and_deferred(pages):
    for path, text in pages.items():
        vega = [tag for tag in re.findall(r"<script\b[^>]*>", text) if "/vega/" in tag]
        assert bool(vega) == ('class="course-vega"' in text), path
        assert all("defer" in tag for tag in vega), path


def test_every_page_has_a_description_and_a_favicon(pages):
    for path, text in pages.items():
        description = re.search(r'<meta name="description" content="([^"]+)"', text)
        assert description and 20 <= len(description[1]) <= 170, path
        assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', text), path


def test_no_script_file_holds_up_the_first_paint(pages):
    for path, text in pages.items():
        if path.rsplit("/", 1)[-1] == "search.html":  # the theme's search template loads the search scripts itself
            continue
        blocking = [src for src in re.findall(r"<script\b(?![^>]*\b(?:defer|async)\b)[^>]*\bsrc=\"([^\"?]+)", text)
                    if not src.endswith("documentation_options.js")]
        assert not blocking, f"{path}: {blocking}"


def test_theme_glyphs_are_those_the_theme_s_own_rules_draw():
    css = ('.fa-bars:before{content:"\\f0c9"}.fa-a::before,.fa-b:after{content:"\\e005"}'
           '.onthispage:after{content:"\\f107"}:root{--pst-icon-info:"\uf05a"}@media print{.x{content:"\\f0eb"}}')
    assert icons.theme_glyphs(css) == {0xF107, 0xF05A, 0xF0EB}


def test_icon_fonts_keep_only_the_glyphs_the_theme_draws(built_book):
    from fontTools.ttLib import TTFont  # noqa: PLC0415 (only this test reads fonts)

    static = built_book / "_static"
    drawn = set().union(*(icons.theme_glyphs(p.read_text(encoding="utf-8")) for p in static.rglob("*.css")))
    assert {0xF05A, 0xF0EB, 0xF09B} <= drawn  # the note and tip admonitions, the source link's logo
    fonts = sorted((static / icons.FONT_DIR).glob("*.woff2"))
    assert len(fonts) == 3
    for font in fonts:
        assert font.stat().st_size < 10_000, font.name
        assert set(TTFont(font).getBestCmap()) <= drawn, font.name
    assert 0xF0EB in TTFont(static / icons.FONT_DIR / "fa-solid-900.woff2").getBestCmap()


def test_an_extension_s_files_load_only_where_a_page_uses_them(pages):
    """sphinx-design's and sphinx-togglebutton's files, on pages with their components only."""
    for path, text in pages.items():
        start = text.find('<article class="bd-article"')  # the page's own content (the search page has none)
        body = text[start:text.index("</article>", start)] if start >= 0 else ""
        for names, shown in OPTIONAL_ASSETS.items():
            assert any(name in text for name in names) == bool(shown.search(body)), (path, names)


def test_the_theme_stylesheet_keeps_no_glyph_rule(built_book):
    """The masks draw the icons, so the theme's 1,800 ``.fa-NAME::before`` rules are dropped; its own
    rules (admonition icons and the rest) stay."""
    css = (built_book / "_static" / icons.THEME_CSS).read_text(encoding="utf-8")
    assert ".fa-bars:before" not in css and ".fa-github:before" not in css
    assert ".admonition" in css and "--pst-icon-admonition-note" in css
