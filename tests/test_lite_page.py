"""The "Run in your browser" button: on every chapter and exercise page, with or without Binder."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from climate_course.press import lite_page
from climate_course.press.zh_edition import EDITIONS
from climate_course.press.outline import toc_files
from conftest import ROOT


def _context(header_buttons):
    return {"page_source_suffix": ".ipynb", "header_buttons": header_buttons, "body": "<h1>Title</h1><p>text</p>",
            "pathto": lambda target, relative: f"../{target}"}


def _app(language="en"):
    return SimpleNamespace(config=SimpleNamespace(language=language))


def _lite_buttons(context):
    return [button for group in context["header_buttons"] if group.get("label") == "launch-buttons"
            for button in group["buttons"] if button.get("label") == "lite-button"]


@pytest.mark.parametrize("existing", [[], [{"label": "launch-buttons", "type": "group", "buttons": [{"label": "binder"}]}]],
                         ids=["no launch menu (no repository address)", "beside Binder"])
def test_button_and_note_on_a_chapter(monkeypatch, existing):
    monkeypatch.delenv("CLIMATE_COURSE_LITE", raising=False)
    context = _context(existing)
    lite_page._add_lite_button(_app(), "chapters/01_climate_shocks", "page.html", context, None)
    [button] = _lite_buttons(context)
    assert button["url"] == "../lite/lab/index.html?path=chapters/01_climate_shocks.ipynb"
    assert context["body"].startswith("<h1>Title</h1><div class=\"course-lite-note\"")


def test_a_chinese_page_opens_the_chinese_notebook(monkeypatch):
    monkeypatch.delenv("CLIMATE_COURSE_LITE", raising=False)
    context = _context([])  # a page one folder down in zh/: the lite site is two folders up
    lite_page._add_lite_button(_app("zh_CN"), "chapters/01_climate_shocks", "page.html", context, None)
    [button] = _lite_buttons(context)
    assert button["url"] == "../../lite/lab/index.html?path=zh/chapters/01_climate_shocks.ipynb"


def test_no_button_without_a_lite_site_or_off_the_notebooks(monkeypatch):
    monkeypatch.setenv("CLIMATE_COURSE_LITE", "0")
    context = _context([])
    lite_page._add_lite_button(_app(), "chapters/01_climate_shocks", "page.html", context, None)
    assert not _lite_buttons(context)
    monkeypatch.delenv("CLIMATE_COURSE_LITE")
    context = _context([])
    lite_page._add_lite_button(_app(), "glossary", "page.html", context, None)
    assert not _lite_buttons(context) and "course-lite-note" not in context["body"]


def test_every_built_notebook_page_links_to_its_lite_notebook(built_book):
    pages = [page for page in toc_files(ROOT) if page.startswith(lite_page.FOLDERS)]
    assert pages
    missing = [page for page in pages
               if f"lite/lab/index.html?path={page}.ipynb" not in (built_book / f"{page}.html").read_text(encoding="utf-8")]
    assert not missing, f"pages without a Run-in-your-browser link: {missing}"
    zh = EDITIONS["zh_CN"]["folder"]
    missing = [page for page in pages if f"lite/lab/index.html?path={zh}/{page}.ipynb"
               not in (built_book / zh / f"{page}.html").read_text(encoding="utf-8")]
    assert not missing, f"Chinese pages without a link to their Chinese notebook: {missing}"
