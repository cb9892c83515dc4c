"""The lite site fixture shared by the lite tests: ``./course build``'s site, built here if absent or stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from climate_course.press import lite
from conftest import ROOT


def _inputs_newer_than(stamp: Path) -> bool:
    built = stamp.stat().st_mtime
    inputs = [*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("exercises/*.ipynb"), *ROOT.glob("climate_course/**/*.py"),
              *ROOT.glob("lite/*"), *ROOT.glob("data/*")]
    return any(path.stat().st_mtime > built for path in inputs)


@pytest.fixture(scope="session")
def lite_site() -> Path:
    """The built lite site, (re)built once if it is missing or stale."""
    stamp = lite.OUTPUT / "jupyter-lite.json"
    if not stamp.exists() or _inputs_newer_than(stamp):
        try:
            lite.build()
        except lite.LiteBuildError as error:
            pytest.fail(f"the lite build failed: {error}")
    return lite.OUTPUT


