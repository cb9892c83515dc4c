"""Evaluate a static chart's Vega-Lite spec with the book's copy of Vega (in Node), for the lab tests.

``vega_data(spec, **signals)`` sets the bound parameters to ``signals`` and
returns the computed datasets, so a test can compare the browser's numbers
with the Python model. Tests using it are skipped where Node is not installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("vega_data.js")
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")


def vega_data(spec: dict, **signals) -> dict[str, list[dict]]:
    """Every named dataset of the compiled spec after setting ``signals`` (inline source data left out)."""
    result = subprocess.run(["node", str(SCRIPT)], check=False, input=json.dumps({"spec": spec, "signals": signals}),
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return {k: v for k, v in json.loads(result.stdout).items() if not k.startswith("data-")}


def rows_with(data: dict[str, list[dict]], *fields: str) -> list[dict]:
    """Rows of the first dataset whose rows carry all ``fields``."""
    for rows in data.values():
        if rows and all(f in rows[0] for f in fields):
            return rows
    raise KeyError(f"no dataset has fields {fields}")
