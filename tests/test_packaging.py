"""An installed course package (a wheel, Binder's ``pip install .``, the in-browser edition) finds its
tables without the repository beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from climate_course.press.lite import build_course_wheel

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys
import climate_course
from climate_course.data import default_data_dir, load_table, table_names
print(json.dumps({"package": climate_course.__file__, "data": str(default_data_dir()),
                  "rows": {name: len(load_table(name)) for name in table_names()}}))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The course wheel built from this checkout and unpacked with ``pip install --target``."""
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    wheel = build_course_wheel(tmp_path_factory.mktemp("wheel"))
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    return target


def test_installed_package_loads_every_table_from_its_own_copy(installed, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(installed)}
    env.pop("CLIMATE_COURSE_DATA", None)
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, env=env, check=True,
                            capture_output=True, text=True)
    probe = json.loads(result.stdout)
    assert Path(probe["package"]).is_relative_to(installed), "the test must import the installed copy"
    assert Path(probe["data"]) == installed / "climate_course" / "_data"
    from climate_course.data import load_table, table_names

    assert probe["rows"] == {name: len(load_table(name)) for name in table_names()}


# A chapter executed by a kernel that sees only the installed package: in a temporary folder,
# with no data/ beside it. By default the installed copy is laid over this test environment
# (which has binder/requirements.txt's exact versions, see test_binder.py): seconds. With
# COURSE_BINDER_VENV=1 (the weekly workflow) it is a fresh venv from binder/requirements.txt,
# as Binder builds it: minutes, most of them spent downloading.
CHAPTER = ROOT / "chapters" / "00_two_largest_emitters.ipynb"
RUN_CHAPTER = """
import json, sys
import nbformat
from nbclient import NotebookClient
notebook = nbformat.read(sys.argv[1], as_version=4)
notebook.cells.append(nbformat.v4.new_code_cell(
    "import json, climate_course, climate_course.data as d\\n"
    "print(json.dumps({'package': climate_course.__file__, 'data': str(d.default_data_dir())}))"))
NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=False).execute()
print(notebook.cells[-1].outputs[0]["text"])
"""


@pytest.fixture(scope="module")
def runtime(installed, tmp_path_factory) -> tuple[str, dict, Path]:
    """(python, environment, site folder) of an environment where the course is installed, not editable."""
    env = {key: value for key, value in os.environ.items() if key not in ("CLIMATE_COURSE_DATA", "PYTHONPATH")}
    if os.environ.get("COURSE_BINDER_VENV") != "1":
        return sys.executable, {**env, "PYTHONPATH": str(installed)}, installed
    venv = tmp_path_factory.mktemp("binder-venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"], cwd=ROOT, check=True)
    subprocess.run([python, "-m", "pip", "check"], check=True)
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    return python, env, Path(site)


def test_a_chapter_runs_on_the_installed_package(runtime, tmp_path):
    python, env, site = runtime
    notebook = tmp_path / CHAPTER.name
    notebook.write_bytes(CHAPTER.read_bytes())
    result = subprocess.run([python, "-c", RUN_CHAPTER, str(notebook)], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(probe["package"]).is_relative_to(site), "the kernel must import the installed copy"
    assert Path(probe["data"]) == site / "climate_course" / "_data"
