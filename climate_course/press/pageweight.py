"""Each page loads only what it uses, and says what it is about.

* The theme's ``fontawesome.js`` (1.5 MB, every free icon) is replaced on every page by
  ``course-icons.css``, which holds only the icons the book shows, and its Font Awesome fonts
  keep only the glyphs the theme's stylesheet draws (:mod:`.icons`).
* No page loads MathJax: the formulas are typeset when the book is built (:mod:`.maths`).
* Sphinx's search index and search scripts load on the search page only: the theme
  loads them on every page for search-as-you-type, which the book leaves off.
* The theme's and extensions' scripts are deferred: in ``<head>`` each one held up the
  page's first paint, though all of them wait for the page to load before they act.
  ``documentation_options.js`` stays as it is: an inline script after it extends it.
* Every page gets a ``<meta name="description">`` (its first paragraph, shortened), and
  the book a favicon, so browsers do not ask for a missing ``/favicon.ico``.
"""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

from docutils import nodes
from sphinx.builders.html._assets import _JavaScript

from . import icons

STATIC_DIR = Path(__file__).parent / "static"
FAVICON = STATIC_DIR / "icons" / "favicon.svg"
DESCRIPTION_CHARS = 160
_ICON_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
_KEPT_IN_ORDER = ("documentation_options.js",)
_KEPT_FOR_SEARCH = ("doctools.js",)  # the search page's own searchtools.js, not deferred, needs its _ready
_SEARCH_SCRIPTS = re.compile(r'\s*<script (?:defer="defer" )?src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>')


def page_description(doctree, fallback: str) -> str:
    """The page's first paragraph of prose, cut at a word to at most 160 characters."""
    for paragraph in doctree.findall(nodes.paragraph) if doctree is not None else ():
        text = " ".join(paragraph.astext().split())
        if len(text) >= 40:
            return textwrap.shorten(text, DESCRIPTION_CHARS, placeholder=" …")
    return fallback


def _add_description(app, pagename, templatename, context, doctree) -> None:
    description = page_description(doctree, app.config.project)
    context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{html.escape(description)}" />'


def deferred(script, kept: tuple[str, ...] = _KEPT_IN_ORDER):
    """``script`` loaded with ``defer`` if it is a file that can wait for the page (the page's order is kept)."""
    attributes = script.attributes if isinstance(script, _JavaScript) else {}
    filename = str(getattr(script, "filename", "") or "")
    if (not filename or filename.endswith(kept) or "async" in attributes or "defer" in attributes
            or attributes.get("type", "text/javascript") not in ("text/javascript", "module")):
        return script
    return _JavaScript(filename, priority=script.priority, **attributes, defer="defer")


def _defer_scripts(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        kept = _KEPT_IN_ORDER + (_KEPT_FOR_SEARCH if pagename.rsplit("/", 1)[-1] == "search" else ())
        context["script_files"][:] = [deferred(js, kept) for js in context["script_files"]]


def _unused_assets_removed(render):
    def render_page(template, context):
        page = render(template, context)
        if not template.endswith(".html"):
            return page
        page = _ICON_SCRIPT.sub("", page)
        return page if context.get("pagename") == "search" else _SEARCH_SCRIPTS.sub("", page)
    return render_page


def _wrap_renderer(app) -> None:
    if app.builder.format == "html" and hasattr(app.builder, "templates"):
        app.builder.templates.render = _unused_assets_removed(app.builder.templates.render)


def _set_favicon(app, config) -> None:
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)


def _write_icons(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        outdir = Path(app.builder.outdir)
        if (outdir / "_static" / icons.SCRIPT).exists():
            icons.write_icon_css(outdir)
            icons.subset_fonts(outdir)
            icons.prune_theme_css(outdir)
            for unused in ("fontawesome.js", "fontawesome.js.map"):
                (outdir / "_static" / "scripts" / unused).unlink(missing_ok=True)


def setup(app):
    app.connect("config-inited", _set_favicon)
    app.connect("builder-inited", _wrap_renderer)
    app.connect("html-page-context", _add_description)
    app.connect("html-page-context", _defer_scripts, priority=950)  # after every extension added its scripts
    app.connect("build-finished", _write_icons)
    app.add_css_file(icons.CSS_NAME)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
