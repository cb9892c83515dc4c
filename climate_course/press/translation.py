"""Translation catalogs for the book's prose: one gettext ``.po`` file per source page.

A page's prose is cut into *blocks*: the runs of lines between blank lines of a Markdown cell
(or a ``.md`` page). A fenced code block (```python, ```bash, plain ```) stays whole, since its
blank lines belong to it; a MyST directive fence (```{quiz}, ```{glossary}, :::{admonition})
is cut at its blank lines like ordinary Markdown, so a glossary entry or an admonition's
paragraph is one message. Blocks with nothing to translate (a lone fence, a label, a
bibliography directive) are left out. Code cells are never translated.

Catalogs live in ``locales/<language>/LC_MESSAGES/<page path without suffix>.po``; the English
block is the ``msgid``, its translation the ``msgstr``. ``python -m climate_course.press.translation
extract`` brings every catalog up to date with the sources: a new block is added empty, or
marked fuzzy with the translation of the old block it most resembles; a block that left the
source is kept as obsolete, for reuse.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import polib
import yaml

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("zh_CN",)
CATALOG_DIR = "locales"

_FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*(\{[^}]*\})?")
_SYNTAX_LINE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*(\{[^}]*\})?\s*$|^\s*:[\w-]+:.*$|^\s*\([\w.-]+\)=\s*$")


def split_blocks(text: str) -> list[str]:
    """Cut Markdown into blocks and the separators between them; ``"".join`` gives ``text`` back.

    Even positions hold blocks (possibly empty), odd positions the blank lines between them.
    """
    parts: list[str] = [""]
    fences: list[tuple[str, bool]] = []  # open fences, innermost last: (marker, is literal code)
    for line in text.splitlines(keepends=True):
        match = _FENCE.match(line)
        if match:
            marker, directive = match.group(1), match.group(2)
            bare = not line.strip()[len(marker):].strip()
            if fences and bare and marker[0] == fences[-1][0][0] and len(marker) >= len(fences[-1][0]):
                fences.pop()
            elif not (fences and fences[-1][1]):
                if directive:
                    fences.append((marker, False))
                elif marker[0] in "`~":  # ```python, ```bash or a bare ```: literal code
                    fences.append((marker, True))
        if line.strip() == "" and not (fences and fences[-1][1]):
            if len(parts) % 2 == 1:  # a blank line after a block: start a separator
                parts.append("")
        elif len(parts) % 2 == 0:  # text after a separator: start a block
            parts.append("")
        parts[-1] += line
    if len(parts) % 2 == 0:
        parts.append("")
    return parts


def _message(block: str) -> str | None:
    """The block as a catalog message (without its trailing newline), or None if nothing in it is prose."""
    message = block.rstrip("\n")
    prose = [line for line in message.splitlines() if not _SYNTAX_LINE.match(line)]
    if not re.search(r"[A-Za-z]{2,}", "\n".join(prose)):
        return None
    return message


def markdown_messages(text: str) -> list[str]:
    """The messages of one Markdown text, in order."""
    return [m for m in (_message(b) for b in split_blocks(text)[0::2]) if m is not None]


def translate_markdown(text: str, lookup) -> str:
    """``text`` with every block that ``lookup(message)`` translates replaced by its translation."""
    parts = split_blocks(text)
    for i in range(0, len(parts), 2):
        message = _message(parts[i])
        if message is None:
            continue
        translated = lookup(message)
        if translated:
            parts[i] = translated + parts[i][len(message):]
    return "".join(parts)


@dataclass(frozen=True)
class Source:
    """One page with prose: its path in the repository and the messages it holds, with where each is."""

    path: str

    def messages(self, root: Path = ROOT) -> list[tuple[str, str]]:
        """(message, where) pairs; ``where`` is a notebook's cell number, or empty for a text page."""
        file = root / self.path
        if file.suffix == ".ipynb":
            cells = json.loads(file.read_text(encoding="utf-8"))["cells"]
            return [(m, str(i)) for i, cell in enumerate(cells) if cell["cell_type"] == "markdown"
                    for m in markdown_messages("".join(cell["source"]))]
        if file.name == "_toc.yml":
            toc = yaml.safe_load(file.read_text(encoding="utf-8"))
            return [(part["caption"], "") for part in toc.get("parts", [])]
        if file.name == "_config.yml":
            config = yaml.safe_load(file.read_text(encoding="utf-8"))
            footer = (config.get("html") or {}).get("extra_footer", "").strip()
            return [(config[key], "") for key in ("title", "author") if config.get(key)] + ([(footer, "")] if footer else [])
        return [(m, "") for m in markdown_messages(file.read_text(encoding="utf-8"))]

    def catalog_path(self, language: str, root: Path = ROOT) -> Path:
        return root / CATALOG_DIR / language / "LC_MESSAGES" / Path(self.path).with_suffix(".po")


def sources(root: Path = ROOT) -> list[Source]:
    """Every page of the student and instructor books that has prose, and the book's settings.

    Exercises are translated in their one source (``exercises/source``), from which both
    editions are made.
    """
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc["parts"]:
        stack = list(part["chapters"])
        while stack:
            entry = stack.pop(0)
            files.append(entry["file"])
            stack[:0] = entry.get("sections", [])
    found = []
    for name in files + ["instructor/guide"]:
        if name.startswith("exercises/"):
            name = "exercises/source/" + name.removeprefix("exercises/")
        for suffix in (".ipynb", ".md"):
            if (root / (name + suffix)).exists():
                found.append(Source(name + suffix))
                break
    return [Source("_config.yml"), Source("_toc.yml"), *found]


def update_catalog(source: Source, language: str, root: Path = ROOT) -> polib.POFile:
    """Bring one catalog up to date with its source, as ``msgmerge`` would; returns it (saved)."""
    found = [(None, message, (source.path, where)) for message, where in source.messages(root)]
    return merge_catalog(source.catalog_path(language, root), language, found)


def merge_catalog(path: Path, language: str, found) -> polib.POFile:
    """Make the catalog at ``path`` hold exactly the ``found`` messages, ``(msgctxt, msgid,
    occurrence)`` in order, keeping their translations; saves and returns it.

    A new message is added empty, or marked fuzzy with the translation of the retired message it
    most resembles; a retired message with a translation is kept as obsolete, for reuse.
    """
    catalog = polib.pofile(str(path), wrapwidth=0) if path.exists() else polib.POFile(wrapwidth=0)
    catalog.metadata = {"Project-Id-Version": "climate-course", "Language": language,
                        "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                        "Content-Transfer-Encoding": "8bit"}
    old = {(entry.msgctxt, entry.msgid): entry for entry in catalog}
    entries: dict[tuple[str | None, str], polib.POEntry] = {}
    for context, message, occurrence in found:
        key = (context, message)
        if key in entries:
            entries[key].occurrences.append(occurrence)
            continue
        entry = old.pop(key, None)
        if entry is None:
            entry = polib.POEntry(msgctxt=context, msgid=message, msgstr="")
        entry.obsolete = False
        entry.occurrences = [occurrence]
        entries[key] = entry
    retired = [e for e in old.values() if e.msgstr]
    for entry in entries.values():
        kin = [e for e in retired if e.msgctxt == entry.msgctxt]
        if entry.msgstr or not kin:
            continue
        best = max(kin, key=lambda e: difflib.SequenceMatcher(None, e.msgid, entry.msgid).quick_ratio())
        if difflib.SequenceMatcher(None, best.msgid, entry.msgid).ratio() >= 0.6:
            entry.msgstr, entry.previous_msgid = best.msgstr, best.msgid
            entry.flags = sorted(set(entry.flags) | {"fuzzy"})
    for entry in retired:
        entry.obsolete, entry.occurrences = True, []
    new = polib.POFile(wrapwidth=0)
    new.metadata = catalog.metadata
    new.extend(entries.values())
    new.extend(retired)
    path.parent.mkdir(parents=True, exist_ok=True)
    new.save(str(path))
    return new


def coverage(source: Source, language: str, root: Path = ROOT) -> tuple[int, int, int]:
    """(translated, fuzzy, total) messages of one source in its catalog."""
    path = source.catalog_path(language, root)
    catalog = {e.msgid: e for e in polib.pofile(str(path))} if path.exists() else {}
    messages = {m for m, _ in source.messages(root)}
    fuzzy = sum(1 for m in messages if m in catalog and "fuzzy" in catalog[m].flags)
    done = sum(1 for m in messages if m in catalog and catalog[m].msgstr and "fuzzy" not in catalog[m].flags)
    return done, fuzzy, len(messages)


_ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
_CODE = re.compile(r"(?<![}`])`([^`\n]+)`")
_MATH = re.compile(r"(?<!\\)\$\$.+?(?<!\\)\$\$|(?<!\\)\$[^$\n]+?(?<!\\)\$", re.S)  # \$ is a dollar sign
_URL = re.compile(r"https?://[^\s)>\]\u3000-\uffff]+")


def _role_target(role: str, body: str) -> str:
    """What a role points at: a citation's keys, or a term's or reference's target."""
    if role in {"term", "ref", "doc", "numref"}:
        target = re.search(r"<([^<>]+)>\s*$", body)
        return target.group(1) if target else body
    return body  # cite, footcite: the keys themselves


def _skeleton(message: str) -> dict[str, list]:
    """The parts of a message a translation must keep as they are."""
    lines = message.splitlines()
    fences = [re.sub(r"\}.*", "}", line.strip()) for line in lines if _FENCE.match(line)]
    options = [line.strip() for line in lines if re.match(r"^\s*:[\w-]+:", line)]
    return {
        "roles": sorted((role, _role_target(role, body)) for role, body in _ROLE.findall(message)),
        "inline code": sorted(_CODE.findall(_ROLE.sub("", message))),
        "maths": sorted(m.strip() for m in _MATH.findall(message)),
        "links": sorted(url.rstrip(".,;:") for url in _URL.findall(message)),
        "fences": fences,
        "directive options": options,
        "heading": [re.match(r"#*", message).group(0)],
        "quiz options": [m for line in lines for m in re.findall(r"^\s*- \[[ x]\]", line)],
    }


def syntax_problems(msgid: str, msgstr: str) -> list[str]:
    """How a translation breaks the Markdown of its source (empty when it keeps it)."""
    want, got = _skeleton(msgid), _skeleton(msgstr)
    return [f"{part}: {want[part]} in the English, {got[part]} in the translation"
            for part in want if want[part] != got[part]]


_HAN = "[\u4e00-\u9fff，。、“”：；（）]"


@functools.lru_cache(maxsize=4)
def _grams(seed: str, length: int) -> frozenset[str]:
    seed = re.sub(r"\s+", "", seed)
    return frozenset(seed[i:i + length] for i in range(len(seed) - length + 1)
                     if re.fullmatch(f"{_HAN}{{{length}}}", seed[i:i + length]))


def copied_passages(text: str, seed: str, length: int = 24) -> list[str]:
    """Runs of ``length`` Chinese characters that ``text`` shares with ``seed`` (whitespace ignored)."""
    grams = _grams(seed, length)
    text = re.sub(r"\s+", "", text)
    return sorted({text[i:i + length] for i in range(len(text) - length + 1) if text[i:i + length] in grams})


def catalog_problems(source: Source, language: str, seed: str | None = None, root: Path = ROOT) -> list[str]:
    """Every reason one page's catalog is not finished: missing, fuzzy, broken syntax, copied text."""
    path = source.catalog_path(language, root)
    catalog = {e.msgid: e for e in polib.pofile(str(path)) if not e.obsolete} if path.exists() else {}
    problems = []
    for message, where in source.messages(root):
        entry = catalog.get(message)
        place = f"{source.path}:{where}" if where else source.path
        first_line = message.splitlines()[0][:70]
        if entry is None or not entry.msgstr:
            problems.append(f"{place}: untranslated: {first_line}")
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"{place}: fuzzy (its English changed since it was translated): {first_line}")
        problems += [f"{place}: {problem}: {first_line}" for problem in syntax_problems(message, entry.msgstr)]
        if seed:
            problems += [f"{place}: shares with the white paper: {run}" for run in copied_passages(entry.msgstr, seed)]
    return problems


@functools.lru_cache(maxsize=None)
def finished_translations(root: Path = ROOT) -> tuple[tuple[str, str, str], ...]:
    """``(catalog, msgid, msgstr)`` of every finished message (neither fuzzy, empty nor obsolete) in
    every language's catalogs, for the tools that must read a page in any of the book's languages."""
    found = []
    for path in sorted((root / CATALOG_DIR).glob("*/LC_MESSAGES/**/*.po")):
        name = str(path.relative_to(root / CATALOG_DIR))
        found += [(name, e.msgid, e.msgstr) for e in polib.pofile(str(path))
                  if e.msgstr and not e.obsolete and "fuzzy" not in e.flags]
    return tuple(found)


def translations(source: Source, language: str, root: Path = ROOT) -> dict[str, str]:
    """The catalog's finished translations of one source (no fuzzy, untranslated or obsolete entry)."""
    path = source.catalog_path(language, root)
    if not path.exists():
        return {}
    return {e.msgid: e.msgstr for e in polib.pofile(str(path))
            if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}


def translated_forms(english: str, shape: str = "^FORM$", root: Path = ROOT) -> tuple[str, ...]:
    """``english`` first, then each form the catalogs translate it as, where it stands in ``shape``.

    ``shape`` is a regular expression (multi-line) in which ``FORM`` marks the place of the form: in
    every message whose English matches it with ``english`` there, the translation's text in that place
    is collected. ``translated_forms("Question", r"^## FORM \\d+")`` gives ``("Question", "问题")``.
    """
    own = re.compile(shape.replace("FORM", re.escape(english)), re.M)
    other = re.compile(shape.replace("FORM", "(.+?)"), re.M)
    forms = [english]
    for _, msgid, msgstr in finished_translations(root):
        found = other.search(msgstr) if own.search(msgid) else None
        if found and found.group(1) not in forms:
            forms.append(found.group(1))
    return tuple(forms)


def any_of(forms: tuple[str, ...]) -> str:
    """A regular expression matching any of ``forms`` literally."""
    return "(?:" + "|".join(re.escape(form) for form in forms) + ")"


def main() -> None:
    parser = argparse.ArgumentParser(description="Keep the book's translation catalogs up to date.")
    parser.add_argument("command", choices=["extract", "coverage", "check"])
    parser.add_argument("--seed", type=Path, default=ROOT.parent / "shared" / "seed" / "white-paper-zh.txt",
                        help="the white paper's Chinese text, for the copy check (skipped when absent)")
    parser.add_argument("--language", default=LANGUAGES[0])
    parser.add_argument("paths", nargs="*", help="only these sources (default: all)")
    args = parser.parse_args()
    chosen = [s for s in sources() if not args.paths or s.path in args.paths]
    if args.command == "check":
        seed = args.seed.read_text(encoding="utf-8") if args.seed.exists() else None
        problems = [p for source in chosen for p in catalog_problems(source, args.language, seed)]
        copied = "nothing copied" if seed else f"NO copy check (no white paper at {args.seed}: pass --seed)"
        print("\n".join(problems) or f"{len(chosen)} catalogs: every message translated, syntax kept, {copied}")
        raise SystemExit(1 if problems else 0)
    for source in chosen:
        if args.command == "extract":
            update_catalog(source, args.language)
        done, fuzzy, total = coverage(source, args.language)
        print(f"{source.path:55s} {done:4d}/{total:<4d} translated, {fuzzy} fuzzy ({100 * done / max(total, 1):.0f} %)")


if __name__ == "__main__":
    main()
