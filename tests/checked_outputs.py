"""The outputs of cells tagged ``nbval-check-output``, in the form nbval compares them."""

from __future__ import annotations

from pathlib import Path

import nbformat

from climate_course.press.editions import CHECKED


def comparable(outputs: list[dict]) -> dict:
    """Outputs as nbval compares them: stdout text, each display's and the result's text/plain."""
    stdout, displays, result = "", [], None
    for output in outputs:
        kind = output.get("kind") or output["output_type"]
        text = output.get("text")
        if text is None:
            text = output.get("data", {}).get("text/plain", "")
        text = "".join(text) if isinstance(text, list) else text
        if kind in ("stdout", "stream") and output.get("name", "stdout") == "stdout":
            stdout += text
        elif kind in ("display", "display_data"):
            displays.append(text.rstrip())
        elif kind in ("result", "execute_result"):
            result = text.rstrip()
    return {"stdout": stdout.rstrip(), "displays": displays, "result": result}


def checked_cells(notebook: nbformat.NotebookNode | Path) -> dict[int, dict]:
    """The checked cells of a notebook (or of the file at a path), by index, as ``comparable`` gives them."""
    if isinstance(notebook, Path):
        notebook = nbformat.read(notebook, as_version=4)
    return {index: comparable(cell.outputs) for index, cell in enumerate(notebook.cells)
            if cell.cell_type == "code" and CHECKED in cell.metadata.get("tags", [])}
