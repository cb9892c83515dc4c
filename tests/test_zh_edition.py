"""The Chinese edition: made from the English sources and the catalogs, code for code, number for
number, term for term; every message translated; nothing copied from the white paper; and the two
editions linked page to page."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import polib
import pytest
import yaml

from climate_course.press.outline import toc_files
from climate_course.press.parity import terms_not_shown, unmatched
from climate_course.press.translation import catalog_problems, copied_passages, coverage, sources
from climate_course.press.zh_edition import EDITIONS, retarget_terms, source_dir, tree_files, write_tree
from conftest import ROOT
from spec_text import KEPT

LANGUAGE = "zh_CN"
SEED = ROOT.parent / "shared" / "seed" / "white-paper-zh.txt"  # beside the repository, never read by the book
PAGES = toc_files(ROOT)


def _markdown(text: str, suffix: str) -> str:
    if suffix != ".ipynb":
        return text
    return "\n\n".join("".join(c["source"]) for c in json.loads(text)["cells"] if c["cell_type"] == "markdown")


def _page_file(name: str) -> Path:
    return next(p for p in (ROOT / f"{name}.ipynb", ROOT / f"{name}.md") if p.exists())


@pytest.fixture(scope="module")
def chinese_tree() -> dict[str, str]:
    """The Chinese edition's source files as the build writes them (relative path -> text)."""
    return tree_files(LANGUAGE)


# ------------------------------------------------------------------ the tree, on a miniature book

def _catalog(root: Path, path: str, entries: dict[str, str], fuzzy: tuple[str, ...] = ()) -> None:
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": LANGUAGE}
    for msgid, msgstr in entries.items():
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if msgid in fuzzy else []))
    target = root / "locales" / LANGUAGE / "LC_MESSAGES" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(target))


GLOSSARY_ENTRY = "```{glossary}\nCarbon peak (碳达峰, tàn dá fēng)\n  The year emissions stop growing."
TERM_LINK = "See {term}`carbon peak <Carbon peak (碳达峰, tàn dá fēng)>` and {term}`Carbon peak (碳达峰, tàn dá fēng)`."


@pytest.fixture
def miniature(tmp_path) -> Path:
    """A book of four pages (intro, a chapter, an exercise, the glossary) with small catalogs."""
    root = tmp_path / "book"
    for name in ("_static", "exercises/source", "chapters"):
        (root / name).mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", root / "_config.yml")
    (root / "_static" / "course.css").write_text("")
    (root / "references.bib").write_text("")
    (root / "CITATION.cff").write_text("title: x\n")
    toc = {"format": "jb-book", "root": "intro", "parts": [
        {"caption": "Reference", "chapters": [{"file": "chapters/a"}, {"file": "exercises/ex"}, {"file": "glossary"}]}]}
    (root / "_toc.yml").write_text(yaml.safe_dump(toc))
    (root / "intro.md").write_text(f"# Welcome\n\n{TERM_LINK}\n")
    (root / "glossary.md").write_text(f"# Glossary\n\n{GLOSSARY_ENTRY}\n\n```\n")
    code = nbformat.v4.new_code_cell("x = 1  # kept byte for byte\n", outputs=[nbformat.v4.new_output("stream", text="1")],
                                     execution_count=3)
    chapter = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A\n\nText one.\n\nText two."), code])
    nbformat.write(chapter, root / "chapters" / "a.ipynb")
    solution = nbformat.v4.new_code_cell("q1 = 42", metadata={"tags": ["solution"]})
    student = nbformat.v4.new_code_cell("q1 = ...", metadata={"tags": ["student", "remove-cell"]})
    exercise = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Question 1"), solution, student])
    nbformat.write(exercise, root / "exercises" / "source" / "ex.ipynb")
    _catalog(root, "_config.po", {"China and the United States: competitors or cooperators on climate change?": "中美"})
    _catalog(root, "_toc.po", {"Reference": "参考"})
    _catalog(root, "intro.po", {"# Welcome": "# 欢迎", TERM_LINK: "见{term}`碳达峰 <Carbon peak (碳达峰, tàn dá fēng)>`。"})
    _catalog(root, "glossary.po", {GLOSSARY_ENTRY: "```{glossary}\n碳达峰 (tàn dá fēng; Carbon peak)\n  排放停止增长的年份。"})
    _catalog(root, "chapters/a.po", {"Text one.": "第一段。", "Text two.": "第二段。"}, fuzzy=("Text two.",))
    _catalog(root, "exercises/source/ex.po", {"## Question 1": "## 问题 1"})
    return root


def test_tree_translates_prose_block_by_block_and_keeps_code(miniature):
    out = write_tree(LANGUAGE, miniature)
    config = yaml.safe_load((out / "_config.yml").read_text())
    assert config["sphinx"]["config"]["language"] == LANGUAGE and config["title"] == "中美"
    assert config["author"] == "The course authors"  # no translation: the English stays
    assert config["execute"]["cache"] == str(miniature / "_build" / LANGUAGE / ".jupyter_cache")  # not the English one
    assert yaml.safe_load((out / "_toc.yml").read_text())["parts"][0]["caption"] == "参考"
    chapter = nbformat.read(out / "chapters" / "a.ipynb", as_version=4)
    assert chapter.cells[0].source == "# A\n\n第一段。\n\nText two."  # a fuzzy translation is not used
    assert chapter.cells[1].source == "x = 1  # kept byte for byte\n"
    assert chapter.cells[1].outputs == [] and chapter.cells[1].execution_count is None
    exercise = nbformat.read(out / "exercises" / "ex.ipynb", as_version=4)
    assert [c.source for c in exercise.cells[1:]] == ["## 问题 1", "q1 = ..."]  # the student edition
    assert "碳达峰 (tàn dá fēng; Carbon peak)\n" in (out / "glossary.md").read_text()
    assert (out / "references.bib").exists() and (out / "_static" / "course.css").exists()


def test_term_links_point_at_the_translated_glossary(miniature):
    intro = (write_tree(LANGUAGE, miniature) / "intro.md").read_text()
    assert "见{term}`碳达峰 <碳达峰 (tàn dá fēng; Carbon peak)>`。" in intro
    assert retarget_terms(TERM_LINK, {"carbon peak (碳达峰, tàn dá fēng)": "碳达峰 (C)"}) == \
        "See {term}`carbon peak <碳达峰 (C)>` and {term}`碳达峰 (C)`."


def test_tree_drops_pages_that_left_the_book(miniature):
    out = write_tree(LANGUAGE, miniature)
    stale = out / "chapters" / "gone.ipynb"
    stale.write_text("{}")
    write_tree(LANGUAGE, miniature)
    assert not stale.exists() and (out / "chapters" / "a.ipynb").exists()


# ------------------------------------------------------------------ the real book

@pytest.mark.parametrize("source", sources(), ids=lambda s: s.path)
def test_every_message_is_translated_and_current(source):
    done, fuzzy, total = coverage(source, LANGUAGE)
    problems = catalog_problems(source, LANGUAGE)
    assert not problems, (f"{source.path}: {done}/{total} translated ({100 * done / max(total, 1):.0f} %), "
                          f"{fuzzy} fuzzy; run 'python -m climate_course.press.translation check'\n"
                          + "\n".join(problems[:15]))


@pytest.mark.parametrize("name", PAGES)
def test_chinese_notebook_has_the_english_code_cells(chinese_tree, name):
    english = _page_file(name)
    if english.suffix != ".ipynb":
        pytest.skip("a Markdown page has no code")
    ours = nbformat.reads(english.read_text(encoding="utf-8"), as_version=4)
    theirs = nbformat.reads(chinese_tree[f"{name}.ipynb"], as_version=4)
    assert [c.cell_type for c in theirs.cells] == [c.cell_type for c in ours.cells]
    for mine, translated in zip(ours.cells, theirs.cells):
        assert translated.metadata.get("tags") == mine.metadata.get("tags")
        if mine.cell_type == "code":
            assert translated.source == mine.source, "a code cell differs from the English notebook's"


@pytest.mark.parametrize("name", PAGES)
def test_chinese_page_has_the_english_numbers(chinese_tree, name):
    english = _page_file(name)
    missing, extra = unmatched(_markdown(english.read_text(encoding="utf-8"), english.suffix),
                               _markdown(chinese_tree[f"{name}{english.suffix}"], english.suffix), LANGUAGE)
    assert not missing and not extra, f"numbers only in the English: {missing}; only in the Chinese: {extra}"


@pytest.mark.parametrize("name", PAGES)
def test_chinese_page_shows_the_glossary_term_it_links(chinese_tree, name):
    suffix = _page_file(name).suffix
    wrong = terms_not_shown(_markdown(chinese_tree[f"{name}{suffix}"], suffix))
    assert not wrong, f"term links whose text lacks the glossary's Chinese term: {wrong}"


# ------------------------------------------------------------------ the built site

ZH = EDITIONS[LANGUAGE]["folder"]
_TEXT = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.S)


def _reader_text(page: Path) -> str:
    """What a reader sees on a page, chart specs included (their JSON escapes Chinese as \\uXXXX)."""
    text = page.read_text(encoding="utf-8")
    specs = " ".join(re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', text, re.S))
    specs = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), specs)
    return html.unescape(_TEXT.sub(" ", text)) + specs


@pytest.mark.skipif(not SEED.exists(), reason="the white paper's Chinese text is not beside the repository")
def test_chinese_edition_copies_no_passage_of_the_white_paper(built_book):
    seed = SEED.read_text(encoding="utf-8")
    copied = {page: runs for page in PAGES
              if (runs := copied_passages(_reader_text(built_book / ZH / f"{page}.html"), seed))}
    assert not copied, f"runs of 24 Chinese characters shared with the white paper: {copied}"


def test_chinese_source_tree_is_what_was_built(built_book, chinese_tree):
    built = source_dir(LANGUAGE)
    stale = [name for name, text in chinese_tree.items() if (built / name).read_text(encoding="utf-8") != text]
    assert not stale, f"the Chinese edition was built from an older tree: {stale}"
    assert all((built_book / ZH / f"{page}.html").exists() for page in PAGES)


@pytest.mark.parametrize("edition", ["", f"{ZH}/"], ids=["en", LANGUAGE])
def test_every_page_links_to_itself_in_the_other_language(built_book, edition):
    other = f"{ZH}/" if not edition else ""
    for page in PAGES:
        path = built_book / edition / f"{page}.html"
        links = re.findall(r'<a class="course-language-link" href="([^"]+)"', path.read_text(encoding="utf-8"))
        assert len(links) == 1, f"{path}: {len(links)} language links"
        assert not links[0].startswith(("/", "http")), f"{path}: the language link is not relative"
        assert (path.parent / links[0]).resolve() == (built_book / other / f"{page}.html").resolve(), path
        # An hreflang link, given only where the site's address is known, is absolute.
        assert not re.search(r'<link rel="alternate"[^>]* href="(?!https?://)', path.read_text(encoding="utf-8")), path


def _subtitles(spec):
    """Every chart subtitle in a Vega-Lite spec, its lines joined."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "subtitle":
                yield " ".join(value) if isinstance(value, list) else str(value)
            else:
                yield from _subtitles(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _subtitles(item)


@pytest.mark.parametrize("edition", ["", f"{ZH}/"], ids=["en", LANGUAGE])
def test_a_chart_credits_its_sources_under_one_label(built_book, edition):
    """A chart drawn from several tables says "Source:" once (cc.joint_citation), not once per table."""
    repeated = {}
    for page in PAGES:
        text = (built_book / edition / f"{page}.html").read_text(encoding="utf-8")
        for raw in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', text, re.S):
            try:
                spec = json.loads(html.unescape(raw))
            except json.JSONDecodeError:
                continue
            repeated.update({page: line for line in _subtitles(spec)
                             if len(re.findall(r"Source: |资料来源：", line)) > 1})
    assert not repeated, f"source lines that repeat their label: {repeated}"


def test_a_chinese_chapter_is_cited_in_chinese(built_book):
    """The citation line under a chapter names the course, its authors and the chapter in Chinese."""
    config = yaml.safe_load((source_dir(LANGUAGE) / "_config.yml").read_text(encoding="utf-8"))
    page = (built_book / ZH / "chapters" / "00_two_largest_emitters.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="course-citation">(.*?)</p>', page, re.S)[1]
    assert line.startswith(f"{config['author']}（") and "》，载于" in line and f"<em>{config['title']}</em>，" in line
    assert "In <em>" not in line and "version" not in line


#: What a reader sees that is not prose: code and its output, maths, the page's frame, and the
#: references, which cite each work in its own language.
_NOT_PROSE = ("script, style, div.cell_input, pre, code, svg, .bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, "
              "footer, .prev-next-area, .bibliography, div.citation, aside.footnote, .footnote-list, .headerlink, "
              "dl.glossary dt")  # a glossary term is shown with its English name and pinyin
#: Six English words in a row is a sentence left untranslated (names of laws, institutions and
#: glossary terms, which the Chinese text keeps beside their translation, are shorter).
_ENGLISH_RUN = re.compile(r"(?:[A-Za-z][A-Za-z'’-]*[\s,;:()]+){5,}[A-Za-z][A-Za-z'’-]*")


def test_a_chinese_page_has_no_english_sentence_outside_code(built_book):
    from bs4 import BeautifulSoup  # noqa: PLC0415 (only this test needs it)

    english = {}
    for page in PAGES:
        if page == "references":
            continue
        soup = BeautifulSoup((built_book / ZH / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select(_NOT_PROSE):
            tag.decompose()
        text = (soup.select_one("main") or soup).get_text(" ")
        runs = [m.group() for m in _ENGLISH_RUN.finditer(text)
                if sum(word not in KEPT for word in re.findall(r"[A-Za-z][A-Za-z'’-]+", m.group())) >= 6]
        if runs:
            english[page] = runs[:3]
    assert not english, f"English sentences in the Chinese edition: {english}"
