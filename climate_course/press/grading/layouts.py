"""Who handed in which notebook: one folder per student, or the flat names LMS exports use.

Recognised (anything else is reported, never guessed):

* a folder per student: ``SUBMISSIONS/<student>/<any>.ipynb``;
* Canvas: ``<name>[_late]_<user id>_<submission id>_<original name>.ipynb``;
* Moodle: ``<Full Name>_<participant id>_assignsubmission_file_<original name>.ipynb``, as a flat file or
  as a folder ``<Full Name>_<id>_assignsubmission_file_/`` holding the notebook;
* Blackboard: ``<assignment>_<username>_attempt_<YYYY-MM-DD-HH-MM-SS>[_<original name>].ipynb``; of several
  attempts the latest is graded.

The exercise comes from the notebook's own question cells (see :func:`exercise_of`), so a renamed file
still grades and a file for another exercise is caught.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CANVAS = re.compile(r"^(?P<student>[A-Za-z][A-Za-z0-9-]*?)(?:_late)?_(?P<uid>\d+)_(?P<sid>\d+)_(?P<original>.+)$")
MOODLE = re.compile(r"^(?P<student>.+?)_(?P<uid>\d+)_assignsubmission_file_(?P<original>.*)$")
BLACKBOARD = re.compile(
    r"^(?P<assignment>.+?)_(?P<student>[^_]+)_attempt_(?P<stamp>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})(?:_(?P<original>.*))?$")


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path
    layout: str  # folder, canvas, moodle, blackboard
    order: str = ""  # sorts attempts of one student: the latest is graded


@dataclass(frozen=True)
class Ignored:
    path: Path
    reason: str


def _flat(path: Path) -> Submission | None:
    stem = path.name[: -len(".ipynb")]
    if m := MOODLE.match(stem):
        return Submission(m["student"].strip(), path, "moodle")
    if m := BLACKBOARD.match(stem):
        return Submission(m["student"], path, "blackboard", m["stamp"])
    if m := CANVAS.match(stem):
        return Submission(f"{m['student']}_{m['uid']}", path, "canvas", m["sid"])
    return None


def discover(folder: Path) -> tuple[list[Submission], list[Ignored]]:
    """Every notebook in ``folder`` with its student (latest attempt per student and file), and what was
    left out and why."""
    found: list[Submission] = []
    ignored: list[Ignored] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            notebooks = sorted(p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
            moodle = MOODLE.match(path.name)
            student = moodle["student"].strip() if moodle else path.name
            if not notebooks:
                ignored.append(Ignored(path, "a folder with no .ipynb notebook in it"))
            found += [Submission(student, p, "moodle" if moodle else "folder") for p in notebooks]
        elif path.suffix == ".ipynb":
            submission = _flat(path)
            if submission:
                found.append(submission)
            else:
                ignored.append(Ignored(path, "file name matches no known layout (student folder, Canvas, Moodle, "
                                             "Blackboard): rename it or put it in a folder named after the student"))
        else:
            ignored.append(Ignored(path, "not a notebook (.ipynb)"))
    return found, ignored
