"""``./course grade SUBMISSIONS/ [--out FOLDER]``: grade a class's notebooks (see the README's Grading section).

``./course grade --merge-marks MARKS.csv --out FOLDER`` adds manual marks (of written answers) to a
folder graded before, without running any notebook again.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ...data import default_data_dir
from .grade import collect, load_records, save_records, score
from .report import read_marks, write_all
from .run import Limits, isolation
from .spec import read_exercises

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "exercises" / "source"
RECORDS = "records.json"


def render(out: Path, collected: dict, marks_file: Path | None = None) -> list:
    """Score the saved records and write every output; marks come from ``marks_file`` or ``out/marks.csv``."""
    exercises = read_exercises(SOURCES)
    marks_file = marks_file or out / "marks.csv"
    marks = read_marks(marks_file, exercises) if marks_file.exists() else {}
    rows = score(collected["records"], exercises, marks)
    write_all(out, rows, collected, exercises)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./course grade", description=__doc__.splitlines()[0])
    parser.add_argument("submissions", nargs="?", type=Path, help="folder of submitted notebooks")
    parser.add_argument("--out", type=Path, default=Path("grading"), help="where to write the results (default: grading/)")
    parser.add_argument("--exercise", help="the exercise assigned (e.g. ex02): any other notebook is reported as the wrong exercise")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks run at once (default: one per core)")
    parser.add_argument("--timeout", type=float, default=Limits.timeout, help="seconds a whole notebook may run (default %(default)s)")
    parser.add_argument("--cell-timeout", type=float, default=Limits.cell_timeout, help="seconds one cell may run before it is interrupted (default %(default)s)")
    parser.add_argument("--memory", type=int, default=Limits.memory >> 20, help="MiB of memory per notebook (default %(default)s)")
    parser.add_argument("--no-sandbox", action="store_true",
                        help="run without the namespace sandbox when this machine cannot build it (trusted notebooks only)")
    parser.add_argument("--merge-marks", type=Path, metavar="MARKS.csv",
                        help="add manual marks to the results already in --out (nothing is run)")
    args = parser.parse_args(argv)
    exercises = read_exercises(SOURCES)
    if args.merge_marks:
        collected = load_records(args.out / RECORDS)
        rows = render(args.out, collected, args.merge_marks)
        print(f"merged marks from {args.merge_marks}: {sum(r.points is None for r in rows)} answers still unmarked; "
              f"wrote {args.out / 'grades.csv'}")
        return 0
    if args.submissions is None or not args.submissions.is_dir():
        parser.error("give the folder of submissions (or --merge-marks)")
    if args.exercise and args.exercise not in exercises:
        parser.error(f"no exercise {args.exercise!r}; known: {', '.join(sorted(exercises))}")
    mode = isolation()
    if mode != "namespaces":
        if not args.no_sandbox:
            print("This machine cannot build the grading sandbox (Linux namespaces via 'unshare'), so student code "
                  "would run with your permissions, network and files. Run the grader as root, in a container "
                  "(see the README's Grading section), or pass --no-sandbox for notebooks you trust.", file=sys.stderr)
            return 2
        print("warning: no sandbox: notebooks run with your user's files and network (only time and memory limits)",
              file=sys.stderr)
    limits = Limits(timeout=args.timeout, cell_timeout=args.cell_timeout, memory=args.memory << 20)
    start = time.monotonic()
    collected = collect(args.submissions, exercises, default_data_dir(), assignment=args.exercise, limits=limits,
                        jobs=args.jobs, sandbox=mode)
    args.out.mkdir(parents=True, exist_ok=True)
    save_records(collected, args.out / RECORDS)
    rows = render(args.out, collected)
    students = len({r["student"] for r in collected["records"]})
    print(f"graded {len(collected['records'])} notebooks of {students} students in {time.monotonic() - start:.0f} s "
          f"(sandbox: {mode}); {len(collected['ignored'])} files left out (see report.html)")
    print(f"wrote {args.out}/grades.csv, totals.csv, report.html, feedback/, written/, marks.csv")
    return 0
