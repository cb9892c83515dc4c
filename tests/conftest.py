"""Shared fixtures: the repository root and a built copy of the book."""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book once per test session (warnings are errors) and return the HTML folder."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"],
        cwd=ROOT, capture_output=True, text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"book build failed or warned:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}")
    return BUILD_DIR
