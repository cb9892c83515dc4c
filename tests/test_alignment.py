"""Every learning objective is assessed: each has a stable id, an exercise question or a quiz item
names it, no item names an unknown objective, and every chapter has at least four quiz items."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from climate_course.press.editions import student_edition
from climate_course.press.outline import (alignment, alignment_problems, chapter_id, exercise_items,
                                          exercise_questions, learning_objectives, objectives, parse_objective_ids,
                                          plain_text, quiz_items)
from conftest import ROOT, in_chinese

QUIZ = "```{{quiz}} {question}\n{option}- [x] Yes — Right.\n- [ ] No — Not so.\n```\n"


def test_the_course_meets_its_alignment_rules():
    assert alignment_problems(ROOT) == []


def test_alignment_table_lists_every_objective_with_its_items():
    table = alignment(ROOT)
    assert len(table) == sum(len(learning_objectives(ROOT / f)) for f in
                             {f"chapters/{p.name}" for p in (ROOT / "chapters").glob("*.ipynb")})
    row = table.set_index("objective").loc["ch02.o2"]
    assert "ex02.q1" in row["questions"] and row["quizzes"]


def _notebook(path: Path, markdown: list[str], metadata: list[dict] | None = None) -> None:
    notebook = nbformat.v4.new_notebook()
    for n, text in enumerate(markdown):
        cell = nbformat.v4.new_markdown_cell(text)
        cell.metadata.update((metadata or [{}] * len(markdown))[n])
        notebook.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)


def _course(root: Path, objectives: list[str], quizzes: list[str], question: dict) -> Path:
    (root / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: chapters/05_x\n")
    box = "\n".join(f"{n}. {o} Objective {n}." for n, o in enumerate(objectives, 1))
    body = "".join(QUIZ.format(question=f"Q{n}?", option=f":objectives: {ids}\n" if ids else "")
                   for n, ids in enumerate(quizzes, 1))
    _notebook(root / "chapters" / "05_x.ipynb", [f"# X\n\n:::{{admonition}} Learning objectives\n{box}\n:::\n", body])
    _notebook(root / "exercises" / "source" / "ex05_x.ipynb", ["## Question 1 (compute)\n\nWhat?"],
              [{"course": question}])
    return root


GOOD = dict(objectives=["`ch05.o1`", "`ch05.o2`"], quizzes=["ch05.o1"] * 3 + ["ch05.o1 ch05.o2"],
            question={"question": "ex05.q1", "objectives": ["ch05.o2"]})


@pytest.mark.parametrize("change, problem", [
    ({}, None),
    ({"quizzes": ["ch05.o1"] * 4, "question": {"question": "ex05.q1", "objectives": ["ch05.o1"]}},
     "objective ch05.o2 has no exercise question or quiz item"),
    ({"question": {"question": "ex05.q1", "objectives": ["ch05.o9"]}}, "unknown objective 'ch05.o9'"),
    ({"quizzes": ["ch05.o1", "ch05.o1 ch05.o2"]}, "2 quiz item(s), fewer than 4"),
    ({"quizzes": ["ch05.o1"] * 3 + [""]}, "names no objective"),
    ({"objectives": ["`ch05.o1`", "Without an id"]}, "objective ids"),
    ({"question": {"objectives": ["ch05.o2"]}}, "expected 'ex05.q1'"),
    ({"quizzes": ["ch04.o1"] * 4}, "unknown objective 'ch04.o1'"),
])
def test_alignment_problems_are_found(tmp_path, change, problem):
    problems = alignment_problems(_course(tmp_path, **{**GOOD, **change}))
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_quiz_items_read_their_objectives(tmp_path):
    root = _course(tmp_path, **GOOD)
    items = quiz_items(root / "chapters" / "05_x.ipynb")
    assert [i["objectives"] for i in items] == [["ch05.o1"]] * 3 + [["ch05.o1", "ch05.o2"]]
    assert learning_objectives(root / "chapters" / "05_x.ipynb") == ["Objective 1.", "Objective 2."]


@pytest.mark.parametrize("junk", ["", "ch2.o1", "ch02.1", "ch02.o1; DROP", "objective one"])
def test_objective_ids_reject_junk(junk):
    with pytest.raises(ValueError, match="objective ids"):
        parse_objective_ids(junk)


def test_objective_ids_accept_commas_and_spaces():
    assert parse_objective_ids(" ch02.o1, ch11a.o3 ch12.o2") == ["ch02.o1", "ch11a.o3", "ch12.o2"]
    assert chapter_id(Path("exercises/source/ex11a_lab.ipynb")) == "ch11a"
    with pytest.raises(ValueError, match="chapter number"):
        chapter_id(Path("intro.ipynb"))


def test_student_edition_keeps_question_metadata():
    source = ROOT / "exercises" / "source" / "ex02_partnership.ipynb"
    tagged = lambda nb: [c.metadata["course"] for c in nb.cells if "course" in c.metadata]
    notebook = nbformat.read(source, as_version=4)
    assert tagged(student_edition(notebook, source.name)) == tagged(notebook)
    committed = json.loads((ROOT / "exercises" / source.name).read_text(encoding="utf-8"))
    assert [c["metadata"]["course"] for c in committed["cells"] if "course" in c["metadata"]] == tagged(notebook)


def test_plain_text_keeps_role_labels_only():
    assert plain_text("a {term}`carbon peak <Carbon peak (碳达峰, tàn dá fēng)>` and {doc}`/chapters/09_ccs`") == \
        "a carbon peak and /chapters/09_ccs"
    assert "{term}" not in " ".join(alignment(ROOT)["text"])


def test_a_chinese_chapter_and_exercise_name_the_same_objectives_and_questions(tmp_path):
    for page in (ROOT / "chapters" / "05_us_plan.ipynb", ROOT / "exercises" / "source" / "ex05_us_plan.ipynb"):
        nbformat.write(in_chinese(page), tmp_path / page.name)
    chapter, exercise = tmp_path / "05_us_plan.ipynb", tmp_path / "ex05_us_plan.ipynb"
    assert "学习目标" in json.dumps(json.loads(chapter.read_text(encoding="utf-8")), ensure_ascii=False)
    ids = [objective_id for objective_id, _ in objectives(chapter)]
    assert ids == [objective_id for objective_id, _ in objectives(ROOT / "chapters" / chapter.name)] != []
    chinese = exercise_items(exercise)
    assert [i["heading"][:4] for i in chinese] == [f"问题 {n}" for n in range(1, 7)]
    english = exercise_items(ROOT / "exercises" / "source" / exercise.name)
    assert [(i["question"], i["objectives"]) for i in chinese] == [(i["question"], i["objectives"]) for i in english]
    assert exercise_questions(exercise) == 6
