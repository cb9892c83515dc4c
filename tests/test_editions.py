"""One source, two editions: the student edition (book, downloads, released notebooks) holds no
solution, the instructor edition holds them all, and the committed student edition is up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from climate_course.press.editions import SOLUTION, STUDENT, student_edition
from conftest import ROOT

SOURCES = sorted((ROOT / "exercises" / "source").glob("*.ipynb"))
# Planted in a solution cell of exercises/source/ex00_two_largest_emitters.ipynb.
MARKER = "SOLUTION-MARKER-7f3a9c"


def _files_containing(folder: Path, text: str) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.is_file() and text in p.read_text(errors="ignore")]


def test_marker_is_planted_in_a_solution_cell():
    notebook = nbformat.read(ROOT / "exercises" / "source" / "ex00_two_largest_emitters.ipynb", as_version=4)
    holders = [c for c in notebook.cells if MARKER in c.source]
    assert holders and all(SOLUTION in c.metadata.get("tags", []) for c in holders)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_committed_student_edition_is_up_to_date(source):
    committed = nbformat.read(ROOT / "exercises" / source.name, as_version=4)
    fresh = student_edition(nbformat.read(source, as_version=4), source.name)
    assert nbformat.writes(committed) == nbformat.writes(fresh), "run ./course build (or scripts/editions.py student)"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_student_edition_has_no_solution_cells_and_no_outputs(source):
    notebook = student_edition(nbformat.read(source, as_version=4), source.name)
    assert all(SOLUTION not in c.metadata.get("tags", []) for c in notebook.cells)
    assert any(STUDENT in c.metadata.get("tags", []) for c in notebook.cells)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")


def test_student_book_and_downloads_hold_no_solution(built_book):
    assert not _files_containing(built_book, MARKER)
    assert (built_book / "_sources" / "exercises" / "ex00_two_largest_emitters.ipynb").exists()
    holders = _files_containing(ROOT / "exercises", MARKER)
    assert holders and all("/source/" in path for path in holders)  # the source holds it, and only the source


def test_release_holds_no_solution(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "editions.py"), "release", str(tmp_path)], check=True)
    released = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    assert released == [p.name for p in SOURCES]
    assert not _files_containing(tmp_path, MARKER)


def test_instructor_book_has_solutions_and_guide(built_instructor_book):
    html = built_instructor_book
    assert _files_containing(html / "exercises", MARKER)
    assert "Rubric for written answers" in (html / "instructor" / "guide.html").read_text()
