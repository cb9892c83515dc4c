"""The package's one translation function, its catalog and the language it speaks.

Every sentence a student sees (chart titles, axis and legend titles, tooltips, control labels,
screen-reader descriptions, ``check()`` feedback and hints, printed summaries) is written in
English in the code and passed through :func:`_`, with its variable parts as named fields::

    _("{country} emitted {value:,.1f} Gt in {year}", country=..., value=..., year=...)

so a translator sees the whole sentence. Data values that are names (countries and regions,
sectors, fuels, powertrains, events) go through :func:`translate_name` / :func:`translate_names`.
A string kept in a table or constant and translated where it is shown is marked with :func:`N_`
(which returns it unchanged) so the extractor still finds it.

The catalog is a gettext ``.po`` file inside the package,
``climate_course/locales/<language>/LC_MESSAGES/climate_course.po``, read by the small reader
below (no runtime dependency). ``python -m climate_course.press.messages extract`` updates it.

The language is chosen once, on first use: ``$CLIMATE_COURSE_LANG`` (``en`` or ``zh_CN``); else
the ``sphinx: config: language:`` of the nearest ``_config.yml`` upward from the working directory
(so a notebook of the generated Chinese book speaks Chinese when opened live); else English.
English is the default, and English output is exactly the message written in the code.

Fallbacks: an unknown language in the environment variable or ``_config.yml`` gives English (with
a warning for the variable); :func:`use_language` raises :class:`ValueError` for one. A message
missing from the catalog, or marked fuzzy there, is shown in English. A call whose fields do not
match the message's placeholders raises :class:`MessageFieldError`; a translation whose
placeholders are broken falls back to the English message.
"""

from __future__ import annotations

import json
import os
import re
import string
import textwrap
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path

import pandas as pd

ENV_VAR = "CLIMATE_COURSE_LANG"
DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "zh_CN")
DOMAIN = "climate_course"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"
#: The gettext context (``msgctxt``) of data values that are names, so a name and a sentence
#: spelled alike ("Coal" the legend entry, "Coal" a title) can be translated apart.
NAME_CONTEXT = "name"

_chosen: str | None = None


class MessageFieldError(KeyError):
    """The fields given to :func:`_` do not match the placeholders of its message."""

    def __str__(self) -> str:
        return self.args[0]


# --- the .po reader -------------------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def _unquote(token: str, line_number: int) -> str:
    """The text of one quoted ``.po`` string, escapes resolved."""
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise ValueError(f"line {line_number}: expected a quoted string, got {token!r}")
    body, out, i = token[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] not in _ESCAPES:
                raise ValueError(f"line {line_number}: unknown escape in {token!r}")
            out.append(_ESCAPES[body[i + 1]])
            i += 2
            continue
        if char == '"':
            raise ValueError(f"line {line_number}: unescaped quote in {token!r}")
        out.append(char)
        i += 1
    return "".join(out)


def read_po(text: str) -> dict[tuple[str | None, str], tuple[str, bool]]:
    """Entries of a ``.po`` file: ``(msgctxt, msgid) -> (msgstr, fuzzy)``.

    The header (empty ``msgid``) and obsolete entries (``#~``) are left out. Plural forms are
    not used by the course and are refused, as is any malformed line (``ValueError``).
    """
    entries: dict[tuple[str | None, str], tuple[str, bool]] = {}
    current: dict[str, str] = {}
    flags: set[str] = set()
    field: str | None = None

    def close() -> None:
        nonlocal current, flags, field
        if current:
            if "msgid" not in current or "msgstr" not in current:
                raise ValueError(f"incomplete entry {current!r}")
            if current["msgid"]:
                entries[(current.get("msgctxt"), current["msgid"])] = (current["msgstr"], "fuzzy" in flags)
        current, flags, field = {}, set(), None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if "msgstr" in current:
                close()
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, token = match.groups()
            if keyword == "msgid_plural" or keyword.startswith("msgstr["):
                raise ValueError(f"line {number}: plural forms are not supported")
            if keyword in ("msgctxt", "msgid") and "msgstr" in current:
                close()
            if keyword in current:
                raise ValueError(f"line {number}: a second {keyword} in one entry")
            field = keyword
            current[keyword] = _unquote(token, number)
        elif line.startswith('"') and field is not None:
            current[field] += _unquote(line, number)
        else:
            raise ValueError(f"line {number}: cannot read {raw!r}")
    close()
    return entries


# --- the language ---------------------------------------------------------------------------

def _config_language(start: Path) -> str | None:
    """``sphinx: config: language:`` of the nearest ``_config.yml`` at or above ``start``.

    Read line by line (the package does not depend on a YAML library): the key is found by its
    indentation under ``sphinx:`` and ``config:``.
    """
    for folder in (start, *start.parents):
        config = folder / "_config.yml"
        if not config.is_file():
            continue
        path: list[tuple[int, str]] = []
        for raw in config.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^(\s*)([\w-]+)\s*:\s*(.*?)\s*(?:#.*)?$", raw)
            if not match or raw.lstrip().startswith("#"):
                continue
            indent, key, value = len(match.group(1)), match.group(2), match.group(3)
            while path and path[-1][0] >= indent:
                path.pop()
            path.append((indent, key))
            if [k for _indent, k in path] == ["sphinx", "config", "language"] and value:
                return value.strip("'\"")
        return None
    return None


def _choose_language() -> str:
    wanted = os.environ.get(ENV_VAR, "").strip()
    if wanted:
        if wanted in LANGUAGES:
            return wanted
        warnings.warn(f"{ENV_VAR}={wanted!r} is not one of {list(LANGUAGES)}; using English", stacklevel=3)
        return DEFAULT_LANGUAGE
    try:
        configured = _config_language(Path.cwd())
    except OSError:
        configured = None
    return configured if configured in LANGUAGES else DEFAULT_LANGUAGE


def language() -> str:
    """The language the package speaks, chosen once on first use (see the module's docstring)."""
    global _chosen
    if _chosen is None:
        _chosen = _choose_language()
    return _chosen


def use_language(code: str | None) -> None:
    """Speak ``code`` from now on (``None``: choose again as on first use). For tests and tools."""
    global _chosen
    if code is not None and code not in LANGUAGES:
        raise ValueError(f"language must be one of {list(LANGUAGES)}, not {code!r}")
    _chosen = code


def catalog_path(code: str) -> Path:
    """Where the catalog of language ``code`` is."""
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def _catalog(code: str) -> dict[tuple[str | None, str], str]:
    """The usable translations of ``code``: fuzzy and empty ones left out."""
    path = catalog_path(code)
    if code == DEFAULT_LANGUAGE or not path.exists():
        return {}
    entries = read_po(path.read_text(encoding="utf-8"))
    return {key: text for key, (text, fuzzy) in entries.items() if text and not fuzzy}


# --- translating ----------------------------------------------------------------------------

def placeholders(message: str) -> set[str]:
    """Names of the fields a message's ``{placeholders}`` need."""
    names = set()
    for _literal, field, _spec, _conversion in string.Formatter().parse(message):
        if field is not None:
            names.add(re.split(r"[.\[]", field, maxsplit=1)[0])
    return names


def _(message: str, **fields) -> str:
    """``message`` in the current language, its ``{placeholders}`` filled from ``fields``.

    A message without fields is returned as written (braces in it are not placeholders).
    """
    translated = _catalog(language()).get((None, message), message)
    if not fields:
        return translated
    needed = placeholders(message)
    if needed != set(fields):
        missing, extra = sorted(needed - set(fields)), sorted(set(fields) - needed)
        raise MessageFieldError(f"message {message!r}: missing field(s) {missing}, unexpected field(s) {extra}")
    try:
        return translated.format(**fields)
    except (KeyError, IndexError, ValueError):
        return message.format(**fields)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it now (it is translated where shown)."""
    return message


def translate_name(value: str) -> str:
    """A data value that is a name (a country, region, sector, fuel ...) in the current language."""
    if not isinstance(value, str):
        return value
    return _catalog(language()).get((NAME_CONTEXT, value), value)


def translate_names(values: pd.Series) -> pd.Series:
    """:func:`translate_name` of every value of a column (the column itself in English)."""
    if language() == DEFAULT_LANGUAGE:
        return values
    names = _catalog(language())
    return values.map(lambda v: names.get((NAME_CONTEXT, v), v) if isinstance(v, str) else v)


def translated(table: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """``table`` with the names in ``columns`` translated (``table`` itself in English)."""
    if language() == DEFAULT_LANGUAGE:
        return table
    return table.assign(**{column: translate_names(table[column]) for column in columns})


# --- numbers for Chinese readers ------------------------------------------------------------

#: 1 Gt = 10 亿吨 (one 亿 is 10⁸); 1 Mt = 100 万吨.
_CHINESE_UNITS = {"Gt": (10.0, "亿吨"), "Mt": (100.0, "万吨")}


def tonnes(value: float, unit: str = "Gt", spec: str = ",.1f", gas: str = "") -> str:
    """``value`` in ``unit`` (``Gt`` or ``Mt``, of ``gas`` if given) as text: ``"12.3 Gt CO₂"``; in
    Chinese with the everyday unit beside it, ``"12.3 Gt CO₂（123 亿吨）"`` (1 Gt = 10 亿吨)."""
    if unit not in _CHINESE_UNITS:
        raise ValueError(f"unit must be one of {list(_CHINESE_UNITS)}, not {unit!r}")
    text = f"{value:{spec}} {unit}" + (f" {gas}" if gas else "")
    if language() == DEFAULT_LANGUAGE:
        return text
    factor, chinese = _CHINESE_UNITS[unit]
    precision = re.search(r"\.(\d+)", spec)
    decimals = int(precision.group(1)) if precision else 0
    shown = round(value, decimals)  # the gloss restates the number as shown, not a more precise one
    return f"{text}（{shown * factor:.{max(0, decimals - 1)}f} {chinese}）"


# --- pieces of sentences --------------------------------------------------------------------

def mid_sentence(label: str) -> str:
    """A label (written capitalised, as a title) translated for use inside a sentence:
    lower-cased in English, as translated in other languages (Chinese has no case)."""
    return label.lower() if language() == DEFAULT_LANGUAGE else _(label)


#: Punctuation Chinese writes full-width, with no space after it.
_CHINESE_PUNCTUATION = {": ": "：", "; ": "；", ", ": "，"}


def punctuation(mark: str) -> str:
    """``mark`` (``": "``, ``"; "`` or ``", "``) as the current language writes it: ``"："`` in Chinese.
    A chart that breaks a translated line at its colon or semicolon breaks it here."""
    return mark if language() == DEFAULT_LANGUAGE else _CHINESE_PUNCTUATION[mark]


def joined(items) -> str:
    """Items (already in the current language) joined for a sentence: ``"a, b"``; ``"a、b"``."""
    return (", " if language() == DEFAULT_LANGUAGE else "、").join(items)


def listing(names) -> str:
    """Names joined for a sentence, each translated: ``"China, India"``; ``"中国、印度"``."""
    return joined(translate_name(name) for name in names)


class Expr(str):
    """A Vega expression given as a field of :func:`vega_text` (a parameter, ``datum.x`` ...)."""


def vega_text(message: str, **fields) -> str:
    """A Vega expression that builds the translated ``message`` in the browser.

    Fields given as :class:`Expr` are Vega expressions evaluated there; other fields are
    values written into the text here.
    """
    needed = placeholders(message)
    if needed != set(fields):
        raise MessageFieldError(f"message {message!r}: missing field(s) {sorted(needed - set(fields))}, "
                                f"unexpected field(s) {sorted(set(fields) - needed)}")
    expressions = {name: value for name, value in fields.items() if isinstance(value, Expr)}
    marks = {name: f"\0{i}\0" for i, name in enumerate(expressions)}
    text = _(message, **{**fields, **marks})
    parts = []
    for i, piece in enumerate(re.split(r"\0(\d+)\0", text)):
        if i % 2:
            parts.append(expressions[list(expressions)[int(piece)]])
        elif piece:
            parts.append("'" + piece.replace("\\", "\\\\").replace("'", "\\'") + "'")
    return " + ".join(parts)


def vega_lookup(expression: str, shown: dict[str, str]) -> str:
    """A Vega expression giving ``shown[value]`` for the value of ``expression`` (``expression``
    itself in English, where ``shown`` are the values as they are written)."""
    if language() == DEFAULT_LANGUAGE:
        return expression
    return f"{json.dumps(shown, ensure_ascii=False)}[{expression}]"


def vega_name(expression: str, names) -> str:
    """A Vega expression giving the translated name of ``expression``'s value, one of ``names``."""
    return vega_lookup(expression, {name: translate_name(name) for name in names})


def table_text(frame: pd.DataFrame, **options) -> str:
    """``frame.to_string(**options)``; in Chinese with the row names translated (the index's own
    name, a column name in English, left out) and the columns aligned for wide characters."""
    if language() == DEFAULT_LANGUAGE:
        return frame.to_string(**options)
    frame = frame.copy()
    if not pd.api.types.is_numeric_dtype(frame.index):
        frame.index = pd.Index(translate_names(frame.index.to_series()).to_numpy(), name=None)
    with pd.option_context("display.unicode.east_asian_width", True):
        return frame.to_string(**options)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


#: Punctuation that never starts a Chinese line: it stays at the end of the line before.
_NO_LINE_START = set("，。、；：！？）」』》〉”’")


def wrap(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` columns: :func:`textwrap.wrap` in English;
    otherwise counting a Chinese character as two columns and breaking between Chinese
    characters or at spaces."""
    if language() == DEFAULT_LANGUAGE:
        return textwrap.wrap(text, width)
    lines, line = [], ""
    for token in re.findall(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+|\s+", text):
        if _display_width(line + token) > width and line.strip() and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = "" if token.isspace() else token
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return [part.lstrip() for part in lines]
