"""Shared fixtures: the repository root and a built copy of the book (both language editions)."""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check invariants, not speed: a loaded CI machine must not fail them on time.
settings.register_profile("course", deadline=None)
settings.load_profile("course")

ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = ROOT / "_build" / "html"
BIN = Path(sys.executable).parent


def in_chinese(page: Path):
    """A notebook of the book with its Markdown translated from its catalog, as the Chinese edition has it."""
    import nbformat
    import polib

    from climate_course.press.translation import Source, translate_markdown

    catalog = Source(str(page.relative_to(ROOT))).catalog_path("zh_CN")
    done = {e.msgid: e.msgstr for e in polib.pofile(str(catalog)) if e.msgstr and "fuzzy" not in e.flags}
    notebook = nbformat.read(page, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = translate_markdown(cell.source, done.get)
    return notebook


#: Test files whose tests spread over the workers one by one (each opens its own page); every other
#: file stays whole on one worker, so that the fixtures it makes are made once.
SPREAD_ONE_BY_ONE = {"test_book.py"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Group each test by its file for pytest-xdist's ``--dist loadgroup``, but for :data:`SPREAD_ONE_BY_ONE`."""
    for item in items:
        if item.path.name not in SPREAD_ONE_BY_ONE:
            item.add_marker(pytest.mark.xdist_group(item.path.stem))


def build_book() -> dict:
    """Execute the notebooks into the cache (one per core), then build the book (warnings are errors),
    then the same for the Chinese edition (its own source tree and cache) into ``zh/``."""
    steps = [[sys.executable, "-m", "climate_course.press.execute", str(ROOT)],
             [str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"],
             [sys.executable, "-m", "climate_course.press.zh_edition", "build"]]
    log = ""
    for command in steps:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        log += f"{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
        if result.returncode != 0:
            return {"returncode": result.returncode, "log": log}
    return {"returncode": 0, "log": log}


def once_per_run(name: str, make, tmp_path_factory, worker_id) -> dict:
    """Run ``make()`` (which returns a JSON-able outcome) once per test run, whatever the workers.

    With pytest-xdist every worker asks for it: the first one runs it, under a lock in the
    run's shared temporary folder, and the others wait for it and read its outcome.
    """
    if worker_id == "master":  # a single process: nothing to share
        return make()
    shared = tmp_path_factory.getbasetemp().parent
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = shared / f"{name}.json"
        if not record.exists():
            record.write_text(json.dumps(make()))
        return json.loads(record.read_text())


@pytest.fixture(scope="session")
def built_book(tmp_path_factory, worker_id) -> Path:
    """Build the book once per test run and return the HTML folder."""
    outcome = once_per_run("built-book", build_book, tmp_path_factory, worker_id)
    if outcome["returncode"] != 0:
        pytest.fail(f"book build failed or warned:\n{outcome['log']}")
    return BUILD_DIR


@pytest.fixture(scope="session")
def built_instructor_book(built_book, tmp_path_factory, worker_id) -> Path:
    """Build the instructor edition once per test run, with the README's command, after the student
    book (the two share the Jupyter cache, so only the exercise sources and the guide execute)."""
    def build() -> dict:
        result = subprocess.run([str(ROOT / "course"), "instructor"], cwd=ROOT, capture_output=True, text=True)
        return {"returncode": result.returncode, "log": result.stdout[-4000:] + result.stderr[-2000:]}

    outcome = once_per_run("built-instructor-book", build, tmp_path_factory, worker_id)
    if outcome["returncode"] != 0:
        pytest.fail(f"instructor build failed or warned:\n{outcome['log']}")
    return ROOT / "_build" / "instructor" / "_build" / "html"
