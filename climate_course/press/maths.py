"""Typeset the book's formulas at build time, so that no page loads MathJax.

Sphinx's MathJax renderer leaves TeX in the page for 260 KB (gzipped) of MathJax to typeset
in the reader's browser. This renderer hands each formula to MathJax 3 running in Node.js
(``typeset/typeset.cjs``) while Sphinx writes the page: the page holds SVG (the glyphs as
paths, so no web font either) with hidden MathML for screen readers, and MathJax's small
stylesheet for SVG output in its ``<head>``.

MathJax comes from npm, pinned with its sha512 in ``typeset/package-lock.json``: ``npm ci``
installs it once into the course's cache (``~/.cache/climate-course/typeset/``, or under
``$CLIMATE_COURSE_CACHE``) and checks the hash; later builds reuse it offline.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from docutils import nodes
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

TYPESET_DIR = Path(__file__).parent / "typeset"
RENDERER = "course_svg"
MATH_MARKER = "<mjx-container"
_GLYPH_ID = re.compile(r"MJX-(\d+)-")
logger = logging.getLogger(__name__)


class TypesetError(RuntimeError):
    """MathJax cannot be installed or started; the message says why."""


def _cache_root() -> Path:
    return Path(os.environ.get("CLIMATE_COURSE_CACHE", Path.home() / ".cache" / "climate-course")) / "typeset"


def installed_mathjax() -> Path:
    """The ``node_modules`` folder holding the locked MathJax, installed by ``npm ci`` on first use."""
    lock = (TYPESET_DIR / "package-lock.json").read_bytes()
    target = _cache_root() / hashlib.sha256(lock).hexdigest()[:16]
    if (target / "node_modules" / "mathjax" / "package.json").exists():
        return target / "node_modules"
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix="install-"))
    try:
        for name in ("package.json", "package-lock.json"):
            shutil.copy(TYPESET_DIR / name, work / name)
        done = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                              cwd=work, capture_output=True, text=True)
        if done.returncode != 0:
            raise TypesetError(f"npm ci of {TYPESET_DIR / 'package-lock.json'} failed:\n{done.stderr[-2000:]}")
        try:
            work.rename(target)  # another build may have installed it meanwhile: keep that one
        except OSError:
            pass
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target / "node_modules"


class Typesetter:
    """One Node.js process running MathJax; formulas go in and come back one JSON line each."""

    def __init__(self):
        node = shutil.which("node")
        if node is None:
            raise TypesetError("Node.js is needed to typeset the formulas: install Debian's nodejs")
        env = {**os.environ, "NODE_PATH": str(installed_mathjax())}
        self.process = subprocess.Popen([node, str(TYPESET_DIR / "typeset.cjs")], env=env, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.owner = os.getpid()
        self.stylesheet = self._answer()

    def _answer(self):
        line = self.process.stdout.readline()
        if not line:
            raise TypesetError(f"MathJax stopped (exit code {self.process.wait()})")
        return json.loads(line)

    def typeset(self, tex: str, display: bool) -> str:
        """SVG markup of ``tex``; a :class:`ValueError` with MathJax's message when it is not valid TeX."""
        self.process.stdin.write(json.dumps([tex, display]) + "\n")
        self.process.stdin.flush()
        answer = self._answer()
        if "error" in answer:
            raise ValueError(answer["error"])
        return answer["html"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


_typesetter: Typesetter | None = None


def typesetter() -> Typesetter:
    """This process's typesetter, started on first use (each parallel Sphinx writer gets its own)."""
    global _typesetter
    if _typesetter is None or _typesetter.owner != os.getpid():
        _typesetter = Typesetter()
    return _typesetter


def display_tex(node: nodes.math_block) -> str:
    """The TeX of a display formula as Sphinx's MathJax renderer would give it to MathJax."""
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    lines = [rf"\begin{{split}}{part}\end{{split}}" if r"\\" in part else part for part in parts]
    if len(lines) > 1:
        return r"\begin{aligned}" + r"\\".join(lines) + r"\end{aligned}"
    return lines[0] if lines else ""


def _markup(translator, node, tex: str, display: bool) -> str:
    try:
        return typesetter().typeset(tex, display)
    except ValueError as error:
        logger.warning("formula not typeset: %s: %s", error, tex, location=node)
        return translator.encode(tex)


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_markup(self, node, node.astext(), display=False) + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"]:
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    tex = node.astext() if node["nowrap"] else display_tex(node)
    self.body.append(_markup(self, node, tex, display=True) + "</div>\n")
    raise nodes.SkipNode


def numbered_glyphs(body: str) -> str:
    """``body`` with MathJax's glyph ids renumbered from 1 in page order, so a page's HTML
    does not depend on what the typesetter did before it."""
    numbers: dict[str, int] = {}
    return _GLYPH_ID.sub(lambda m: f"MJX-{numbers.setdefault(m[1], len(numbers) + 1)}-", body)


def _style_pages_with_maths(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    if MATH_MARKER in body:
        context["body"] = numbered_glyphs(body)
        css = " ".join(typesetter().stylesheet.split())
        context["metatags"] = context.get("metatags", "") + f"\n<style>{css}</style>"


def _use_renderer(app, config) -> None:
    config.html_math_renderer = RENDERER


def _stop(app, exception) -> None:
    global _typesetter
    if _typesetter is not None and _typesetter.owner == os.getpid():
        _typesetter.close()
        _typesetter = None


def setup(app):
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_displaymath, None))
    app.connect("config-inited", _use_renderer)
    app.connect("html-page-context", _style_pages_with_maths)
    app.connect("build-finished", _stop)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
