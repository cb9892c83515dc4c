"""The lite site fixture shared by the lite tests: ``./course build``'s site, built here if absent or stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from climate_course.press import lite
from conftest import ROOT, once_per_run


def _inputs_newer_than(stamp: Path) -> bool:
    built = stamp.stat().st_mtime
    inputs = [*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("exercises/*.ipynb"), *ROOT.glob("climate_course/**/*.py"),
              *ROOT.glob("lite/*"), *ROOT.glob("data/*"), *ROOT.glob("locales/**/*.po")]
    return any(path.stat().st_mtime > built for path in inputs)


def _build_if_stale() -> dict:
    stamp = lite.OUTPUT / "jupyter-lite.json"
    if stamp.exists() and not _inputs_newer_than(stamp):
        return {"error": None}
    try:
        lite.build()
    except lite.LiteBuildError as error:
        return {"error": str(error)}
    return {"error": None}


@pytest.fixture(scope="session")
def lite_site(tmp_path_factory, worker_id) -> Path:
    """The built lite site, (re)built once per test run if it is missing or stale (workers share it)."""
    outcome = once_per_run("lite-site", _build_if_stale, tmp_path_factory, worker_id)
    if outcome["error"]:
        pytest.fail(f"the lite build failed: {outcome['error']}")
    return lite.OUTPUT
