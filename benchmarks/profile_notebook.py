"""Where a notebook's execution time goes: its code cells run under cProfile (CPU time, so a
shared machine does not distort it), in one IPython shell as a kernel would run them, charts'
display formatting included.

Usage:  .venv/bin/python benchmarks/profile_notebook.py NOTEBOOK [--out FILE.prof] [--top N]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path


def profile_notebook(notebook: Path) -> cProfile.Profile:
    """Run every code cell of ``notebook`` (from its folder) under a CPU-time profiler."""
    cells = ["".join(c["source"]) for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    os.chdir(notebook.parent)
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()  # before IPython's own import, as a kernel pays for it too
    from IPython.core.interactiveshell import InteractiveShell
    shell = InteractiveShell.instance()
    for source in cells:
        result = shell.run_cell(source, store_history=False)
        if not result.success:
            raise SystemExit(f"{notebook}: a cell failed: {result.error_in_exec or result.error_before_exec}")
    profiler.disable()
    return profiler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--out", type=Path, help="also save the profile (for pstats or snakeviz)")
    parser.add_argument("--top", type=int, default=40, help="rows to print, by cumulative time")
    args = parser.parse_args()
    out = args.out and args.out.resolve()
    profiler = profile_notebook(args.notebook.resolve())
    if out:
        profiler.dump_stats(out)
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
