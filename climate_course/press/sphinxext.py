"""Render Altair charts in the built book with the book's own copy of Vega (no CDN).

Two pieces, both registered by the package:

* :class:`VegaLiteMimeRenderer`, a MyST-NB mime-render plugin (entry point
  ``myst_nb.mime_renderers``), turns a notebook output of type
  ``application/vnd.vegalite.v5+json`` into a container, a visually hidden text
  description and the spec, which ``static/vega/course-charts.js`` draws with Vega.
* :func:`setup`, a Sphinx extension, ships ``static/`` with the book and loads the
  Vega scripts only on pages that hold a chart (Jupyter Book would add anything
  under the book's own ``_static/`` to every page). It also drops what Jupyter
  Book adds for Thebe (its loader names a CDN and redeclares a constant on every
  page) and the saved ipywidgets state (the book never shows live widgets).
"""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import warnings
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives

from .. import theme
from ..data import table_meta, table_names
from .interface import _
from .outline import parse_objective_ids

STATIC_DIR = Path(__file__).parent / "static"
CHART_MODES = "vega/course-chart-modes.js"  # written at build time from climate_course.theme
VEGA_SCRIPTS = ("vega/vega.min.js", "vega/vega-lite.min.js", CHART_MODES, "vega/course-picker.js",
                "vega/course-charts.js")
CHART_STYLES = "vega/course-charts.css"
VEGALITE_MIME = "application/vnd.vegalite.v5+json"
CHART_MARKER = 'class="course-vega"'


def chart_modes_script() -> str:
    """The script that gives course-charts.js each mode's chart config (one copy per site, not per chart)."""
    return f"window.COURSE_CHART_MODES = {json.dumps(theme.chart_modes(), separators=(',', ':'))};\n"


def write_chart_scripts(folder: Path) -> None:
    """Put the chart scripts into ``folder`` (its ``vega/``) for a page outside the book."""
    for script in VEGA_SCRIPTS:
        target = folder / script
        target.parent.mkdir(parents=True, exist_ok=True)
        if script == CHART_MODES:
            target.write_text(chart_modes_script(), encoding="utf-8")
        else:
            shutil.copyfile(STATIC_DIR / script, target)


def _title_text(spec: dict) -> str:
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(title)
    return title if isinstance(title, str) else str(_("Interactive chart"))


def _source_text(spec: dict) -> str:
    title = spec.get("title")
    subtitle = title.get("subtitle", "") if isinstance(title, dict) else ""
    return " ".join(subtitle) if isinstance(subtitle, list) else str(subtitle)


@functools.lru_cache(maxsize=1)
def _table_licences() -> tuple[tuple[str, tuple[dict, ...]], ...]:
    return tuple((meta.attribution, meta.licenses) for meta in map(table_meta, table_names()))


def licences_cited(source: str) -> list[dict]:
    """The licences (name, path) of every course table whose attribution ``source`` quotes."""
    found = []
    for attribution, licences in _table_licences():
        if attribution in source:
            found += [{"name": lic["name"], "path": lic.get("path", "")} for lic in licences
                      if lic["name"] not in {f["name"] for f in found}]
    return found


def page_spec(spec: dict) -> dict:
    """``spec`` as the page carries it: without the course theme's config (the chart script adds it
    once per site, for either mode), and with its source and data licences for the citation line."""
    spec = dict(spec)
    course = theme.course_theme()["config"]
    config = {key: value for key, value in spec.get("config", {}).items() if course.get(key) != value}
    spec.pop("config", None)
    if config:
        spec["config"] = config
    spec.pop("$schema", None)
    source = _source_text(spec)
    if source:
        usermeta = dict(spec.get("usermeta") or {})
        usermeta["course"] = {"source": source, "licences": licences_cited(source)}
        spec["usermeta"] = usermeta
    return spec


def chart_html(spec: dict, element_id: str) -> str:
    """HTML for ``spec``: an element ``element_id`` that course-charts.js draws the chart into, with
    its controls above and its take-away buttons below, and a text description for screen readers."""
    description = spec.get("description") or _title_text(spec)
    spec_json = json.dumps(page_spec(spec), separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
    return (
        f'<figure class="course-chart" aria-describedby="{element_id}-desc">\n'
        f'<div id="{element_id}" {CHART_MARKER}></div>\n'
        f'<figcaption id="{element_id}-desc" class="visually-hidden">{html.escape(description)}</figcaption>\n'
        f"</figure>\n"
        f'<script type="application/json" id="{element_id}-spec">{spec_json}</script>\n'
    )


class VegaLiteMimeRenderer:
    """MyST-NB plugin: render Vega-Lite outputs for HTML builders with local scripts."""

    mime_priority_overrides = [("html", VEGALITE_MIME, 5), ("dirhtml", VEGALITE_MIME, 5)]

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        """Return a raw HTML node for a Vega-Lite output; ``None`` leaves other types alone."""
        if inline or data.mime_type != VEGALITE_MIME:
            return None
        spec = data.content if isinstance(data.content, dict) else json.loads(data.content)
        element_id = f"vega-chart-{data.cell_index}-{data.output_index}"
        return [nodes.raw("", chart_html(spec, element_id), format="html")]


QUIZ_OPTION = re.compile(r"^-\s*\[(?P<mark>[ xX])\]\s*(?P<text>.+?)\s+(?:—|\|)\s+(?P<feedback>.+)$")


class QuizDirective(Directive):
    """A self-check multiple-choice question that works with no JavaScript and no kernel.

    Usage in MyST::

        ```{quiz} Which country has emitted the most CO₂ since 1750?
        :objectives: ch00.o2
        - [ ] China — China leads annual emissions, not the total since 1750.
        - [x] The United States — Right: about a quarter of all CO₂ since 1750.
        ```

    Each option is a radio button; choosing one reveals its feedback (CSS only). The
    ``objectives`` option names the learning objectives the item assesses (ids as in the
    chapter's objectives box; see :mod:`climate_course.press.outline`); the page carries them
    in a ``data-objectives`` attribute.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"class": directives.class_option, "objectives": directives.unchanged_required}

    def run(self):
        options = [QUIZ_OPTION.match(line.strip()) for line in self.content if line.strip()]
        if not options or not all(options):
            raise self.error("quiz: every line must read '- [x] option — feedback' (or '- [ ] ...')")
        if sum(o["mark"] in "xX" for o in options) != 1:
            raise self.error("quiz: mark exactly one option as right with [x]")
        try:
            objectives = parse_objective_ids(self.options["objectives"]) if "objectives" in self.options else []
        except ValueError as error:
            raise self.error(f"quiz: {error}") from None
        env = self.state.document.settings.env
        quiz_id = f"quiz-{env.new_serialno('quiz')}"
        question = html.escape(self.arguments[0])
        items = []
        for number, option in enumerate(options, 1):
            right = option["mark"] in "xX"
            verdict = _("Right.") if right else _("Not quite.")
            items.append(
                f'<div class="quiz-option"><input type="radio" name="{quiz_id}" id="{quiz_id}-{number}">'
                f'<label for="{quiz_id}-{number}">{html.escape(option["text"])}</label>'
                f'<p class="quiz-feedback {"quiz-right" if right else "quiz-wrong"}" role="status">'
                f"<strong>{verdict}</strong> {html.escape(option['feedback'])}</p></div>"
            )
        assessed = f' data-objectives="{html.escape(" ".join(objectives))}"' if objectives else ""
        markup = (f'<fieldset class="course-quiz"{assessed}><legend>{question}</legend>{"".join(items)}</fieldset>')
        return [nodes.raw("", markup, format="html")]


def _register_static(app, config) -> None:
    config.html_static_path.append(str(STATIC_DIR))


def _scripts_for_charts(app, pagename, templatename, context, doctree) -> None:
    if CHART_MARKER in context.get("body", ""):
        app.add_css_file(CHART_STYLES)
        for script in VEGA_SCRIPTS:
            app.add_js_file(script, loading_method="defer")


def _write_chart_modes(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.builder.outdir) / "_static" / CHART_MODES
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(chart_modes_script(), encoding="utf-8")


#: Files of extensions the theme requires, each wanted only on a page that shows what they work on:
#: sphinx-design's components, sphinx-togglebutton's toggles and dropdowns.
OPTIONAL_ASSETS = {
    ("sphinx-design.min.css", "design-tabs.js"): re.compile(r'class="sd-'),
    ("togglebutton.css", "togglebutton.js"): re.compile(r'class="(?:[^"]*\s)?(?:toggle|dropdown)[\s"]'),
}


def _is_unwanted(asset, unused: tuple[str, ...]) -> bool:
    text = f"{asset.filename} {asset.attributes.get('body', '')} {asset.attributes.get('type', '')}"
    return "thebe" in text.lower() or "widget-state" in text or str(asset.filename).split("?")[0].endswith(unused)


def _prune_page_assets(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    unused = tuple(name for names, shown in OPTIONAL_ASSETS.items() if not shown.search(body) for name in names)
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [asset for asset in context[key] if not _is_unwanted(asset, unused)]


# Sphinx marks each citation with the deprecated ARIA role "doc-biblioentry" inside a
# role="list" container, which screen readers (and axe-core) reject: plain markup reads fine.
_CITATION_ROLES = {'<div role="list" class="citation-list">': '<div class="citation-list">',
                   ' role="doc-biblioentry"': ""}


# The theme's sidebar opens a chapter's sections with an icon-only <summary>, which has no
# accessible name; give it one where the HTML is made, so no script is needed.
def _nav_toggle() -> str:
    label = html.escape(str(_("Show or hide this chapter's sections")))
    return f'<summary aria-label="{label}">'


def _name_nav_toggles(app, pagename, templatename, context, doctree) -> None:
    make_nav = context.get("generate_toctree_html")
    if make_nav is None:
        return

    def named(*args, **kwargs):
        with warnings.catch_warnings():  # the theme parses HTML without naming a parser
            warnings.filterwarnings("ignore", message="No parser was explicitly specified")
            html_text = make_nav(*args, **kwargs)
            return type(html_text)(str(html_text).replace("<summary>", _nav_toggle()))  # str() parses

    context["generate_toctree_html"] = named


def _fix_citation_roles(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    for old, new in _CITATION_ROLES.items():
        body = body.replace(old, new)
    context["body"] = body


def _drop_thebe_config(app, doctree, docname) -> None:
    for node in list(doctree.findall(nodes.raw)):
        if "text/x-thebe-config" in node.astext():
            node.parent.remove(node)


def setup(app):
    """Sphinx entry point: ``extra_extensions: [climate_course.press.sphinxext]`` in ``_config.yml``."""
    app.setup_extension("climate_course.press.interface")  # the words below, in the build's language
    app.add_directive("quiz", QuizDirective)
    app.setup_extension("climate_course.press.lite_page")  # the "Run in your browser" button
    app.setup_extension("climate_course.press.pageweight")  # icons, search scripts, descriptions, favicon
    app.setup_extension("climate_course.press.language_switch")  # the same page in the other language
    app.setup_extension("climate_course.press.maths")  # formulas typeset at build time: no MathJax on any page
    app.setup_extension("climate_course.press.execute")  # pages read again when the package changed
    app.connect("config-inited", _register_static)
    app.connect("html-page-context", _scripts_for_charts)
    app.connect("html-page-context", _prune_page_assets, priority=900)  # after MyST-NB and Thebe
    app.connect("html-page-context", _fix_citation_roles)
    app.connect("html-page-context", _name_nav_toggles, priority=900)  # after the theme adds the function
    app.connect("doctree-resolved", _drop_thebe_config, priority=900)
    app.connect("build-finished", _write_chart_modes)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
