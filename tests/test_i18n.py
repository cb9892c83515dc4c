"""The package's translation function, its catalog and the Chinese it produces.

The catalog must translate every message the extractor finds (none untranslated, none fuzzy,
placeholders kept); in Chinese no chart shows English text; English stays what the code says.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

import polib
import pytest
from hypothesis import given, strategies as st

from climate_course import i18n
from climate_course.exercises import registered_checks
from climate_course.press import messages

sys.path.insert(0, str(Path(__file__).parent))
from chart_builders import BUILDERS, CALLER_TEXT, CALLER_TITLE  # noqa: E402
from spec_text import data_texts, english_words, shown_texts, untranslated  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
ZH = "zh_CN"


@pytest.fixture
def chinese():
    """The package speaks Chinese for one test, then chooses its language again."""
    i18n.use_language(ZH)
    yield
    i18n.use_language(None)


@pytest.fixture
def english():
    i18n.use_language("en")
    yield
    i18n.use_language(None)


# --- the catalog --------------------------------------------------------------------------------

def test_catalog_translates_every_message_and_prints_coverage():
    coverage = messages.coverage(ZH)
    for file, (done, fuzzy, total) in sorted(coverage.items()):
        print(f"{file:45s} {done:4d}/{total:<4d} translated, {fuzzy} fuzzy")
    total = sum(t for _d, _f, t in coverage.values())
    done = sum(d for d, _f, _t in coverage.values())
    print(f"all: {done}/{total} ({100 * done / total:.1f} %)")
    assert messages.problems(ZH) == []
    assert done == total > 1000


def test_catalog_holds_no_message_the_package_no_longer_has():
    found = {(context, message) for context, message, _where in messages.all_messages()}
    entries = [e for e in polib.pofile(str(i18n.catalog_path(ZH))) if not e.obsolete]
    assert sorted((e.msgctxt, e.msgid) for e in entries if (e.msgctxt, e.msgid) not in found) == []


def test_every_table_name_is_in_the_catalog():
    names = {m for context, m, _w in messages.all_messages() if context == i18n.NAME_CONTEXT}
    assert {"China", "United States", "EU-27", "India", "World", "Japan", "Côte d'Ivoire"} <= names
    catalog = i18n.read_po(i18n.catalog_path(ZH).read_text(encoding="utf-8"))
    assert catalog[(i18n.NAME_CONTEXT, "EU-27")][0] == "欧盟 27 国"
    assert catalog[(i18n.NAME_CONTEXT, "United States")][0] == "美国"


def test_extractor_finds_literal_messages_and_refuses_f_strings():
    source = 'x = _("Hello {name}", name=n)\ny = N_("Plain")\nz = translate_name("China")\nw = _(variable)\n'
    assert messages.code_messages(source) == [(None, "Hello {name}", 1), (None, "Plain", 2), ("name", "China", 3)]
    with pytest.raises(ValueError, match="f-string"):
        messages.code_messages('_(f"{x} tonnes")')


def test_extractor_reads_the_code_cells_of_notebooks(tmp_path):
    cells = [{"cell_type": "markdown", "source": ['_("Not code")']},
             {"cell_type": "code", "source": ["import x\n", 'print(_("{n} rows", n=3))']}]
    notebook = tmp_path / "page.ipynb"
    notebook.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    assert messages.notebook_messages(notebook) == [(None, "{n} rows", "cell 1:2")]


def test_the_book_s_notebooks_are_read_by_the_extractor():
    read = {path.relative_to(messages.ROOT).as_posix() for path in messages.notebooks()}
    assert {"chapters/03_deep_decarbonization.ipynb", "exercises/source/ex03_deep_decarbonization.ipynb"} <= read
    assert "exercises/ex03_deep_decarbonization.ipynb" not in read  # made from its source
    found = {(file, message) for _c, message, (file, _w) in messages.all_messages()}
    assert ("chapters/03_deep_decarbonization.ipynb",
            "Used 2020–{first}: {used:.0f} Gt; emitted in {year}: {annual:.1f} Gt") in found


def _code(path: Path) -> list[str]:
    if path.suffix != ".ipynb":
        return [path.read_text(encoding="utf-8")]
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]


def test_no_module_or_notebook_rebinds_the_translation_function():
    for path in messages.modules() + messages.notebooks():
        for code in _code(path):
            assigned = [n.lineno for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Name) and n.id == "_"
                        and isinstance(n.ctx, ast.Store)]
            assert assigned == [], f"{path}: '_' assigned on line(s) {assigned}, hiding the translation function"


# --- the .po reader -----------------------------------------------------------------------------

def test_reader_agrees_with_polib_on_the_catalog():
    path = i18n.catalog_path(ZH)
    ours = i18n.read_po(path.read_text(encoding="utf-8"))
    theirs = {(e.msgctxt, e.msgid): (e.msgstr, "fuzzy" in e.flags) for e in polib.pofile(str(path)) if not e.obsolete}
    assert ours == theirs


_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
                max_size=40)


@given(st.dictionaries(st.tuples(st.none() | _text.filter(bool), _text.filter(bool)),
                       st.tuples(_text, st.booleans()), max_size=8))
def test_reader_reads_back_what_polib_writes(entries):
    catalog = polib.POFile(wrapwidth=78)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for (context, msgid), (msgstr, fuzzy) in entries.items():
        catalog.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    assert i18n.read_po(str(catalog)) == entries


@pytest.mark.parametrize("text", ['msgid "a"\n', 'msgid "a\nmsgstr "b"\n', 'msgstr "b"\n', 'msgid "a"\nmsgstr "\\q"\n',
                                  'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', 'garbage\n'])
def test_reader_refuses_a_broken_catalog(text):
    with pytest.raises(ValueError):
        i18n.read_po(text)


# --- choosing the language, and junk input ------------------------------------------------------

def test_language_comes_from_the_environment_then_the_nearest_book_config(monkeypatch, tmp_path):
    book = tmp_path / "zh"
    (book / "chapters").mkdir(parents=True)
    (book / "_config.yml").write_text("title: x\nsphinx:\n  config:\n    html_context: {}\n    language: zh_CN\n")
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    monkeypatch.chdir(book / "chapters")
    i18n.use_language(None)
    try:
        assert i18n.language() == ZH
        monkeypatch.setenv(i18n.ENV_VAR, "en")
        i18n.use_language(None)
        assert i18n.language() == "en"
        monkeypatch.setenv(i18n.ENV_VAR, "fr")
        i18n.use_language(None)
        with pytest.warns(UserWarning, match="CLIMATE_COURSE_LANG"):
            assert i18n.language() == "en"
        monkeypatch.delenv(i18n.ENV_VAR)
        monkeypatch.chdir(tmp_path)
        i18n.use_language(None)
        assert i18n.language() == "en"
    finally:
        i18n.use_language(None)


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="zh_CN"):
        i18n.use_language("fr")


def test_fields_must_match_the_message(english):
    assert i18n._("{country} emitted {value:,.1f} Gt in {year}", country="China", value=12.345, year=2024) == (
        "China emitted 12.3 Gt in 2024")
    with pytest.raises(i18n.MessageFieldError, match="missing field"):
        i18n._("{country} emitted {value} Gt", country="China")
    with pytest.raises(i18n.MessageFieldError, match="unexpected field"):
        i18n._("Year {year}", year=2024, month=5)


def test_a_broken_translation_falls_back_to_english(chinese, monkeypatch):
    monkeypatch.setitem(i18n._catalog(ZH), (None, "Year {year}"), "{yaer} 年")
    assert i18n._("Year {year}", year=2024) == "Year 2024"


def test_a_message_missing_from_the_catalog_stays_english(chinese):
    assert i18n._("A sentence nobody has translated") == "A sentence nobody has translated"
    assert i18n.translate_name("Atlantis") == "Atlantis"


# --- what Chinese readers get -------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_chart_has_no_english_text_in_chinese(name, chinese):
    spec = BUILDERS[name]().to_dict()
    texts = shown_texts(spec)
    assert texts, "no text found: the spec walker missed this chart's titles"
    english = [(where, text) for where, text in texts if untranslated(text)]
    english += [(field, text) for field, text in data_texts(spec) if untranslated(text)]
    assert english == []
    assert CJK.search(spec["description"] if "description" in spec else str(spec))


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_chart_in_english_has_no_chinese(name, english):
    spec = BUILDERS[name]().to_dict()
    chinese = [text for _where, text in shown_texts(spec) if CJK.search(text)]
    assert [text for text in chinese if CALLER_TITLE not in text and CALLER_TEXT not in text] == []


def test_source_lines_keep_the_publisher_and_add_a_gloss(chinese):
    from climate_course import table_meta

    citation = table_meta("co2_annual").citation
    assert citation.startswith("资料来源：Our World in Data（")
    assert "Global Carbon Budget" in citation
    lines = __import__("climate_course.charts", fromlist=["source_lines"]).source_lines(citation)
    assert all(i18n._display_width(line) <= 82 for line in lines)
    assert not any(line[0] in "，。；：）" for line in lines)
    assert "".join(lines).replace(" ", "") == citation.replace(" ", "")


def test_feedback_of_checks_is_chinese(chinese):
    checks = registered_checks()
    for question in ["ex00.q1", "ex02.q1", "ex05.q1", "ex07.q1", "ex10.q1", "ex12.q1"]:
        for answer in (None, "text", -1e9):
            message = checks[question](answer).message
            assert CJK.search(message) and not english_words(re.sub(r"`[^`]*`|\w+\(\S*\)|\w+=\S+", "", message)), (
                question, answer, message)
    first_number = next(q for q, c in checks.items() if hasattr(c, "value"))
    assert checks[first_number](checks[first_number].value()).message == "正确。"


def test_every_hint_of_every_check_is_translated(chinese):
    catalog = i18n._catalog(ZH)
    for question, item in registered_checks().items():
        hints = list(getattr(item, "near_misses", {})) + list(item.hint_table().values() if hasattr(item, "hint_table") else [])
        for hint in hints:
            shown = i18n._(hint)
            assert CJK.search(shown), (question, hint)
        assert catalog


def test_printed_summaries_are_chinese(chinese):
    import climate_course as cc
    from climate_course import analysis, ev, responsibility, synthesis, us_terms

    emissions = cc.load_table("co2_annual")
    texts = [
        repr(analysis.snapshot_table(emissions, ["China", "United States"], 2024)),
        ev.format_headline(ev.headline(cc.load_table("ev_sales"), 2023)),
        repr(responsibility.metrics_table(emissions, ["China", "United States", "World"], 2024)),
        repr(synthesis.indicators_table(synthesis.indicators(emissions, cc.load_table("electricity_share"), 2024), 2024)),
    ]
    for text in texts:
        assert "中国" in text and not [w for w in english_words(text) if w not in ("EV",)], text


def test_live_controls_are_labelled_in_chinese(chinese):
    from climate_course import widgets

    live = widgets.emissions_explorer_widget()
    assert [c.description for c in live.controls.values()] == ["国家/地区", "指标", "年份"]
    assert ("中国", "China") in live.controls["countries"].options


def test_tonnes_get_the_chinese_unit_beside_them(english):
    assert i18n.tonnes(12.34, "Gt", ".1f", gas="CO₂") == "12.3 Gt CO₂"
    i18n.use_language(ZH)
    assert i18n.tonnes(12.34, "Gt", ".1f", gas="CO₂") == "12.3 Gt CO₂（123 亿吨）"
    assert i18n.tonnes(850, "Mt", ",.0f") == "850 Mt（85000 万吨）"
    assert i18n.tonnes(319.8, "Gt", ",.0f") == "320 Gt（3200 亿吨）"
    with pytest.raises(ValueError):
        i18n.tonnes(1, "kt")


def test_vega_text_builds_the_same_sentence_in_the_browser(chinese):
    expression = i18n.vega_text("{metric}, {first}–{last}", metric=i18n.Expr("m"), first=1990, last=i18n.Expr("y"))
    assert expression == "m + '，1990–' + y + ' 年'"
    i18n.use_language("en")
    assert i18n.vega_text("{metric}, {first}–{last}", metric=i18n.Expr("m"), first=1990, last=i18n.Expr("y")) == (
        "m + ', 1990–' + y")
