"""What the grader writes: grades.csv, totals.csv, a feedback page per student, the class report, the
written answers for manual marking, and the marks file that brings manual marks back in.

Every page is self-contained and offline: the class report loads Vega from the report folder's own
``vega/`` copy of the course's vendored scripts, never from a CDN. Text that comes from a submission
(names, answers, written Markdown) is escaped; written Markdown is rendered with raw HTML disabled.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import altair as alt
import pandas as pd
from markdown_it import MarkdownIt

from ..sphinxext import STATIC_DIR, VEGA_SCRIPTS, chart_html, write_chart_scripts
from .grade import Row
from .spec import Exercise

GRADE_COLUMNS = ["student", "exercise", "question", "points", "max_points", "feedback"]
MARK_COLUMNS = ["student", "exercise", "question", "points", "feedback"]
_markdown = MarkdownIt("commonmark", {"html": False})
STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #bbb;padding:.3rem .6rem;text-align:left;vertical-align:top}
.ok{color:#1a7f37}.no{color:#b42318}.todo{color:#8a6100}.note{background:#f6f6f6;padding:.5rem 1rem;border-left:4px solid #999}
.answer{border:1px solid #ccc;padding:.5rem 1rem;margin:.5rem 0 1.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"""


def number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def slug(text: str) -> str:
    return re.sub(r"[\W_]+", "-", text).strip("-").lower() or "student"


def _page(title: str, body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style>{head}</head><body>\n<h1>{html.escape(title)}</h1>\n{body}\n</body></html>\n")


def grades_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(GRADE_COLUMNS)
    for r in rows:
        writer.writerow([r.student, r.exercise, r.question, number(r.points), number(r.max_points), r.feedback])
    return out.getvalue()


def totals(rows: list[Row], records: list[dict]) -> list[dict]:
    """One line per student and exercise: points, maximum, points still to mark by hand, problems."""
    problems = {(r["student"], r["exercise"] or "?"): "; ".join(r["problems"]) for r in records}
    sums: dict[tuple[str, str], dict] = {}
    for r in rows:
        entry = sums.setdefault((r.student, r.exercise), {"student": r.student, "exercise": r.exercise,
                                                          "points": 0.0, "max_points": 0.0, "unmarked_points": 0.0})
        entry["max_points"] += r.max_points
        if r.points is None:
            entry["unmarked_points"] += r.max_points
        else:
            entry["points"] += r.points
    return [{**entry, "problems": problems.get(key, "")} for key, entry in sorted(sums.items())]


def totals_csv(lines: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "exercise", "points", "max_points", "unmarked_points", "problems"])
    for t in lines:
        writer.writerow([t["student"], t["exercise"], number(t["points"]), number(t["max_points"]),
                         number(t["unmarked_points"]), t["problems"]])
    return out.getvalue()


def read_marks(path: Path, exercises: dict[str, Exercise]) -> dict[tuple[str, str, str], tuple[float, str]]:
    """Manual marks from a marks CSV (columns student, exercise, question, points, feedback); blank points
    are skipped. Raises ValueError naming the line of a mark that is unknown or out of range."""
    marks = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(MARK_COLUMNS[:4]) - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing column(s) {sorted(missing)}")
        for line, row in enumerate(reader, start=2):
            if not (row.get("points") or "").strip():
                continue
            exercise = exercises.get(row["exercise"])
            ids = {q.id for q in exercise.questions} if exercise else set()
            if row["question"] not in ids:
                raise ValueError(f"{path}, line {line}: no question {row['question']!r} in exercise {row['exercise']!r}")
            try:
                points = float(row["points"])
            except ValueError:
                raise ValueError(f"{path}, line {line}: points {row['points']!r} is not a number") from None
            top = exercise.question(row["question"]).points
            if not 0 <= points <= top:
                raise ValueError(f"{path}, line {line}: {points:g} points is outside 0 to {top:g}")
            marks[(row["student"], row["exercise"], row["question"])] = (
                points, (row.get("feedback") or "").strip() or "marked by hand.")
    return marks


def marks_template(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MARK_COLUMNS)
    for r in rows:
        if r.points is None:
            writer.writerow([r.student, r.exercise, r.question, "", ""])
    return out.getvalue()


def _status(r: Row) -> tuple[str, str]:
    if r.points is None:
        return "todo", "to be marked"
    if r.points >= r.max_points:
        return "ok", "✅"
    return ("todo", "part") if r.points > 0 else ("no", "❌")


def feedback_page(student: str, rows: list[Row], lines: list[dict], exercises: dict[str, Exercise]) -> str:
    body = []
    for t in lines:
        exercise = exercises.get(t["exercise"])
        title = f"{t['exercise']}: {exercise.title}" if exercise else t["exercise"]
        body.append(f"<h2>{html.escape(title)}</h2>")
        body.append(f"<p><strong>{number(t['points'])} of {number(t['max_points'])} points</strong>"
                    + (f" ({number(t['unmarked_points'])} still to be marked by hand)" if t["unmarked_points"] else "")
                    + "</p>")
        if t["problems"]:
            body.append(f'<p class="note">{html.escape(t["problems"])}</p>')
        body.append("<table><tr><th>question</th><th></th><th>points</th><th>feedback</th></tr>")
        for r in rows:
            if r.exercise != t["exercise"] or not r.question:
                continue
            css, mark = _status(r)
            heading = exercise.question(r.question).heading if exercise else r.question
            body.append(f'<tr><td>{html.escape(heading)}</td><td class="{css}">{mark}</td>'
                        f"<td>{number(r.points) or '–'} / {number(r.max_points)}</td><td>{html.escape(r.feedback)}</td></tr>")
        body.append("</table>")
    return _page(f"Feedback for {student}", "\n".join(body))


def _charts(rows: list[Row], exercises: dict[str, Exercise]) -> list[tuple[str, dict]]:
    frame = pd.DataFrame([{"student": r.student, "exercise": r.exercise, "question": r.question,
                           "points": r.points, "max_points": r.max_points} for r in rows if r.question])
    if frame.empty:
        return []
    frame["outcome"] = [("to be marked" if pd.isna(p) else "full marks" if p >= m else "part marks" if p > 0
                         else "no marks") for p, m in zip(frame["points"], frame["max_points"])]
    outcomes = ["full marks", "part marks", "no marks", "to be marked"]
    per_question = alt.Chart(frame).mark_bar().encode(
        x=alt.X("question:N", title="question", sort=None),
        y=alt.Y("count():Q", title="students"),
        color=alt.Color("outcome:N", scale=alt.Scale(domain=outcomes, range=["#1a7f37", "#e3a008", "#b42318", "#999999"]),
                        title="result"),
        tooltip=["question", "outcome", "count()"],
    ).properties(title="Results per question", width=560, height=240)
    charts = [("per-question", per_question.to_dict())]
    objective_rows = []
    for (student, exercise_id), group in frame.dropna(subset=["points"]).groupby(["student", "exercise"]):
        exercise = exercises.get(exercise_id)
        if not exercise:
            continue
        earned: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        for _, row in group.iterrows():
            for objective in exercise.question(row["question"]).objectives:
                earned[objective][0] += row["points"]
                earned[objective][1] += row["max_points"]
        objective_rows += [{"student": student, "objective": o, "percent": 100 * p / m} for o, (p, m) in earned.items() if m]
    if objective_rows:
        per_objective = alt.Chart(pd.DataFrame(objective_rows)).mark_boxplot(extent="min-max").encode(
            x=alt.X("objective:N", title="learning objective"),
            y=alt.Y("percent:Q", title="share of the objective's points (%)", scale=alt.Scale(domain=[0, 100])),
        ).properties(title="Results per learning objective (each student's share of the points)", width=560, height=240)
        charts.append(("per-objective", per_objective.to_dict()))
    totals_frame = frame.dropna(subset=["points"]).groupby(["student", "exercise"], as_index=False)["points"].sum()
    histogram = alt.Chart(totals_frame).mark_bar().encode(
        x=alt.X("points:Q", bin=alt.Bin(step=1), title="points (marked so far)"),
        y=alt.Y("count():Q", title="students"),
    ).properties(title="Distribution of totals", width=560, height=200)
    charts.append(("totals", histogram.to_dict()))
    return charts


def wrong_answers(rows: list[Row], top: int = 5) -> dict[str, list[tuple[str, str, int]]]:
    """For each question, its commonest wrong answers with the feedback (hint) they got, and how many."""
    counted: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        if r.correct is False:
            counted[r.question][(r.answer, r.hint or r.feedback)] += 1
    return {q: [(a, f, n) for (a, f), n in sorted(c.items(), key=lambda item: (-item[1], item[0]))[:top]]
            for q, c in sorted(counted.items())}


def class_report(rows: list[Row], collected: dict, exercises: dict[str, Exercise]) -> str:
    head = "".join(f'<script src="vega/{Path(s).name}"></script>' for s in VEGA_SCRIPTS)
    students = sorted({r.student for r in rows})
    body = [f"<p>{len(students)} students; sandbox: <strong>{html.escape(collected['isolation'])}</strong>"
            + ("" if collected["isolation"] == "namespaces" else
               " (no file-system, network or process isolation: see the README's Grading section)") + ".</p>"]
    objectives = any(q.objectives for e in exercises.values() for q in e.questions)
    for name, spec in _charts(rows, exercises):
        body.append(chart_html(spec, f"chart-{name}"))
    if not objectives:
        body.append('<p class="note">The exercise sources name no learning objectives yet, '
                    "so there is no chart per objective.</p>")
    body.append("<h2>Commonest wrong answers</h2>")
    for question, entries in wrong_answers(rows).items():
        body.append(f"<h3>{html.escape(question)}</h3><table><tr><th>answer</th><th>students</th><th>feedback they got</th></tr>")
        body += [f"<tr><td>{html.escape(a)}</td><td>{n}</td><td>{html.escape(f)}</td></tr>" for a, f, n in entries]
        body.append("</table>")
    problems = [(r["student"], r["file"], p) for r in collected["records"] for p in r["problems"]]
    if problems or collected["ignored"]:
        body.append("<h2>Problems</h2><table><tr><th>student</th><th>file</th><th>problem</th></tr>")
        body += [f"<tr><td>{html.escape(s)}</td><td>{html.escape(f)}</td><td>{html.escape(p)}</td></tr>" for s, f, p in problems]
        body += [f"<tr><td>?</td><td>{html.escape(i['file'])}</td><td>{html.escape(i['reason'])}</td></tr>"
                 for i in collected["ignored"]]
        body.append("</table>")
    return _page("Class report", "\n".join(body), head)


def written_page(exercise: Exercise, question, records: list[dict]) -> str:
    body = [f'<div class="note">{_markdown.render(question.marking_notes or "(no marking notes in the source)")}</div>']
    for record in records:
        if record["exercise"] != exercise.id:
            continue
        text = record["written"].get(question.id, "")
        body.append(f"<h2>{html.escape(record['student'])}</h2>")
        body.append(f'<div class="answer">{_markdown.render(text) if text else "<em>no answer</em>"}</div>')
    return _page(f"{question.id}: {question.heading}", "\n".join(body))


def write_all(out: Path, rows: list[Row], collected: dict, exercises: dict[str, Exercise]) -> None:
    """Write every output into ``out`` (the marks file only if it is not there yet: it may hold marks)."""
    out.mkdir(parents=True, exist_ok=True)
    records = collected["records"]
    lines = totals(rows, records)
    (out / "grades.csv").write_text(grades_csv(rows), encoding="utf-8")
    (out / "totals.csv").write_text(totals_csv(lines), encoding="utf-8")
    marks = out / "marks.csv"
    if not marks.exists():
        marks.write_text(marks_template(rows), encoding="utf-8")
    feedback = out / "feedback"
    shutil.rmtree(feedback, ignore_errors=True)
    feedback.mkdir()
    used: set[str] = set()
    for student in sorted({r.student for r in rows}):
        name = slug(student)
        while name in used:
            name += "-x"
        used.add(name)
        page = feedback_page(student, [r for r in rows if r.student == student],
                             [t for t in lines if t["student"] == student], exercises)
        (feedback / f"{name}.html").write_text(page, encoding="utf-8")
    write_chart_scripts(out)
    vega = out / "vega"
    for licence in (STATIC_DIR / "vega").glob("LICENSE*"):
        shutil.copyfile(licence, vega / licence.name)
    (out / "report.html").write_text(class_report(rows, collected, exercises), encoding="utf-8")
    written = out / "written"
    shutil.rmtree(written, ignore_errors=True)
    written.mkdir()
    for exercise_id in sorted({r["exercise"] for r in records if r["exercise"] in exercises}):
        exercise = exercises[exercise_id]
        for question in exercise.questions:
            if question.written:
                (written / f"{question.id}.html").write_text(written_page(exercise, question, records), encoding="utf-8")
