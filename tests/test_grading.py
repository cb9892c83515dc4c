"""The grader: a planted class of submissions gets exactly the points it earned, whatever it tries;
released notebooks filled with the reference answers get full marks; names from LMS exports are
recognised; junk answers and junk marks are reported, never trusted.

Hints are another helper's to change, so the tests assert points and reasons, not hint texts.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, strategies as st

from climate_course.exercises import registered_checks
from climate_course.data import default_data_dir
from climate_course.press.grading import answers, layouts
from climate_course.press.grading.cli import SOURCES, main, render
from climate_course.press.grading.fixtures import PLANTED, filled_in, planted_class
from climate_course.press.editions import student_edition
from climate_course.press.grading.grade import _sections, collect, load_records, score, written_answers
from climate_course.press.grading.report import read_marks
from climate_course.press.grading.run import Limits, isolation
from climate_course.press.grading.spec import read_exercise, read_exercises
from conftest import ROOT, in_chinese

EXERCISES = read_exercises(SOURCES)
EX00 = next(SOURCES.glob("ex00_*.ipynb"))
EX11A = next(SOURCES.glob("ex11a_*.ipynb"))
SANDBOX = isolation()
# Short limits keep the test cheap: a planted ex00 notebook's cells need about a second of CPU.
LIMITS = Limits(timeout=30, cell_timeout=10, memory=2 << 30)
# The planted class takes about 30 s of CPU plus the 30 s deadline of the notebook that ignores
# interrupts; the budget catches a hang, with room for a 2-core machine shared by other jobs.
BUDGET = 240


# ---- the exercise sources: points in one place -------------------------------------------------


def test_every_question_has_points_and_every_computed_one_a_registered_check():
    checks = registered_checks()
    for exercise in EXERCISES.values():
        computed = {q.id for q in exercise.questions if not q.written}
        assert computed == {k for k in checks if k.startswith(exercise.id + ".")}, exercise.id
        assert all(q.points > 0 for q in exercise.questions)


def test_written_points_agree_with_the_marking_notes():
    for exercise in EXERCISES.values():
        for q in exercise.questions:
            if q.written:
                assert q.stated_points == q.points, q.id


# ---- a Chinese edition: the same scaffolding, translated by the catalogs -------------------------


def test_chinese_marking_notes_are_found_with_their_points(tmp_path):
    for source in sorted(SOURCES.glob("ex*.ipynb")):
        nbformat.write(in_chinese(source), tmp_path / source.name)
        chinese = read_exercise(tmp_path / source.name)
        for q in chinese.questions:
            if q.written:
                assert "评分说明" in q.marking_notes and q.stated_points == q.points, q.id


def test_an_untouched_chinese_answer_cell_is_no_answer_and_headings_are_read_without_metadata():
    exercise = EXERCISES["ex00"]
    student = student_edition(in_chinese(EX00), EX00.name)
    for cell in student.cells:
        cell.metadata.pop("course", None)  # a student's tool may drop metadata: the heading text must do
    assert any(cell.source.startswith("## 问题 ") for cell in student.cells)
    sections = _sections(student, exercise)
    assert set(sections) == {q.id for q in exercise.questions}
    written = [q.id for q in exercise.questions if q.written]
    assert written and written_answers(student, exercise, sections) == {qid: "" for qid in written}
    answer_cell = next(i for i in sections[written[0]] if student.cells[i].source.strip() == "*在此写下你的回答。*")
    student.cells[answer_cell].source = "中国的排放量更高。"
    assert written_answers(student, exercise, sections)[written[0]] == "中国的排放量更高。"


# ---- submission layouts ------------------------------------------------------------------------


def test_lms_export_names_are_recognised_and_unknown_names_reported(tmp_path):
    names = {
        "smithjane_12345_67890_ex00_two_largest_emitters.ipynb": ("smithjane_12345", "canvas"),
        "leewei_late_222_333_ex00_two_largest_emitters-1.ipynb": ("leewei_222", "canvas"),
        "Ana María López_4711_assignsubmission_file_ex00_two_largest_emitters.ipynb": ("Ana María López", "moodle"),
        "Exercise 0_jdoe_attempt_2026-03-01-10-15-00_ex00_two_largest_emitters.ipynb": ("jdoe", "blackboard"),
    }
    for name in names:
        (tmp_path / name).write_text("{}")
    (tmp_path / "homework final.ipynb").write_text("{}")
    (tmp_path / "Bo Chen_99_assignsubmission_file_").mkdir()
    (tmp_path / "Bo Chen_99_assignsubmission_file_" / "mine.ipynb").write_text("{}")
    (tmp_path / "notes.txt").write_text("")
    found, ignored = layouts.discover(tmp_path)
    got = {s.path.name: (s.student, s.layout) for s in found}
    assert got == {**names, "mine.ipynb": ("Bo Chen", "moodle")}
    assert sorted(i.path.name for i in ignored) == ["homework final.ipynb", "notes.txt"]


# ---- answers come back as data ----------------------------------------------------------------

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                           max_leaves=20)


@given(json_values)
def test_any_json_payload_decodes_and_scores_without_raising(payload):
    value = answers.decode_value(payload)
    for qid in ("ex00.q1", "ex00.q3", "ex00.q6"):
        assert registered_checks()[qid](value).correct in (True, False)


def test_a_forged_payload_only_supplies_values():
    """A payload is data: an 'other' value with a dangerous-looking type name stays an inert stand-in."""
    value = answers.decode_value({"type": "other", "type_name": "__import__('os').system", "text": "29.0"})
    assert type(value).__name__ == "object" and str(value) == "29.0"
    assert not registered_checks()["ex00.q1"](value).correct
    assert isinstance(answers.decode_value({"type": "int", "value": True}), answers.Unreadable)


# ---- the planted class -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("grading")
    release = tmp / "release"  # written by the course's own release command: the round trip
    subprocess.run([sys.executable, str(ROOT / "scripts" / "editions.py"), "release", str(release)], check=True,
                   capture_output=True)
    cls = planted_class(tmp, release)
    start = time.monotonic()
    collected = collect(cls, EXERCISES, default_data_dir(), limits=LIMITS, jobs=2, sandbox=SANDBOX, progress=False)
    seconds = time.monotonic() - start
    return cls, collected, seconds


def _points(rows, student):
    return sum(r.points or 0 for r in rows if r.student == student and r.question != "ex00.q8")


def test_planted_class_gets_exactly_the_points_it_earned(graded):
    cls, collected, seconds = graded
    rows = score(collected["records"], EXERCISES)
    assert {r.student for r in rows} == set(PLANTED)
    for student, (points, words) in PLANTED.items():
        assert _points(rows, student) == points, student
        if words:
            said = " ".join(r.feedback for r in rows if r.student == student)
            assert words in said, (student, said)
    assert {i["file"]: i["reason"].split(" ")[0] for i in collected["ignored"]} == {
        "final version.ipynb": "file",
        "Exercise 0_bblearner_attempt_2026-03-01-09-00-00_ex00_two_largest_emitters.ipynb": "an",
    }
    assert seconds < BUDGET


@pytest.mark.skipif(SANDBOX != "namespaces", reason="needs the namespace sandbox")
def test_sandbox_hides_the_solutions_and_keeps_the_package(graded):
    _, collected, _ = graded
    record = next(r for r in collected["records"] if r["student"] == "reads_solution")
    assert any(e["ename"] == "FileNotFoundError" for e in record["cell_errors"])
    assert (ROOT / "climate_course" / "checks" / "ex00.py").read_text().startswith('"""Checks')
    assert (ROOT / "climate_course" / "__init__.py").exists()


def test_written_answers_wait_for_marks_and_marks_merge_back(graded, tmp_path):
    _, collected, _ = graded
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.json").write_text(json.dumps(collected))
    render(out, collected)
    grades = list(csv.DictReader((out / "grades.csv").open()))
    q8 = {r["student"]: r["points"] for r in grades if r["question"] == "ex00.q8"}
    assert q8["all_correct"] == "" and q8["all_empty"] == "0"
    assert "Model answer" in (out / "written" / "ex00.q8.html").read_text()
    marks = out / "marks.csv"
    template = list(csv.DictReader(marks.open()))
    assert {r["student"] for r in template} == {s for s, p in q8.items() if p == ""}
    lines = marks.read_text().splitlines()
    marks.write_text("\n".join([lines[0], *[l.replace(",ex00.q8,,", ",ex00.q8,3,") for l in lines[1:]]]) + "\n")
    assert main(["--merge-marks", str(marks), "--out", str(out)]) == 0
    totals = {r["student"]: r for r in csv.DictReader((out / "totals.csv").open())}
    assert totals["all_correct"]["points"] == "10" and totals["all_correct"]["unmarked_points"] == "0"
    report = (out / "report.html").read_text()
    assert 'src="vega/vega.min.js"' in report and "http" not in report.split("<body>")[0]
    assert (out / "vega" / "vega.min.js").stat().st_size > 100_000
    assert (out / "feedback" / "all-correct.html").exists()


def test_grading_is_reproducible(graded, tmp_path):
    cls, collected, _ = graded
    again = collect(cls, EXERCISES, default_data_dir(), limits=LIMITS, jobs=2, sandbox=SANDBOX, progress=False,
                    only={"all_correct", "Ana María López"})
    first = [r for r in score(collected["records"], EXERCISES) if r.student in {"all_correct", "Ana María López"}]
    assert score(again["records"], EXERCISES) == first


def test_class_report_charts_each_learning_objective():
    from climate_course.press.grading.grade import Row
    from climate_course.press.grading.report import _charts
    from climate_course.press.grading.spec import Exercise, Question

    exercise = Exercise("ex00", "ex00_x.ipynb", "x", (
        Question("ex00.q1", 1, "Question 1", "q1", ("ch00.o1",)),
        Question("ex00.q2", 2, "Question 2", "q2", ("ch00.o1", "ch00.o2"))))
    rows = [Row("a", "ex00", "ex00.q1", 1, 1, ""), Row("a", "ex00", "ex00.q2", 0, 2, ""),
            Row("b", "ex00", "ex00.q1", 0, 1, ""), Row("b", "ex00", "ex00.q2", 2, 2, "")]
    charts = dict(_charts(rows, {"ex00": exercise}))
    values = charts["per-objective"]["datasets"]
    shares = sorted((r["student"], r["objective"], round(r["percent"])) for rows in values.values() for r in rows)
    assert shares == [("a", "ch00.o1", 33), ("a", "ch00.o2", 0), ("b", "ch00.o1", 67), ("b", "ch00.o2", 100)]


@pytest.mark.parametrize("text, problem", [
    ("student,exercise,question,points\nx,ex00,ex00.q9,1\n", "no question"),
    ("student,exercise,question,points\nx,ex00,ex00.q8,5\n", "outside 0 to 4"),
    ("student,exercise,question,points\nx,ex00,ex00.q8,many\n", "not a number"),
    ("student,question,points\n", "missing column"),
])
def test_bad_marks_are_refused_with_the_line(tmp_path, text, problem):
    path = tmp_path / "marks.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=problem):
        read_marks(path, EXERCISES)
