"""One source, two editions of every exercise notebook.

The source (``exercises/source/*.ipynb``) holds each question with its solution:

* cells tagged ``solution`` (solution code, model answers, marking notes) appear
  only in the instructor edition;
* cells tagged ``student`` (an empty answer for the student to fill in) appear only
  in the student edition; the source also tags them ``remove-cell`` so the
  instructor's book hides them, and the student edition drops that tag.

The source is the instructor edition: running it top to bottom, each solution
cell overwrites the empty answer before its check, and the instructor's book
(``./course instructor``) shows it with the empty answers hidden.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import yaml

SOLUTION = "solution"
STUDENT = "student"
CHECKED = "nbval-check-output"
HIDDEN = "remove-cell"
GENERATED_NOTE = (
    "<!-- Student edition, generated from exercises/source/{name} by `./course editions`. "
    "Edit the source, not this file. -->"
)


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def student_edition(source: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The notebook a student gets: no solution cells, no outputs, nothing to give an answer away."""
    notebook = copy.deepcopy(source)
    cells = []
    for cell in notebook.cells:
        tags = _tags(cell)
        if SOLUTION in tags:
            continue
        if STUDENT in tags:  # the student's own answer cell: visible in the student's book
            tags = [t for t in tags if t != HIDDEN]
        tags = [t for t in tags if t != CHECKED]  # outputs are cleared, so there is nothing to compare
        cell.metadata["tags"] = tags
        if not tags:
            cell.metadata.pop("tags")
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    note = nbformat.v4.new_markdown_cell(GENERATED_NOTE.format(name=name), id="student-edition-note")
    note.metadata["tags"] = ["remove-cell"]
    notebook.cells = [note, *cells]
    notebook.metadata.pop("widgets", None)
    return notebook


def write_student_editions(sources: list[Path], out_dir: Path) -> list[Path]:
    """Write the student edition of each source notebook into ``out_dir``; return the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sources:
        notebook = student_edition(nbformat.read(path, as_version=4), path.name)
        target = out_dir / path.name
        text = nbformat.writes(notebook) + "\n"
        if not target.exists() or target.read_text(encoding="utf-8") != text:  # unchanged files keep their time
            target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def instructor_toc(toc_path: Path) -> dict:
    """The table of contents at ``toc_path`` with each exercise's source (solutions) instead of its
    student edition, and the instructor guide added first to the reference part (the last part)."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    for part in toc["parts"]:
        for entry in part["chapters"]:
            if entry["file"].startswith("exercises/"):
                entry["file"] = "exercises/source/" + entry["file"].removeprefix("exercises/")
    toc["parts"][-1]["chapters"].insert(0, {"file": "instructor/guide"})
    return toc
