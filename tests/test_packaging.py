"""An installed course package (a wheel, Binder's ``pip install .``, the in-browser edition) finds its
tables without the repository beside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    wheels = tmp_path_factory.mktemp("wheel")
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(wheels), str(ROOT)], check=True)
    wheel = next(wheels.glob("climate_course-*.whl"))
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
