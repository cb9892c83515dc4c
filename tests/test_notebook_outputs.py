"""Every notebook runs, and its checked outputs are the committed ones: nbval's rule, on the
build's own execution, so that a test run executes each notebook once.

The book build executes every notebook of the student book into the Jupyter cache (and the
instructor build the exercise sources and the guide); ``climate_course.press.execute`` empties
that cache whenever the package, the data or the pins change, so what is read here is a run of
today's code. A cell tagged ``nbval-check-output`` must give exactly the output committed with it,
compared as nbval compares it (``--nbval-lax``: stdout and the text/plain of each display and
result). ``pytest --nbval-lax chapters`` still runs nbval itself, by hand.
"""

from __future__ import annotations

import nbformat
import pytest
from jupyter_cache import get_cache

from checked_outputs import checked_cells, comparable
from climate_course.press.execute import cache_path, clear_if_stale, toc_notebooks
from conftest import ROOT

STUDENT_BOOK = toc_notebooks(ROOT)
INSTRUCTOR_ONLY = [*sorted((ROOT / "exercises" / "source").glob("*.ipynb")), ROOT / "instructor" / "guide.ipynb"]


def _executed(path):
    """The notebook at ``path`` with the outputs of the build's execution (KeyError if it has none)."""
    _, notebook = get_cache(str(cache_path(ROOT))).merge_match_into_notebook(nbformat.read(path, as_version=4))
    return notebook


def _assert_ran_and_matches(path):
    try:
        executed = _executed(path)
    except KeyError:
        pytest.fail(f"{path.relative_to(ROOT)} is not in the build's cache: it failed to execute (see the build log)")
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code if cell.source.strip()), "not every code cell ran"
    raised = [i for i, cell in enumerate(executed.cells) if cell.cell_type == "code"
              and any(o.output_type == "error" for o in cell.outputs)
              and "raises-exception" not in cell.metadata.get("tags", [])]
    assert not raised, f"cells {raised} raised an error"
    committed = checked_cells(path)
    for index, want in committed.items():
        assert want != comparable([]), f"cell {index} is checked but has no committed output"
        got = comparable(executed.cells[index].outputs)
        assert got == want, f"{path.relative_to(ROOT)} cell {index}: output differs from the committed one"


@pytest.mark.parametrize("path", STUDENT_BOOK, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_student_book_notebook_runs_and_gives_its_checked_outputs(built_book, path):
    _assert_ran_and_matches(path)


@pytest.mark.parametrize("path", INSTRUCTOR_ONLY, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_instructor_notebook_runs_and_gives_its_checked_outputs(built_instructor_book, path):
    _assert_ran_and_matches(path)



def test_cache_is_emptied_when_the_package_or_data_change_and_only_then(tmp_path):
    for name, text in {"climate_course/model.py": "A = 1\n", "climate_course/press/sphinxext.py": "",
                       "data/table.csv": "a\n1\n", "requirements.txt": "pandas==2\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    cache = tmp_path / "_build" / "cache"
    assert not clear_if_stale(cache, tmp_path / "climate_course")
    (cache / "executed").mkdir()
    assert not clear_if_stale(cache, tmp_path / "climate_course") and (cache / "executed").exists()
    (tmp_path / "climate_course/press/sphinxext.py").write_text("# publishing only\n")
    assert not clear_if_stale(cache, tmp_path / "climate_course")
    for name in ("climate_course/model.py", "data/table.csv", "requirements.txt"):
        (tmp_path / name).write_text((tmp_path / name).read_text() + "2\n")
        (cache / "executed").mkdir(exist_ok=True)
        assert clear_if_stale(cache, tmp_path / "climate_course") and not (cache / "executed").exists(), name
