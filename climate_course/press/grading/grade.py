"""Grade a folder of submissions: find them, run each in the sandbox, score in this process.

:func:`collect` does the expensive part (one sandboxed run per notebook, in parallel) and returns
records: plain JSON data about each submission (its answers as tagged values, its written answers, the
problems met). :func:`score` turns records into grade rows with the course's own registered checks and
the points from the exercise source; it runs in the grader's process only. The records are saved, so
manual marks can be merged later without running anything again.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Iterable

import nbformat

from ...exercises import registered_checks
from . import answers
from .layouts import Ignored, Submission, discover
from .run import Limits, isolation, run_job
from ..translation import translated_forms
from .spec import EXERCISE_ID, Exercise, question_heading, question_meta

MAX_NOTEBOOK_BYTES = 20 << 20
PLACEHOLDER = "*Your answer here.*"  # the written-answer cell as it comes, translated by the catalogs
NAMED_EXERCISE = re.compile(r"(?:^|[_\-\s])(ex\d+[a-z]?)_")


@dataclass
class Row:
    """One line of grades.csv, plus what the class report needs."""

    student: str
    exercise: str
    question: str
    points: float | None  # None: a written answer not marked yet
    max_points: float
    feedback: str
    answer: str = ""  # a short description of the answer (class report)
    correct: bool | None = None
    hint: str = ""  # the check's own message, without the notes the grader adds (class report)


def _exercise_in_name(path: Path) -> str | None:
    match = NAMED_EXERCISE.search(path.name)
    return match.group(1) if match else None


def exercises_in(notebook) -> set[str]:
    """The exercises whose questions a notebook holds: from its heading cells' metadata and its check calls."""
    found = set()
    for cell in notebook.cells:
        meta = question_meta(cell)
        if meta and isinstance(meta["question"], str):
            found.add(meta["question"].split(".")[0])
        if cell.cell_type == "code":
            found.update(re.findall(r"check\(\s*[\"'](ex\d+[a-z]?)\.q\d+", cell.source))
    return found


def _sections(notebook, exercise: Exercise) -> dict[str, list[int]]:
    """For each question, the indices of the cells under its heading (heading by metadata, else by text)."""
    starts: list[tuple[int, str]] = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "markdown":
            continue
        meta = question_meta(cell)
        match = question_heading().match(cell.source)
        if meta and meta["question"] in {q.id for q in exercise.questions}:
            starts.append((index, meta["question"]))
        elif match and f"{exercise.id}.q{match.group(1)}" in {q.id for q in exercise.questions}:
            starts.append((index, f"{exercise.id}.q{match.group(1)}"))
    sections = {}
    for n, (index, qid) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(notebook.cells)
        sections.setdefault(qid, list(range(index + 1, end)))
    return sections


def written_answers(notebook, exercise: Exercise, sections: dict[str, list[int]]) -> dict[str, str]:
    texts = {}
    untouched = set(translated_forms(PLACEHOLDER))
    for question in exercise.questions:
        if question.written:
            parts = [notebook.cells[i].source.strip() for i in sections.get(question.id, [])
                     if notebook.cells[i].cell_type == "markdown"]
            texts[question.id] = "\n\n".join(p for p in parts if p and p not in untouched)
    return texts


def _record(submission: Submission, root: Path, expected: str | None) -> dict:
    return {"student": submission.student, "file": str(submission.path.relative_to(root)),
            "layout": submission.layout, "exercise": expected, "problems": [], "cell_errors": [],
            "answers": {}, "written": {}, "question_of_cell": {}, "runnable": False}


def _prepare(submission: Submission, root: Path, exercises: dict[str, Exercise], assignment: str | None):
    """A record for the submission and, if it can be run, the job for the sandbox."""
    named = _exercise_in_name(submission.path)
    expected = assignment or (named if named in exercises else None)
    record = _record(submission, root, expected)
    size = submission.path.stat().st_size
    if size > MAX_NOTEBOOK_BYTES:
        record["problems"].append(f"the file is {size >> 20} MB, larger than the {MAX_NOTEBOOK_BYTES >> 20} MB allowed")
        return record, None
    try:
        original = submission.path.read_text(encoding="utf-8")
        notebook = nbformat.reads(original, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:
        text = str(error)
        reason = ("it is not valid JSON (cut short or damaged)" if "JSON" in text or isinstance(error, ValueError)
                  and not text.strip() else (text.splitlines() or [type(error).__name__])[0][:200])
        record["problems"].append(f"not a readable notebook (.ipynb): {reason}")
        return record, None
    inside = exercises_in(notebook) & set(exercises)
    if len(inside) != 1:
        what = "no course exercise" if not inside else f"questions of several exercises ({', '.join(sorted(inside))})"
        record["problems"].append(f"this notebook holds {what}")
        return record, None
    found = inside.pop()
    if expected is None:
        expected = record["exercise"] = found
    if found != expected:
        record["problems"].append(f"wrong exercise: this notebook is {found} ({exercises[found].title}), "
                                  f"but {expected} was expected")
        return record, None
    exercise = exercises[expected]
    sections = _sections(notebook, exercise)
    record["written"] = written_answers(notebook, exercise, sections)
    code = [i for i, c in enumerate(notebook.cells) if c.cell_type == "code"]
    record["question_of_cell"] = {str(i + 1): qid for qid, cells in sections.items() for i in cells}
    variables = sorted(q.variable for q in exercise.questions if q.variable)
    run = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    run.cells = [nbformat.v4.new_code_cell(notebook.cells[i].source) for i in code]
    run.cells.append(nbformat.v4.new_code_cell(answers.extraction_cell(variables)))
    record["runnable"] = True
    job = {"notebook": nbformat.writes(run), "original": original, "variables": variables,
           "cell_numbers": [i + 1 for i in code]}
    return record, job


def _latest(submissions: list[Submission], exercises, assignment) -> tuple[list[Submission], list[Ignored]]:
    """One submission per student and exercise (named in the file): the latest attempt; the rest reported."""
    groups: dict[tuple[str, str], list[Submission]] = {}
    for s in submissions:
        groups.setdefault((s.student, assignment or _exercise_in_name(s.path) or s.path.name), []).append(s)
    kept, ignored = [], []
    for _, group in sorted(groups.items()):
        group.sort(key=lambda s: (s.order, s.path.name))
        kept.append(group[-1])
        ignored += [Ignored(s.path, f"an earlier or second notebook of {s.student}; graded {group[-1].path.name}")
                    for s in group[:-1]]
    return kept, ignored


def collect(folder: Path, exercises: dict[str, Exercise], data_dir: Path, *, assignment: str | None = None,
            limits: Limits = Limits(), jobs: int | None = None, sandbox: str | None = None,
            progress: bool = True, only: set[str] | None = None) -> dict:
    """Run every submission in ``folder`` (of the students in ``only``, if given); return the records
    (JSON-able) and what was left out."""
    folder = folder.resolve()
    mode = sandbox or isolation()
    found, ignored = discover(folder)
    if only is not None:
        found = [s for s in found if s.student in only]
    kept, duplicates = _latest(found, exercises, assignment)
    prepared = [_prepare(s, folder, exercises, assignment) for s in kept]
    runnable = [(record, job) for record, job in prepared if job]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(runnable) or 1))
    with tempfile.TemporaryDirectory(prefix="course-grade-") as jobs_root:
        os.chmod(jobs_root, 0o755)
        specs = [{**job, "index": n, "jobs_root": jobs_root, "isolation": mode, "limits": asdict(limits),
                  "data_dir": str(data_dir)} for n, (_, job) in enumerate(runnable)]
        results = _map(specs, jobs, progress)
    for (record, _), result in zip(runnable, results):
        record["answers"] = result["payload"]
        record["problems"] += result["problems"]
        record["cell_errors"] = result["cell_errors"]
    records = sorted((r for r, _ in prepared), key=lambda r: (r["student"], r["exercise"] or "", r["file"]))
    return {"isolation": mode, "limits": asdict(limits), "assignment": assignment, "records": records,
            "ignored": [{"file": str(i.path.relative_to(folder)), "reason": i.reason}
                        for i in sorted(ignored + duplicates, key=lambda i: str(i.path))]}


def _map(specs: list[dict], jobs: int, progress: bool) -> list[dict]:
    from tqdm import tqdm

    if not specs:
        return []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(run_job, spec) for spec in specs]
        bar = tqdm(total=len(futures), desc="grading", unit="notebook", disable=not progress)
        from concurrent.futures import as_completed

        for _ in as_completed(futures):
            bar.update()
        bar.close()
        return [_result(f) for f in futures]


def _result(future) -> dict:
    try:
        return future.result()
    except Exception as error:  # a worker of the grader died: that notebook is reported, the rest stand
        return {"payload": {}, "cell_errors": [],
                "problems": [f"the grader's worker for this notebook failed ({type(error).__name__})"]}


def _cell_note(record: dict, qid: str) -> str:
    errors = [e for e in record["cell_errors"] if record["question_of_cell"].get(str(e["cell"])) == qid]
    if not errors:
        return ""
    e = errors[0]
    what = "did not finish in time and was interrupted" if e["ename"] in ("CellTimeout", "KeyboardInterrupt") else \
        f"raised {e['ename']}" + (f": {e['evalue']}" if e["evalue"] else "")
    return f" (cell {e['cell']} {what})"


def score(records: Iterable[dict], exercises: dict[str, Exercise], marks: dict | None = None) -> list[Row]:
    """Grade rows for the records, scored with the registered checks; ``marks`` (from
    :func:`report.read_marks`) give the points of written answers."""
    checks = registered_checks()
    marks = marks or {}
    rows: list[Row] = []
    for record in records:
        exercise = exercises.get(record["exercise"] or "")
        if exercise is None:
            rows.append(Row(record["student"], record["exercise"] or "?", "", 0, 0,
                            "; ".join(record["problems"]) or "no exercise found"))
            continue
        ran = bool(record["answers"])
        failure = "; ".join(record["problems"])
        for q in exercise.questions:
            mark = marks.get((record["student"], exercise.id, q.id))
            if not record.get("runnable"):
                rows.append(Row(record["student"], exercise.id, q.id, 0, q.points, failure))
                continue
            if q.written:  # read from the file, not from the run: a crash elsewhere does not lose it
                text = record["written"].get(q.id, "")
                if mark:
                    row = Row(record["student"], exercise.id, q.id, mark[0], q.points, mark[1], correct=None)
                elif not text:
                    row = Row(record["student"], exercise.id, q.id, 0, q.points, "no written answer.")
                else:
                    row = Row(record["student"], exercise.id, q.id, None, q.points, "written answer: to be marked by hand.")
                rows.append(row)
                continue
            if not ran:
                rows.append(Row(record["student"], exercise.id, q.id, 0, q.points, failure or "no answers read back."))
                continue
            payload = record["answers"].get(q.variable, {"type": "missing"})
            value = answers.decode_value(payload)
            try:
                feedback = checks[q.id](value)
                correct, message = bool(feedback.correct), str(feedback.message)
            except Exception as error:  # a check must never stop the grading of a class
                correct, message = False, f"the check could not read this answer ({type(error).__name__})."
            hint = message
            if answers.is_missing(payload):
                message = f"no variable {q.variable} at the end of the notebook: assign your answer to {q.variable}."
            if not correct:
                message += _cell_note(record, q.id)
            points = q.points if correct else 0
            if mark:  # a manual mark overrides the automatic one
                points, message = mark
            rows.append(Row(record["student"], exercise.id, q.id, points, q.points, message,
                            answer=answers.describe(payload), correct=correct, hint=hint))
    return rows


def save_records(collected: dict, path: Path) -> None:
    path.write_text(json.dumps(collected, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def load_records(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))
