"""The machinery's own words on the pages: every one marked for translation is in each language's
catalog, translated, with the same placeholders and markup, and a Chinese build shows them in Chinese."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import polib
import pytest
from sphinx import locale

from climate_course.press import interface, messages
from climate_course.press.zh_edition import EDITIONS

PRESS = Path(interface.__file__).parent


def _marked() -> set[str]:
    """Every string literal passed to ``_()`` in the press's modules (not those that show course text
    with the package's own ``_``: their messages are in the package's catalog)."""
    found = set()
    for path in sorted(set(PRESS.glob("*.py")) - set(messages.modules())):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_" and node.args:
                found.add(ast.literal_eval(node.args[0]))
    return found


@pytest.mark.parametrize("language", sorted(EDITIONS))
def test_every_marked_message_is_translated_with_its_placeholders_and_tags(language):
    catalog = {e.msgid: e for e in polib.pofile(str(interface.LOCALE_DIR / language / "LC_MESSAGES" /
                                                   f"{interface.CATALOG}.po")) if not e.obsolete}
    marked = _marked()
    assert marked, "no message is marked with _()"
    assert not marked - set(catalog), f"marked but not in the {language} catalog: {marked - set(catalog)}"
    assert not set(catalog) - marked, f"in the catalog but no longer in the code: {set(catalog) - marked}"
    for msgid, entry in catalog.items():
        assert entry.msgstr and "fuzzy" not in entry.flags, f"untranslated: {msgid}"
        fields = lambda text: sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)
        tags = lambda text: re.findall(r"</?\w+", text)
        assert fields(entry.msgstr) == fields(msgid) and tags(entry.msgstr) == tags(msgid), msgid


def test_a_chinese_build_shows_them_in_chinese(tmp_path):
    translators = dict(locale.translators)
    try:
        locale.init([str(interface.compile_catalogs(tmp_path))], "zh_CN", interface.CATALOG)
        assert str(interface._("Right.")) == "正确。"
        locale.translators.pop(("general", interface.CATALOG))
        locale.init([str(tmp_path)], "en", interface.CATALOG)
        assert str(interface._("Right.")) == "Right."
    finally:
        locale.translators.clear()
        locale.translators.update(translators)
