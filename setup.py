"""Build hook: an installed course package carries its tables.

The repository keeps one copy of the curated tables, in the top-level ``data/``.
An editable install (``pip install -e .``, what ``requirements.txt`` does) reads
them there. A regular install or a wheel (Binder's ``pip install .``, the
in-browser edition) gets a copy inside the package, ``climate_course/_data/``,
which :func:`climate_course.data.default_data_dir` finds. Everything else is
configured in ``pyproject.toml``.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA = Path(__file__).parent / "data"
TABLE_SUFFIXES = (".csv", ".meta.json")


class BuildPyWithData(build_py):
    """Copy every table and its metadata into ``climate_course/_data`` of the build."""

    def run(self):
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "climate_course" / "_data"
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted(DATA.iterdir()):
            if path.name.endswith(TABLE_SUFFIXES):
                shutil.copy2(path, target / path.name)


setup(cmdclass={"build_py": BuildPyWithData})
