"""Execute chapter notebooks and keep only the outputs that nbval checks.

Usage:  python scripts/refresh_outputs.py chapters/00_two_largest_emitters.ipynb [...]

Cells tagged ``nbval-check-output`` keep their fresh outputs (nbval compares them
exactly on every test run); every other output is cleared, so the repository holds
no bulky chart JSON and no widget state. The book executes notebooks itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

CHECK_TAG = "nbval-check-output"


def refresh(path: Path) -> int:
    """Execute ``path`` in its folder, strip unchecked outputs, save; return checked cells."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    checked = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if CHECK_TAG in cell.metadata.get("tags", []):
            checked += 1
        else:
            cell.outputs = []
            cell.execution_count = None
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    return checked


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {refresh(Path(name))} checked cell(s) refreshed")
