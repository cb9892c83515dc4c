"""The words the book's machinery adds to its pages (quiz verdicts, the in-browser note and button,
the citation heading, the version line), in the language of the build.

They go through Sphinx's own message catalogs, the convention for an extension's strings: each is
marked with :data:`_` where it is written, and its translations are in
``climate_course/press/locales/<language>/LC_MESSAGES/climate_course_press.po`` (the pages' prose
has its catalogs in the repository's ``locales/``). At set-up each ``.po`` is compiled into the
``.mo`` file Sphinx reads, inside the build's doctree folder. An English build, or a message with no
translation, shows the English.
"""

from __future__ import annotations

from pathlib import Path

import polib
from sphinx.locale import get_translation

CATALOG = "climate_course_press"
LOCALE_DIR = Path(__file__).parent / "locales"
_ = get_translation(CATALOG)


def compile_catalogs(target: Path) -> Path:
    """Write the ``.mo`` of every language's catalog under ``target``; return ``target``."""
    for po in LOCALE_DIR.glob(f"*/LC_MESSAGES/{CATALOG}.po"):
        mo = target / po.relative_to(LOCALE_DIR).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        polib.pofile(str(po)).save_as_mofile(str(mo))
    return target


def setup(app):
    app.add_message_catalog(CATALOG, str(compile_catalogs(Path(app.doctreedir) / "climate_course_locales")))
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
