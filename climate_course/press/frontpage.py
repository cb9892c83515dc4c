"""The front page's two computed blocks, as MyST directives (``extra_extensions`` in ``_config.yml``).

* ``{course-headline}``: China and the United States in the world's CO₂: a paragraph of the
  figures (computed from the emissions table, so it is also what a reader without JavaScript
  gets), then the interactive chart (:mod:`climate_course.overview`).
* ``{course-map}``: the course at a glance, from the sources: one row per chapter with its part,
  reading time, labs and exercise (:func:`.outline.course_map`), and the totals.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive

from .. import load_table, overview, table_meta
from ..i18n import N_, _
from ..tables import Table
from .execute import PACKAGE
from .outline import MINUTES_PER_QUESTION, WORDS_PER_MINUTE, course_map
from .sphinxext import chart_html


ENGLISH_ROOT = PACKAGE.parent  # the repository the package is built from


def headline_html() -> str:
    """The figures paragraph, the chart, and a note for readers whose browser runs no script."""
    table = load_table("co2_annual")
    parts = overview.world_parts(table)
    spec = overview.world_parts_chart(parts, table_meta("co2_annual").citation).to_dict()
    summary = overview.format_headline(overview.headline_figures(parts))
    return (
        f'<div class="course-headline"><p class="course-headline-figures">{html.escape(summary)}</p>\n'
        f"{chart_html(spec, 'course-headline-chart')}\n"
        f"<noscript><p>{html.escape(_('The chart needs JavaScript; the paragraph above gives its numbers.'))}</p></noscript></div>"
    )


def hours(minutes: int) -> str:
    """Minutes as a reader would say them: '45 min', '1 h 30 min', '6 h'."""
    whole, rest = divmod(int(minutes), 60)
    if not whole:
        return _("{minutes} min", minutes=rest)
    return _("{hours} h {minutes} min", hours=whole, minutes=rest) if rest else _("{hours} h", hours=whole)


def map_summary(plan) -> str:
    """One sentence of totals for :func:`.outline.course_map`."""
    return _(
        "{chapters} chapters in {parts} parts: about {reading} of reading, {labs} labs inside the chapters, and "
        "one exercise per chapter (about {practice} in all). Reading time counts the prose at {speed} words a "
        "minute; an exercise, {per_question} minutes a question.",
        chapters=len(plan), parts=plan["part"].nunique(), reading=hours(plan["reading_minutes"].sum()),
        labs=int(plan["labs"].sum()), practice=hours(plan["exercise_minutes"].sum()), speed=WORDS_PER_MINUTE,
        per_question=MINUTES_PER_QUESTION,
    )


def map_html(root: Path, docname: str) -> str:
    """The course map as a table whose chapter and exercise names link to their pages from ``docname``.

    Titles come from the book being built (``root``, English or a translation); reading time, labs
    and exercise time from the English sources, the course a translation carries over unchanged."""
    plan = course_map(root)
    english = course_map(ENGLISH_ROOT)
    for column in ("reading_minutes", "labs", "exercise_minutes"):
        plan[column] = english[column].to_numpy()
    here = posixpath.dirname(docname)

    def link(document: str, text: str) -> str:
        return f'<a href="{html.escape(posixpath.relpath(document, here or "."))}.html">{html.escape(text)}</a>'

    frame = plan.assign(
        Chapter=[link(d, t) for d, t in zip(plan["document"], plan["chapter"])],
        Exercise=[link(f"exercises/{e}", _("Exercise {number}", number=e.split("_")[0].removeprefix("ex").lstrip("0") or "0"))
                  if e else "" for e in plan["exercise"]],
        Reading=[hours(m) for m in plan["reading_minutes"]],
        Practice=[hours(m) if m else "" for m in plan["exercise_minutes"]],
        Part=plan["part"].where(plan["part"] != plan["part"].shift(), ""),
    )[["Part", "Chapter", "Reading", "labs", "Exercise", "Practice"]]
    table = Table(frame, N_("The course at a glance: reading time, labs and the exercise of each chapter"),
                  headers={"Part": N_("Part"), "Chapter": N_("Chapter"), "Reading": N_("Reading"), "labs": N_("Labs"),
                           "Exercise": N_("Exercise"), "Practice": N_("Exercise time")},
                  markup=["Chapter", "Exercise"])
    return f'<p class="course-map-summary">{html.escape(map_summary(plan))}</p>\n{table._repr_html_()}'


class HeadlineDirective(Directive):
    """``{course-headline}``: see the module docstring."""

    def run(self):
        return [nodes.raw("", headline_html(), format="html")]


class CourseMapDirective(Directive):
    """``{course-map}``: see the module docstring."""

    def run(self):
        env = self.state.document.settings.env
        root = Path(env.srcdir)
        for document in course_map(root)["document"]:
            env.note_dependency(str(root / f"{document}.ipynb"))  # the map follows the chapters' text
        return [nodes.raw("", map_html(root, env.docname), format="html")]


def setup(app):
    """Sphinx entry point: ``extra_extensions: [climate_course.press.frontpage]`` in ``_config.yml``."""
    app.add_directive("course-headline", HeadlineDirective)
    app.add_directive("course-map", CourseMapDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
