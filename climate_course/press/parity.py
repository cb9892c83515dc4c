"""What a translated page must keep from its English page: its numbers and its glossary terms.

Numbers are compared as values, so that each language may write them its own way: thousands
separators, ``2.5 billion`` and ``25 亿``, ``14 million`` and ``1400 万``, ``18 May 2021`` and
``2021 年 5 月 18 日``, ``the 1990s`` and ``20 世纪 90 年代``. A Chinese figure written with 万 or 亿 may
also restate an English one in a smaller unit (``11.9 Gt`` glossed as ``119 亿吨``: a factor of 10⁹).
What is not prose is left out: URLs, role targets, citation keys, identifiers such as ``CO2``,
``ex07.q1``, ``EU-27`` (欧盟 27 国) or ``COVID-19``. A number the English spells out (``eight``, ``a
hundred``) may be written in figures in Chinese, but need not be; Chinese ordinals and plan numbers
(第十四, 十四五) count as figures.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MONTHS = {name: number for number, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"), 1)}
_MONTH = "(" + "|".join(MONTHS) + "|" + "|".join(m[:3] + r"\.?" for m in MONTHS if len(m) > 4) + ")"  # capitalised: "may" is a verb
_NOT_PROSE = re.compile(
    r"<!--.*?-->"                          # comments
    r"|https?://\S+"                       # addresses
    r"|\{(?:foot)?cite(?::\w+)?\}`[^`]*`"  # citation keys
    r"|\]\([^)]*\)"                        # link targets
    r"|^\s*\([\w.-]+\)=\s*$"               # labels
    r"|(?<![A-Za-z0-9_])(?:[A-Za-z][A-Za-z_]*\d[\w.-]*|[A-Z][A-Za-z]*-\d+\b)",  # CO2, ex07.q1, EU-27, COVID-19
    re.S | re.M,
)
_ZH_NAMES = re.compile(r"欧盟\s*27\s*国|第三方")  # the EU-27's usual Chinese name; 第三方 is "a third party", not a rank
_EN_WORDS = {word: number for number, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100} | {
    word: number for number, word in enumerate("zeroth first second third fourth fifth sixth seventh eighth ninth tenth".split())}
_ZH_DIGITS = dict(zip("零一二三四五六七八九", range(10)))
_ROLE_TEXT = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*<[^`>]*>`")
_NUMBER = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
_EN_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_ZH_SCALE = {"万亿": 1e12, "百万": 1e6, "亿": 1e8, "万": 1e4}
_EN_DATES = [  # (pattern, groups as year, month, day: an index into the match, or None)
    (rf"(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})", (3, 2, 1)),
    (rf"{_MONTH}\s+(\d{{1,2}}),\s*(\d{{4}})", (3, 1, 2)),
    (rf"{_MONTH}\s+(\d{{4}})", (2, 1, None)),
    (rf"(\d{{1,2}})\s+{_MONTH}\b", (None, 2, 1)),
    (rf"{_MONTH}\s+(\d{{1,2}})\b", (None, 1, 2)),
]
_ZH_DATES = [
    (r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", (1, 2, 3)),
    (r"(\d{4})\s*年\s*(\d{1,2})\s*月", (1, 2, None)),
    (r"(\d{1,2})\s*月\s*(\d{1,2})\s*日", (None, 1, 2)),
    (r"(?<![\d.])(\d{1,2})\s*月(?!份?\s*\d)", (None, 1, None)),  # 6 月底: a month on its own
]


@dataclass(frozen=True)
class Figure:
    """One number of a text: its value (or a date or decade as text) and whether a magnitude word
    (million, billion, 万, 亿) scaled it."""

    value: float | str
    scaled: bool = False

    def matches(self, other: Figure) -> bool:
        if isinstance(self.value, str) or isinstance(other.value, str):
            return self.value == other.value
        if math.isclose(self.value, other.value, rel_tol=1e-9):
            return True
        big, small = (self, other) if self.value > other.value else (other, self)
        return big.scaled and any(math.isclose(big.value, small.value * 10 ** (3 * k), rel_tol=1e-9)
                                  for k in range(1, 5))


def _month(name: str) -> int:
    name = name.rstrip(".")
    return next(number for full, number in MONTHS.items() if full.startswith(name))


def _chinese_numeral(text: str) -> int:
    """一 .. 九十九 as a number."""
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _ZH_DIGITS[text]
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[units] if units else 0)


def _take_dates(text: str, patterns, english: bool) -> tuple[str, list[Figure]]:
    found = []
    for pattern, (year, month, day) in patterns:
        def date(match):
            parts = [match[year] if year else "",
                     f"{_month(match[month]) if english else int(match[month]):02d}",
                     f"{int(match[day]):02d}" if day else ""]
            found.append(Figure("-".join(p for p in parts if p)))
            return " "
        text = re.sub(pattern, date, text)
    return text, found


def spelled_numbers(text: str) -> list[Figure]:
    """The numbers an English text spells out in words (``eight``, ``third``, ``a hundred``) and the
    months it names without a day (``in June``: Chinese writes 6 月)."""
    words = [Figure(float(_EN_WORDS[w.lower()])) for w in re.findall(r"\b(" + "|".join(_EN_WORDS) + r")\b", text, re.I)]
    return words + [Figure(f"{_month(m):02d}") for m in re.findall(rf"\b{_MONTH}\b", text)]


def figures(text: str, language: str) -> list[Figure]:
    """Every number of a page's prose, as values (see the module's docstring)."""
    text = _ROLE_TEXT.sub(r" \1 ", text)  # a role's shown text is prose, its target is not
    text = _NOT_PROSE.sub(" ", text)
    english = not language.startswith("zh")
    if not english:
        text = _ZH_NAMES.sub(" ", text)
        text = re.sub(r"十([一二三四五六七八九])五", lambda m: f" {10 + _ZH_DIGITS[m[1]]} ", text)  # 十四五: the 14th plan
        text = re.sub(r"第([一二三四五六七八九十]+)", lambda m: f" {_chinese_numeral(m[1])} ", text)
    text, found = _take_dates(text, _EN_DATES if english else _ZH_DATES, english)

    def decade(match):
        if match["century"]:
            found.append(Figure(f"{(int(match['century']) - 1) * 100 + int(match['tens'] or 0) * 10}s"))
        else:
            found.append(Figure(f"{match['year']}s"))
        return " "
    if english:
        text = re.sub(r"\b(?P<century>)(?P<tens>)(?P<year>\d{3}0)s\b", decade, text)
        scale = r"\s*(thousand|million|billion|trillion)\b"
        scales = _EN_SCALE
    else:
        text = re.sub(r"(?P<century>\d{2})\s*世纪\s*(?:(?P<tens>\d)0\s*年代|头十年)|(?P<year>\d{3}0)\s*年代", decade, text)
        scale = r"\s*(万亿|百万|亿|万)"
        scales = _ZH_SCALE
    for match in re.finditer(_NUMBER + f"(?:{scale})?", text, flags=re.I):
        value = float(match[1].replace(",", ""))
        unit = (match[2] or "").lower()
        found.append(Figure(value * scales[unit] if unit else value, scaled=bool(unit)))
    return found


def unmatched(english: str, translated: str, language: str) -> tuple[list, list]:
    """(English figures with no match in the translation, translated figures with none in the English)."""
    ours, theirs = figures(english, "en"), figures(translated, language)
    spelled = spelled_numbers(_NOT_PROSE.sub(" ", english))  # may match a Chinese figure, need not
    missing = sorted({str(f.value) for f in ours if not any(f.matches(t) for t in theirs)})
    extra = sorted({str(f.value) for f in theirs if not any(f.matches(o) for o in ours + spelled)})
    return missing, extra


_TERM = re.compile(r"\{term\}`(?P<text>[^`<]*?)(?:\s*<(?P<target>[^`>]+)>)?`")
_HAN_TERM = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff、·]*")


def terms_not_shown(text: str) -> list[str]:
    """Every ``{term}`` link of a translated page whose shown text lacks the term's Chinese form."""
    wrong = []
    for match in _TERM.finditer(text):
        target = match["target"] or match["text"]
        shown = match["text"] if match["target"] else target
        chinese = _HAN_TERM.search(target)
        if chinese and chinese[0] not in shown:
            wrong.append(f"{match[0]} (shows no {chinese[0]})")
    return wrong
