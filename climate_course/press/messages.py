"""The catalog of the package's own strings: chart text, control labels, check() feedback.

Messages are found, not listed: every literal string passed to :func:`climate_course.i18n._`,
:func:`~climate_course.i18n.N_`, :func:`~climate_course.i18n.vega_text` or
:func:`~climate_course.i18n.translate_name` in the student package (``climate_course/*.py`` and
``climate_course/checks/``; not the machinery in ``press/``) and in the code cells of the book's
notebooks, found by walking each module's or cell's syntax tree; plus what the tables bring: each table's attribution (its charts' source line) and
the names in the table columns that charts and printed summaries show (:data:`NAME_COLUMNS`).
Names carry the gettext context ``name``.

``python -m climate_course.press.messages extract`` brings the catalog
(``climate_course/locales/<language>/LC_MESSAGES/climate_course.po``) up to date, with the same
rules as the prose catalogs (:func:`climate_course.press.translation.merge_catalog`);
``coverage`` prints how much of it is translated, per source file.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
from pathlib import Path

import polib

from ..i18n import NAME_CONTEXT, catalog_path, placeholders
from .translation import LANGUAGES, ROOT, merge_catalog, sources

PACKAGE = ROOT / "climate_course"
DATA = ROOT / "data"
#: Functions whose first argument is a message, and the context their messages carry.
MESSAGE_FUNCTIONS = {"_": None, "N_": None, "vega_text": None, "translate_name": NAME_CONTEXT}
#: Table columns whose values are names a student sees in a chart, a menu or a printed table.
NAME_COLUMNS = {
    "allowance_prices_annual": ["system"],
    "ccs_companies_2019": ["country", "region"],
    "co2_annual": ["country"],
    "co2_by_source": ["country"],
    "co2_concentration": ["site"],
    "co2_consumption": ["country"],
    "cooperation_timeline": ["actor", "kind", "event"],
    "electricity_generation": ["country"],
    "electricity_share": ["country"],
    "epi_2020": ["country"],
    "epi_2020_structure": ["name", "short_name"],
    "epilogue_events": ["label", "category", "actor"],
    "ets_facts": ["system", "jurisdiction", "coverage", "figure_from"],
    "ev_sales": ["region"],
    "temperature_anomaly": ["source"],
    "us_coal_supply": ["measure"],
}


def modules(package: Path = PACKAGE) -> list[Path]:
    """The modules whose strings a reader sees through :mod:`climate_course.i18n`: the student
    package, and the few pieces of the press that draw course content with it (the front page)."""
    return sorted(p for p in package.rglob("*.py") if "press" not in p.relative_to(package).parts
                  or re.search(r"^from \.\.i18n import .*(?<!\w)_(?!\w)", p.read_text(encoding="utf-8"), re.M))


def code_messages(source: str) -> list[tuple[str | None, str, int]]:
    """``(msgctxt, message, line)`` of every literal message in Python ``source``, in line order.

    A message of :func:`_` or :func:`vega_text` with placeholders must be a plain literal: an
    f-string there would be translated only after its fields were filled in, so it is refused.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name not in MESSAGE_FUNCTIONS:
            continue
        first = node.args[0]
        if isinstance(first, ast.JoinedStr):
            raise ValueError(f"line {node.lineno}: {name}() of an f-string; give the fields as keywords")
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append((MESSAGE_FUNCTIONS[name], first.value, node.lineno))
    return sorted(found, key=lambda item: item[2])


def notebooks(root: Path = ROOT) -> list[Path]:
    """The book's notebooks (the pages of ``_toc.yml``, each exercise by its one source)."""
    return [root / source.path for source in sources(root) if source.path.endswith(".ipynb")]


def notebook_messages(notebook: Path) -> list[tuple[str | None, str, str]]:
    """``(msgctxt, message, where)`` of every literal message in a notebook's code cells;
    ``where`` is ``cell <number>:<line>``."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [(context, message, f"cell {number}:{line}") for number, cell in enumerate(cells)
            if cell["cell_type"] == "code" for context, message, line in code_messages("".join(cell["source"]))]


def table_messages(data: Path = DATA) -> list[tuple[str | None, str, str]]:
    """``(msgctxt, message, where)`` from the tables: titles, attributions and column units (which a
    data view shows), then names, in file order."""
    found = []
    for path in sorted(data.glob("*.meta.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        units = [spec["unit"] for spec in meta["schema"]["fields"] if spec.get("unit") and spec["unit"] != "year"]
        found += [(None, text, f"data/{path.name}") for text in (meta["title"], meta["attribution"], *units)]
    for name, columns in sorted(NAME_COLUMNS.items()):
        with open(data / f"{name}.csv", encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
        for column in columns:
            for value in dict.fromkeys(row[column] for row in rows if row[column]):
                found.append((NAME_CONTEXT, value, f"data/{name}.csv:{column}"))
    return found


def all_messages(root: Path = ROOT) -> list[tuple[str | None, str, tuple[str, str]]]:
    """Every message of the package's catalog: ``(msgctxt, message, (file, line or column))``."""
    found = []
    for module in modules(root / "climate_course"):
        relative = module.relative_to(root).as_posix()
        for context, message, line in code_messages(module.read_text(encoding="utf-8")):
            found.append((context, message, (relative, str(line))))
    for notebook in notebooks(root):
        relative = notebook.relative_to(root).as_posix()
        for context, message, where in notebook_messages(notebook):
            found.append((context, message, (relative, where)))
    for context, message, where in table_messages(root / "data"):
        file, _, column = where.partition(":")
        found.append((context, message, (file, column)))
    return found


def problems(language: str, root: Path = ROOT) -> list[str]:
    """Why the catalog is not finished: messages missing, untranslated or fuzzy, and translations
    whose ``{placeholders}`` differ from their message's."""
    path = catalog_path(language)
    catalog = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path)) if not e.obsolete} if path.exists() else {}
    found = []
    for context, message, (file, where) in all_messages(root):
        entry = catalog.get((context, message))
        place = f"{file}:{where}"
        if entry is None or not entry.msgstr:
            found.append(f"{place}: untranslated: {message[:70]!r}")
        elif "fuzzy" in entry.flags:
            found.append(f"{place}: fuzzy (its English changed since it was translated): {message[:70]!r}")
        elif context is None and placeholders(entry.msgstr) != placeholders(message):
            found.append(f"{place}: placeholders {sorted(placeholders(entry.msgstr))} in the translation, "
                         f"{sorted(placeholders(message))} in the English: {message[:70]!r}")
    return found


def coverage(language: str, root: Path = ROOT) -> dict[str, tuple[int, int, int]]:
    """Per source file: (translated, fuzzy, total) distinct messages."""
    path = catalog_path(language)
    catalog = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path)) if not e.obsolete} if path.exists() else {}
    per_file: dict[str, set] = {}
    for context, message, (file, _where) in all_messages(root):
        per_file.setdefault(file, set()).add((context, message))
    result = {}
    for file, keys in per_file.items():
        entries = [catalog.get(key) for key in keys]
        fuzzy = sum(1 for e in entries if e is not None and e.msgstr and "fuzzy" in e.flags)
        done = sum(1 for e in entries if e is not None and e.msgstr and "fuzzy" not in e.flags)
        result[file] = (done, fuzzy, len(keys))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Keep the package's message catalog up to date.")
    parser.add_argument("command", choices=["extract", "check", "coverage"])
    parser.add_argument("--language", default=LANGUAGES[0])
    args = parser.parse_args()
    if args.command == "extract":
        merge_catalog(catalog_path(args.language), args.language, all_messages())
    if args.command == "check":
        found = problems(args.language)
        print("\n".join(found) or "Nothing left to translate.")
        raise SystemExit(1 if found else 0)
    total = [0, 0, 0]
    for file, (done, fuzzy, count) in sorted(coverage(args.language).items()):
        total = [total[0] + done, total[1] + fuzzy, total[2] + count]
        print(f"{file:45s} {done:4d}/{count:<4d} translated, {fuzzy} fuzzy ({100 * done / max(count, 1):.0f} %)")
    entries = [e for e in polib.pofile(str(catalog_path(args.language))) if not e.obsolete]
    done = sum(1 for e in entries if e.msgstr and "fuzzy" not in e.flags)
    print(f"catalog: {len(entries)} messages, {done} translated ({100 * done / max(len(entries), 1):.1f} %)")


if __name__ == "__main__":
    main()
