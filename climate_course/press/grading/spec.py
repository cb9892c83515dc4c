"""What an exercise asks, read from its source notebook (``exercises/source/exNN_*.ipynb``).

Each question's heading cell (``## Question N ...``, translated ``## 问题 N ...``) carries
``{"course": {"question": "exNN.qK", "points": P, "objectives": [...]}}`` in its metadata: the one place points live. A computed question
is the one whose check cell calls ``check("exNN.qK", <variable>)``; that variable is the answer the
grader reads out. A question with no check is a written answer: the Markdown cells the student writes
under its heading, marked by hand with the marking notes from the source's solution cell.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..translation import any_of, translated_forms

EXERCISE_ID = re.compile(r"^(ex\d+[a-z]?)_")
QUESTION_ID = re.compile(r"^(ex\d+[a-z]?)\.q\d+$")


@functools.cache
def question_heading() -> re.Pattern:
    """A question's heading, ``## Question N`` in any of the book's languages; group 1 is N."""
    word = any_of(translated_forms("Question", r"^## FORM \d+"))
    return re.compile(rf"^##\s+{word}\s*(\d+)\b")


@functools.cache
def marking_notes() -> re.Pattern:
    """The lead of a question's marking notes, ``**Marking notes (P points).**`` in any of the book's
    languages (``**评分说明（4 分）。**``); group 1 is P."""
    lead = any_of(translated_forms("Marking notes", r"^\*\*FORM\s*[（(]"))
    return re.compile(rf"\*\*{lead}\s*[（(]\s*(\d+(?:\.\d+)?)[^*]*\*\*")


@dataclass(frozen=True)
class Question:
    id: str
    points: float
    heading: str
    variable: str | None  # the answer variable of a computed question; None for a written one
    objectives: tuple[str, ...] = ()
    marking_notes: str = ""  # Markdown of the solution cells (model answer, marking notes) of a written question

    @property
    def written(self) -> bool:
        return self.variable is None

    @property
    def stated_points(self) -> float | None:
        """The points its marking notes state, or None when it has none."""
        stated = marking_notes().search(self.marking_notes)
        return float(stated.group(1)) if stated else None


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str  # the notebook's file name, ex00_two_largest_emitters.ipynb
    title: str
    questions: tuple[Question, ...] = field(default_factory=tuple)

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.questions)

    def question(self, qid: str) -> Question:
        return next(q for q in self.questions if q.id == qid)


def _check_call(source: str) -> tuple[str, str] | None:
    """``(question id, variable)`` of a cell that is exactly ``check("exNN.qK", name)``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "check"
            and len(call.args) == 2 and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[1], ast.Name)):
        return str(call.args[0].value), call.args[1].id
    return None


def question_meta(cell) -> dict | None:
    """The ``course`` metadata of a question heading cell, or None."""
    meta = cell.get("metadata", {}).get("course")
    return meta if isinstance(meta, dict) and "question" in meta else None


def read_exercise(path: Path) -> Exercise:
    """The exercise described by one source notebook; raises ValueError if its metadata is incomplete."""
    notebook = nbformat.read(path, as_version=4)
    match = EXERCISE_ID.match(path.name)
    if not match:
        raise ValueError(f"{path}: exercise notebooks are named exNN_topic.ipynb")
    exercise_id = match.group(1)
    title = next((c.source.splitlines()[0].lstrip("# ").strip() for c in notebook.cells
                  if c.cell_type == "markdown" and c.source.startswith("# ")), path.stem)
    headings: list[tuple[int, dict]] = [(i, question_meta(c)) for i, c in enumerate(notebook.cells)
                                        if question_meta(c)]
    variables = {qid: var for c in notebook.cells if c.cell_type == "code"
                 for qid, var in [_check_call(c.source) or (None, None)] if qid}
    questions = []
    for n, (index, meta) in enumerate(headings):
        qid = meta["question"]
        if not QUESTION_ID.match(qid) or not qid.startswith(exercise_id + "."):
            raise ValueError(f"{path}: heading cell {index} names question {qid!r}, not one of {exercise_id}")
        points = meta.get("points")
        if not isinstance(points, (int, float)) or isinstance(points, bool) or points <= 0:
            raise ValueError(f"{path}: question {qid} has no positive 'points' in its heading cell's metadata")
        end = headings[n + 1][0] if n + 1 < len(headings) else len(notebook.cells)
        body = notebook.cells[index + 1:end]
        notes = "\n\n".join(c.source for c in body if c.cell_type == "markdown"
                            and "solution" in c.get("metadata", {}).get("tags", []))
        objectives = meta.get("objectives") or ()
        questions.append(Question(
            id=qid, points=points, heading=notebook.cells[index].source.splitlines()[0].lstrip("# ").strip(),
            variable=variables.get(qid), objectives=tuple(str(o) for o in objectives), marking_notes=notes,
        ))
    if not questions:
        raise ValueError(f"{path}: no question heading cells with course metadata")
    return Exercise(id=exercise_id, name=path.name, title=title, questions=tuple(questions))


def read_exercises(source_dir: Path) -> dict[str, Exercise]:
    """Every exercise in ``source_dir`` by id."""
    exercises = [read_exercise(path) for path in sorted(source_dir.glob("ex*.ipynb"))]
    return {e.id: e for e in exercises}
