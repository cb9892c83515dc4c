"""The text a reader sees in a Vega-Lite spec, and a test of whether a text is still English.

Used by the translation tests: titles, subtitles, axis, legend and header titles, tooltip
titles, control labels and menu labels, the screen-reader description, and the string
literals of Vega expressions that build titles and labels in the browser.
"""

from __future__ import annotations

import re

#: Words that stay as they are in Chinese text: names of publishers, data sets and models,
#: abbreviations, units, variable names a student types, and Latin letters used as symbols.
KEPT = {
    "CO", "CO2", "CO₂", "CH₄", "N₂O", "SO₂", "NOₓ", "PM2", "IPCC", "NOAA", "NASA", "GISTEMP", "GCAG", "GISS", "NCEI",
    "EPI", "ETS", "EU", "US", "UN", "TWh", "kWh", "ppm", "Gt", "Mt", "GCB", "OWID", "IEA", "CCS", "SRCCS", "MAC",
    "CC", "BY", "ODC", "PDDL", "RGGI", "Inc", "BloombergNEF", "Ziegler", "Trancik", "COP21", "COP26", "COP30",
    "Global", "Mutirão", "Mauna", "Loa", "eq", "MW", "BEV", "BEVs",
}
#: Chinese (CJK) characters and punctuation.
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]{2,}")
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")
_TEXT_KEYS = {"title", "description", "name", "text", "subtitle"}


def english_words(text: str) -> list[str]:
    """The words of ``text`` that are English and not in :data:`KEPT` (empty for a translated text)."""
    return [w for w in _WORD.findall(text) if w not in KEPT]


def untranslated(text: str) -> bool:
    """Whether ``text`` reads as English: English words in it and not one Chinese character
    (a colour such as ``#DDCC77`` is not a word)."""
    return bool(english_words(text)) and not _CJK.search(text) and not _COLOUR.fullmatch(text)


_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
#: Fields of ``calculate`` transforms whose text a chart prints (the rest are numbers or keys).
SHOWN_FIELDS = {"text", "txt", "label", "summary", "row", "headline", "scenario", "source", "panel", "series"}


def expression_literals(expression: str) -> list[str]:
    """The string literals of a Vega expression that can be shown: object keys (``{'co2': ...}``)
    and bare identifiers (``'ev_sales'``, compared with a parameter) left out."""
    shown = []
    for match in _QUOTED.finditer(expression):
        literal = match.group(1) if match.group(1) is not None else match.group(2)
        before = expression[:match.start()].rstrip()[-1:]
        after = expression[match.end():].lstrip()[:1]
        if (before in "{," and after == ":" and before) or _IDENTIFIER.fullmatch(literal):
            continue
        shown.append(literal)
    return shown


def shown_texts(spec, path: str = "") -> list[tuple[str, str]]:
    """(where, text) of every piece of text a reader sees in ``spec`` (source subtitles left out:
    a source line keeps the publisher's names)."""
    found: list[tuple[str, str]] = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            where = f"{path}.{key}"
            if key == "datasets" or key == "data" or key == "config":
                continue
            if key == "subtitle":
                continue
            if key in ("expr", "labelExpr") and isinstance(value, str):
                found += [(where, literal) for literal in expression_literals(value)]
            elif key in _TEXT_KEYS and isinstance(value, str):
                if key == "name" and not path.endswith(".bind"):
                    continue
                found.append((where, value))
            elif key == "labels" and isinstance(value, list) and path.endswith(".bind"):
                found += [(where, str(v)) for v in value]
            elif key == "calculate" and isinstance(value, str):
                if spec.get("as") in SHOWN_FIELDS:
                    found += [(where, literal) for literal in expression_literals(value)]
            else:
                found += shown_texts(value, where)
    elif isinstance(spec, list):
        for i, item in enumerate(spec):
            found += shown_texts(item, f"{path}[{i}]")
    return found


def _encoded_fields(spec, found: set[str]) -> set[str]:
    """Fields a reader sees as words: text marks, tooltips, and nominal or ordinal channels."""
    if isinstance(spec, dict):
        encoding = spec.get("encoding")
        if isinstance(encoding, dict):
            for channel, value in encoding.items():
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, dict) and item.get("field") and (
                            channel in ("text", "tooltip") or item.get("type") in ("nominal", "ordinal")):
                        found.add(item["field"])
        for key, value in spec.items():
            if key != "encoding":
                _encoded_fields(value, found)
    elif isinstance(spec, list):
        for item in spec:
            _encoded_fields(item, found)
    return found


def _records(spec):
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key in ("datasets",) and isinstance(value, dict):
                for rows in value.values():
                    yield from rows
            elif key == "values" and isinstance(value, list):
                yield from (row for row in value if isinstance(row, dict))
            else:
                yield from _records(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _records(item)


def data_texts(spec) -> list[tuple[str, str]]:
    """(field, value) of every text value in the spec's data that a chart shows as words."""
    fields = _encoded_fields(spec, set())
    return sorted({(field, row[field]) for row in _records(spec) for field in fields
                   if isinstance(row.get(field), str) and not _IDENTIFIER.fullmatch(row[field])})
