"""A language edition of the book, made from the English sources and the translation catalogs.

``write_tree`` writes the edition's own source tree (``_build/<language>/src``): every page with
its Markdown translated block by block from its catalog (:mod:`.translation`; a block with no
translation, or only a fuzzy one, stays English), code cells byte for byte as in English,
outputs cleared; the student exercises made from the translated exercise sources (as
:mod:`.editions` does for English); ``_config.yml`` with the edition's language, title and
author; ``_toc.yml`` with translated captions; and ``{term}`` links pointed at the translated
glossary's terms. ``build`` executes the edition's notebooks into their own Jupyter cache (the
package draws its charts and writes its feedback in the language of the nearest ``_config.yml``,
and ``CLIMATE_COURSE_LANG`` says it again) and builds the site into ``_build/html/<folder>/``,
beside the English edition.

Usage:  python -m climate_course.press.zh_edition [tree|build] [--language zh_CN] [--instructor]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml

from .editions import instructor_toc, student_edition
from .outline import toc_files
from .translation import ROOT, Source, split_blocks, translate_markdown, translations

# Each translated edition: its folder in the site (beside the English pages) and its name in its own language.
EDITIONS = {"zh_CN": {"folder": "zh", "name": "中文", "html_lang": "zh-CN"}}
ENGLISH = {"folder": "", "name": "English", "html_lang": "en"}
COPIED = ("_static", "references.bib", "CITATION.cff")  # what the build reads besides the pages
INSTRUCTOR_TOC = "_toc_instructor.yml"  # the instructor book's contents, in the edition's source tree
INSTRUCTOR_GUIDE = "instructor/guide"
GLOSSARY = "glossary.md"
SEARCH_WORDS = "search-words.txt"  # locales/<language>/: words the search must know beyond the glossary's
_HAN_RUN = re.compile(r"[\u3400-\u9fff][\u3400-\u9fff、·]*")
_TERM_ROLE = re.compile(r"\{term\}`(?P<text>[^`<]*?)(?:\s*<(?P<target>[^`>]+)>)?`")


def source_dir(language: str, root: Path = ROOT) -> Path:
    return root / "_build" / language / "src"


def html_dir(language: str, root: Path = ROOT, instructor: bool = False) -> Path:
    """Where the edition's pages go: beside the English pages of the student or the instructor site."""
    site = root / "_build" / "instructor" / "_build" / "html" if instructor else root / "_build" / "html"
    return site / EDITIONS[language]["folder"]


def _glossary_terms(text: str) -> list[str]:
    """The term lines of a ``{glossary}`` block (unindented lines that are neither fence nor option)."""
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line[0].isspace() and not line.startswith(("```", ":"))]


def term_map(language: str, root: Path = ROOT) -> dict[str, str]:
    """English glossary term (lower case, as Sphinx matches terms) -> the translated glossary's term."""
    done = translations(Source(GLOSSARY), language, root)
    terms = {}
    for block in split_blocks((root / GLOSSARY).read_text(encoding="utf-8"))[0::2]:
        message = block.rstrip("\n")
        if message in done:
            for english, translated in zip(_glossary_terms(message), _glossary_terms(done[message])):
                terms[english.lower()] = translated
    return terms


def retarget_terms(text: str, terms: dict[str, str]) -> str:
    """``{term}`` roles pointed at the translated glossary; a role with no display text shows the new term."""
    def replace(match):
        text_, target = match["text"], match["target"]
        new = terms.get((target or text_).strip().lower())
        if new is None:
            return match[0]
        return f"{{term}}`{text_} <{new}>`" if target else f"{{term}}`{new}`"
    return _TERM_ROLE.sub(replace, text)


def translate_text(text: str, done: dict[str, str], terms: dict[str, str]) -> str:
    return retarget_terms(translate_markdown(text, done.get), terms)


def translate_notebook(path: Path, done: dict[str, str], terms: dict[str, str]) -> nbformat.NotebookNode:
    """The notebook with its Markdown translated, its code cells unchanged and its outputs cleared."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = translate_text(cell.source, done, terms)
        elif cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    notebook.metadata.pop("widgets", None)
    return notebook


def search_words(language: str, root: Path = ROOT) -> list[str]:
    """Words for the search's word splitter (jieba cuts 碳交易 into 碳 + 交易, so a search for 碳交易
    would find nothing): every glossary term's Chinese form, and the words in ``locales/<language>/search-words.txt``."""
    glossary = [run for line in _glossary_terms((root / GLOSSARY).read_text(encoding="utf-8"))
                for run in _HAN_RUN.findall(line)]
    listed = root / "locales" / language / SEARCH_WORDS
    extra = [line.split("#")[0].strip() for line in listed.read_text(encoding="utf-8").splitlines()] if listed.exists() else []
    return sorted({word for word in glossary + extra if word})


def _config(language: str, root: Path, out: Path) -> str:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    done = translations(Source("_config.yml"), language, root)
    for key in ("title", "author"):
        config[key] = done.get(config[key], config[key])
    footer = config["html"]["extra_footer"].strip()
    config["html"]["extra_footer"] = done.get(footer, footer)
    config["sphinx"]["config"]["language"] = language
    config["sphinx"]["config"]["html_search_options"] = {"dict": str(out.parent / SEARCH_WORDS)}
    config["execute"]["cache"] = str(out.parent / ".jupyter_cache")  # its own: outputs are in its language
    # Binder writes this tree into its image as <folder>/ (binder/postBuild), where the edition's launch
    # button opens the page's own notebook; a JupyterHub or Colab would open the repository as it is,
    # which has the English notebooks only, so the edition offers neither.
    config["repository"]["path_to_book"] = EDITIONS[language]["folder"]
    config["launch_buttons"].update(jupyterhub_url="", colab_url="")
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def _toc(language: str, root: Path, instructor: bool = False) -> str:
    toc = instructor_toc(root / "_toc.yml") if instructor else yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    done = translations(Source("_toc.yml"), language, root)
    for part in toc["parts"]:
        part["caption"] = done.get(part["caption"], part["caption"])
    return yaml.safe_dump(toc, sort_keys=False, allow_unicode=True)


def tree_files(language: str, root: Path = ROOT) -> dict[str, str]:
    """Every generated text file of the edition's source tree: relative path -> content."""
    out = source_dir(language, root)
    terms = term_map(language, root)
    files = {"_config.yml": _config(language, root, out), "_toc.yml": _toc(language, root),
             INSTRUCTOR_TOC: _toc(language, root, instructor=True)}
    guide = [INSTRUCTOR_GUIDE] if any((root / f"{INSTRUCTOR_GUIDE}{suffix}").exists() for suffix in (".ipynb", ".md")) else []
    for name in [*toc_files(root), *guide]:  # a book may have no instructor guide
        exercise = name.startswith("exercises/")
        path = root / (("exercises/source/" + name.removeprefix("exercises/")) if exercise else name)
        path = next(p for p in (path.with_suffix(".ipynb"), path.with_suffix(".md")) if p.exists())
        done = translations(Source(str(path.relative_to(root))), language, root)
        if path.suffix == ".md":
            files[name + path.suffix] = translate_text(path.read_text(encoding="utf-8"), done, terms)
            continue
        notebook = translate_notebook(path, done, terms)
        files[str(path.relative_to(root))] = nbformat.writes(notebook) + "\n"  # an exercise's source: the instructor's
        if exercise:
            files[name + path.suffix] = nbformat.writes(student_edition(notebook, path.name)) + "\n"
    return files


def _write(path: Path, text: str) -> None:
    """Write ``text`` unless the file already holds it (an unchanged page keeps its time: Sphinx rebuilds less)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_tree(language: str, root: Path = ROOT) -> Path:
    """Write (or bring up to date) the edition's source tree; remove what no longer belongs in it."""
    out = source_dir(language, root)
    files = tree_files(language, root)
    for relative, text in files.items():
        _write(out / relative, text)
    _write(out.parent / SEARCH_WORDS, "".join(f"{word}\n" for word in search_words(language, root)))
    for name in COPIED:
        source, target = root / name, out / name
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
    keep = set(files) | set(COPIED)
    for path in sorted(out.rglob("*"), reverse=True):
        relative = path.relative_to(out).as_posix()
        if path.is_file() and relative not in keep and not relative.startswith(tuple(f"{c}/" for c in COPIED)):
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return out


def environment(language: str) -> dict[str, str]:
    """The environment in which the edition's notebooks run: the package speaks its language."""
    return {**os.environ, "CLIMATE_COURSE_LANG": language}


def execute(language: str, root: Path = ROOT, instructor: bool = False) -> None:
    """Run the edition's notebooks into its own cache, one per core (as the English build does); the
    instructor book's after the student book's, so that only its exercise sources and guide run."""
    src = source_dir(language, root)
    toc = ["--toc", str(src / INSTRUCTOR_TOC)] if instructor else []
    subprocess.run([sys.executable, "-m", "climate_course.press.execute", *toc, str(src)],
                   cwd=src, env=environment(language), check=True)


def build_html(language: str, root: Path = ROOT, instructor: bool = False) -> int:
    """Build the edition's HTML into its folder of the site (warnings are errors); return Sphinx's status.

    Runs in this process, with the package set to the edition's language (for any notebook the
    build must execute itself: one that failed in :func:`execute`).
    """
    from jupyter_book.sphinx import build_sphinx

    src = source_dir(language, root)
    os.environ.update(environment(language))
    if instructor:
        os.environ["CLIMATE_COURSE_LITE"] = "0"  # as the English instructor book: no in-browser edition
    toc = src / (INSTRUCTOR_TOC if instructor else "_toc.yml")
    overrides = {"external_toc_path": toc.as_posix(), "nitpicky": True, "latex_individualpages": False}
    result = build_sphinx(src, html_dir(language, root, instructor), use_external_toc=True, noconfig=True,
                          path_config=str(src / "_config.yml"), confoverrides=overrides, builder="html",
                          warningiserror=True, keep_going=True,
                          doctreedir=src.parent / (".doctrees-instructor" if instructor else ".doctrees"))
    return 1 if result else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["tree", "build"], nargs="?", default="build")
    parser.add_argument("--language", default="zh_CN", choices=sorted(EDITIONS))
    parser.add_argument("--instructor", action="store_true", help="the instructor book (after the student book)")
    args = parser.parse_args()
    print(f"source tree: {write_tree(args.language)}")
    if args.command == "build":
        execute(args.language, instructor=args.instructor)
        sys.exit(build_html(args.language, instructor=args.instructor))


if __name__ == "__main__":
    main()
