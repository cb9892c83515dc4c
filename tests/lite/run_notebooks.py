"""Runs inside Pyodide (see run_in_pyodide.js): each notebook's code cells in a fresh IPython namespace.

For every code cell it records what a Jupyter kernel would send: stdout text, and the
``text/plain`` of each display and of the execute result; and the first error, if any.
"""

import json
import time

from IPython.core.displayhook import DisplayHook
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output


class RecordingDisplayHook(DisplayHook):
    """Keeps the execute result's formatted data instead of printing ``Out[n]:``."""

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        self.shell.last_result_data = format_dict


shell = InteractiveShell.instance(displayhook_class=RecordingDisplayHook)


def run_notebook(notebook_json: str) -> str:
    notebook = json.loads(notebook_json)
    shell.reset(new_session=True)
    shell.user_ns["__name__"] = "__main__"
    cells, started = [], time.perf_counter()
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        shell.last_result_data = None
        with capture_output(display=True) as captured:
            result = shell.run_cell(source, store_history=True)
        outputs = []
        if captured.stdout:
            outputs.append({"kind": "stdout", "text": captured.stdout})
        outputs += [{"kind": "display", "text": out.data.get("text/plain", "")} for out in captured.outputs]
        if shell.last_result_data is not None:
            outputs.append({"kind": "result", "text": shell.last_result_data.get("text/plain", "")})
        error = result.error_before_exec or result.error_in_exec
        cells.append({"index": index, "outputs": outputs,
                      "error": None if error is None else f"{type(error).__name__}: {error}\n{captured.stderr[-2000:]}"})
        if error is not None:
            break
    return json.dumps({"cells": cells, "seconds": time.perf_counter() - started})
