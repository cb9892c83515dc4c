"""The course's structure read from its own files: table of contents, objectives, reading time,
and which exercise questions and quiz items assess which objective.

The instructor guide is built from this, so it can never disagree with the chapters.

Objective ids. A chapter's "Learning objectives" box numbers its items and gives each a stable id
in backticks, ``1. `ch02.o1` Outline ...``: ``ch`` + the chapter's number as in its file name
(``02``, ``11a``) + ``.o`` + the item's number. An exercise question names the objectives it
assesses in its heading cell's metadata, ``{"course": {"question": "ex02.q1", "objectives":
["ch02.o2"]}}``; a quiz item names them in its ``:objectives:`` option.
"""

from __future__ import annotations

import json
import re
from html import escape as html_escape
from pathlib import Path

import pandas as pd
import yaml

from ..i18n import N_, _, joined, language
from ..tables import Table
from .grading.spec import question_heading, question_meta
from .translation import ROOT as ENGLISH_ROOT, Source, any_of, translated_forms, translations

WORDS_PER_MINUTE = 200  # reading speed for an introductory university text
MINUTES_PER_QUESTION = 8  # a computational exercise question, including the check


def toc_files(root: Path, toc_file: Path | str = "_toc.yml") -> list[str]:
    """Every document in ``toc_file`` (root first; default ``_toc.yml``), as written there (no suffix)."""
    toc = yaml.safe_load((root / toc_file).read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def _markdown(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


OBJECTIVE_ID = re.compile(r"^ch\d\d[a-z]?\.o\d+$")
_OBJECTIVE_ITEM = re.compile(r"^\s*(?P<number>\d+)\.\s*(?:`(?P<id>[^`]+)`\s*)?(?P<text>.*)$")
_QUIZ = re.compile(r"^```\{quiz\}\s*(?P<question>.+?)\n(?P<body>.*?)^```", re.S | re.M)
_QUIZ_OBJECTIVES = re.compile(r"^:objectives:\s*(?P<ids>.*)$", re.M)


def chapter_id(path: Path) -> str:
    """``ch`` + the number a chapter's or exercise's file name starts with: ``ch02``, ``ch11a``."""
    match = re.match(r"^(?:ex)?(\d\d[a-z]?)_", Path(path).name)
    if not match:
        raise ValueError(f"{path}: the file name does not start with a chapter number such as 02_ or 11a_")
    return f"ch{match.group(1)}"


def objectives(path: Path) -> list[tuple[str, str]]:
    """``(id, text)`` for each numbered item of a notebook's 'Learning objectives' box (id ``""`` if none)."""
    text = _markdown(path)
    title = any_of(translated_forms("Learning objectives", r"^:::\{admonition\} FORM$"))
    match = re.search(rf"\{{admonition\}}\s*{title}.*?\n(.*?)(?:\n:::|\n```)", text, re.S)
    if not match:
        return []
    items = (_OBJECTIVE_ITEM.match(line) for line in match.group(1).splitlines() if re.match(r"^\s*\d+\.", line))
    return [(item["id"] or "", item["text"].strip()) for item in items]


def learning_objectives(path: Path) -> list[str]:
    """The text of each numbered item of a notebook's 'Learning objectives' box."""
    return [text for _objective, text in objectives(path)]


_ROLE = re.compile(r"\{[\w:-]+\}`(?P<label>[^`<]*?)\s*(?:<[^>`]*>)?`")


def plain_text(text: str) -> str:
    """``text`` with MyST roles reduced to their label (``{term}`tariff <Tariff (关税)>``` -> ``tariff``),
    for tables that are rendered as plain Markdown."""
    return _ROLE.sub(lambda m: m["label"], text)


def parse_objective_ids(value: str) -> list[str]:
    """Objective ids from a quiz option such as ``ch02.o1, ch02.o3`` (commas or spaces)."""
    ids = [part for part in re.split(r"[\s,]+", value.strip()) if part]
    bad = [part for part in ids if not OBJECTIVE_ID.match(part)]
    if not ids or bad:
        raise ValueError(f"objective ids must read like ch02.o1, got {value!r}")
    return ids


def quiz_items(path: Path) -> list[dict]:
    """Each ``quiz`` directive of a notebook: its question and the objective ids it names."""
    items = []
    for quiz in _QUIZ.finditer(_markdown(path)):
        named = _QUIZ_OBJECTIVES.search(quiz["body"])
        items.append({"question": quiz["question"].strip(),
                      "objectives": parse_objective_ids(named["ids"]) if named else []})
    return items


def exercise_items(path: Path) -> list[dict]:
    """Each question of an exercise source notebook: its heading, id and the objective ids it names.

    The heading cell (``## Question N ...``) carries ``{"course": {"question": ..., "objectives": [...]}}``
    in its metadata; a question without it has id ``""`` and no objectives.
    """
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    items = []
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and question_heading().match(source):
            course = question_meta(cell) or {}
            items.append({"heading": source.splitlines()[0].removeprefix("## ").strip(),
                          "question": course.get("question", ""), "objectives": list(course.get("objectives", []))})
    return items


def _chapter_notebooks(root: Path) -> list[Path]:
    return [root / f"{name}.ipynb" for name in toc_files(root)
            if name.startswith("chapters/") and (root / f"{name}.ipynb").exists()]


def _exercise_source(root: Path, chapter: Path) -> Path:
    return root / "exercises" / "source" / f"ex{chapter.name}"


def alignment(root: Path) -> pd.DataFrame:
    """One row per learning objective: its chapter, id, text, and the exercise questions and quiz items
    that name it (quiz items as ``quiz N``, numbered within the chapter)."""
    rows = []
    for path in _chapter_notebooks(root):
        exercise = _exercise_source(root, path)
        questions = exercise_items(exercise) if exercise.exists() else []
        quizzes = quiz_items(path)
        for objective, text in objectives(path):
            rows.append({
                "chapter": chapter_id(path), "objective": objective, "text": plain_text(text),
                "questions": [q["question"] for q in questions if objective in q["objectives"]],
                "quizzes": [f"quiz {n}" for n, q in enumerate(quizzes, 1) if objective in q["objectives"]],
            })
    return pd.DataFrame(rows, columns=["chapter", "objective", "text", "questions", "quizzes"])


def alignment_problems(root: Path, min_quizzes: int = 4) -> list[str]:
    """Every way the course breaks its alignment rules, as readable sentences (empty when all is well):
    an objective without a stable id or without any item, an item naming an unknown or no objective,
    a question without its id, a chapter with fewer than ``min_quizzes`` quiz items."""
    problems = []
    for path in _chapter_notebooks(root):
        chapter = chapter_id(path)
        known = [objective for objective, _text in objectives(path)]
        expected = [f"{chapter}.o{n}" for n in range(1, len(known) + 1)]
        if not known:
            problems.append(f"{path.name}: no learning objectives")
        elif known != expected:
            problems.append(f"{path.name}: objective ids {known} should be {expected}")
        quizzes = quiz_items(path)
        if len(quizzes) < min_quizzes:
            problems.append(f"{path.name}: {len(quizzes)} quiz item(s), fewer than {min_quizzes}")
        items = [(f"quiz {q['question']!r}", q["objectives"]) for q in quizzes]
        exercise = _exercise_source(root, path)
        for number, question in enumerate(exercise_items(exercise) if exercise.exists() else [], 1):
            wanted = f"ex{chapter.removeprefix('ch')}.q{number}"
            if question["question"] != wanted:
                problems.append(f"{exercise.name}: '{question['heading']}' has question id "
                                f"{question['question']!r}, expected {wanted!r}")
            items.append((question["question"] or question["heading"], question["objectives"]))
        used = set()
        for name, named in items:
            if not named:
                problems.append(f"{path.name}: {name} names no objective")
            for objective in named:
                if objective not in known:
                    problems.append(f"{path.name}: {name} names unknown objective {objective!r}")
            used.update(named)
        problems += [f"{path.name}: objective {objective} has no exercise question or quiz item"
                     for objective in known if objective and objective not in used]
    return problems


def reading_minutes(path: Path) -> int:
    """Minutes to read a notebook's prose at :data:`WORDS_PER_MINUTE`."""
    return max(1, round(len(_markdown(path).split()) / WORDS_PER_MINUTE))


def exercise_questions(path: Path) -> int:
    """Number of questions ('## Question N', or its translation) in an exercise notebook."""
    return sum(1 for line in _markdown(path).splitlines() if question_heading().match(line))


def chapter_plan(root: Path) -> pd.DataFrame:
    """One row per chapter: title, objectives, reading time, its exercise and the time it takes."""
    rows = []
    for path in _chapter_notebooks(root):
        title = re.search(r"^# (.+)$", _markdown(path), re.M).group(1)
        exercise = _exercise_source(root, path)
        questions = exercise_questions(exercise) if exercise.exists() else 0
        rows.append({
            "chapter": title,
            "objectives": [plain_text(text) for text in learning_objectives(path)],
            "reading_minutes": reading_minutes(path),
            "exercise": exercise.stem if exercise.exists() else "",
            "exercise_minutes": questions * MINUTES_PER_QUESTION,
        })
    return pd.DataFrame(rows)


# Labs an introductory course can skip: each is a section (its heading) of a chapter, with the
# exercise questions that need it. The other labs (explorers, coal swap, capture break-even, the
# six-firm market) carry the chapters' core objectives and stay in every course.
ADVANCED_LABS = [
    ("chapters/04_china_pledges", "## Lab: China's pathway against a fair share of the budget",
     N_("three rules for sharing a carbon budget"), ["ex04.q4"]),
    ("chapters/05_us_plan", "## Lab: the US pathway against a fair share of the budget",
     N_("the same rules applied to the US pledge"), ["ex05.q4", "ex05.q5"]),
    ("chapters/07_transport_evs", "## Lab: who wins the electric-car market?",
     N_("S-curve of adoption, Wright's law and a logit choice model"), ["ex07.q3", "ex07.q4", "ex07.q5"]),
    ("chapters/10_carbon_trading", "### Many years: a falling cap and banking",
     N_("a multi-year market with a falling cap and banked allowances"), ["ex10.q4"]),
    ("chapters/11a_lab_compete_or_cooperate", "# Lab: compete or cooperate?",
     N_("game theory: the prisoner's dilemma, repeated games and a tournament"),
     ["ex11a.q1", "ex11a.q2", "ex11a.q3", "ex11a.q4", "ex11a.q5", "ex11a.q6"]),
]


def advanced_labs(root: Path) -> pd.DataFrame:
    """The labs of :data:`ADVANCED_LABS` with their chapter id, the exercise questions that need
    them, and the objectives that then lose every exercise question (quizzes still cover them)."""
    table = alignment(root)
    rows = []
    for document, heading, content, needs in ADVANCED_LABS:
        path = root / f"{document}.ipynb"
        if not re.search(rf"^{re.escape(heading)}$", _markdown(path), re.M):
            raise ValueError(f"{document}: no section headed {heading!r}")
        known = {q["question"] for q in exercise_items(_exercise_source(root, path))}
        if missing := sorted(set(needs) - known):
            raise ValueError(f"{document}: unknown exercise question(s) {missing}")
        chapter = table[table["chapter"] == chapter_id(path)]
        orphaned = [row.objective for row in chapter.itertuples()
                    if row.questions and set(row.questions) <= set(needs)]
        rows.append({"chapter": chapter_id(path), "lab": heading.lstrip("# "), "content": content,
                     "questions": needs, "objectives_without_exercise": orphaned})
    return pd.DataFrame(rows)


_LAB_HEADING = re.compile(r"^#{1,3} Lab: (?P<title>.+)$", re.M)


def labs(path: Path) -> list[str]:
    """Titles of the labs (sections headed 'Lab: ...') of a chapter notebook."""
    return [match["title"] for match in _LAB_HEADING.finditer(_markdown(path))]


def course_map(root: Path, toc_file: Path | str = "_toc.yml") -> pd.DataFrame:
    """:func:`chapter_plan` with, for each chapter, its part (the toc caption), its document
    and its number of labs."""
    toc = yaml.safe_load((root / toc_file).read_text(encoding="utf-8"))
    parts = {}

    def walk(entries, caption):
        for entry in entries or []:
            if "file" in entry:
                parts[entry["file"]] = caption
            walk(entry.get("sections"), caption)

    for part in toc.get("parts", []):
        walk(part.get("chapters"), part.get("caption", ""))
    notebooks = _chapter_notebooks(root)
    documents = [path.relative_to(root).with_suffix("").as_posix() for path in notebooks]
    plan = chapter_plan(root)
    plan.insert(0, "part", [parts.get(document, "") for document in documents])
    plan.insert(1, "document", documents)
    plan["labs"] = [len(labs(path)) for path in notebooks]
    return plan


# --- The instructor guide's tables, in the package's language ------------------------------------
# Titles, objectives and lab headings come from the book being built (English or a translation);
# reading and exercise times from the English sources, which a translation carries over unchanged.

def _in_language(document: str, block: str) -> str:
    """A block of an English page (a heading) as that page's catalog gives it in the package's language."""
    return block if language() == "en" else translations(Source(f"{document}.ipynb"), language()).get(block, block)


def plan_table(root: Path) -> Table:
    """The guide's course plan: each chapter's learning outcomes, reading time and exercise."""
    plan = chapter_plan(root)
    english = chapter_plan(ENGLISH_ROOT)
    frame = pd.DataFrame({
        "chapter": plan["chapter"],
        "outcomes": ["<br>".join(f"{i}. {html_escape(text)}" for i, text in enumerate(items, 1)) for items in plan["objectives"]],
        "reading": [_("~{minutes} min", minutes=m) for m in english["reading_minutes"]],
        "exercise": [_("{exercise} (~{minutes} min)", exercise=e, minutes=m) if e else _("(discussion questions)")
                     for e, m in zip(english["exercise"], english["exercise_minutes"])],
    })
    return Table(frame, N_("Each chapter's learning outcomes, reading time and exercise"), markup=["outcomes"],
                 headers={"chapter": N_("Chapter"), "outcomes": N_("Learning outcomes"), "reading": N_("Reading"),
                          "exercise": N_("Exercise")})


def alignment_summary(root: Path) -> str:
    """One sentence: how many objectives the exercise questions and quiz items cover."""
    table = alignment(root)
    covered, quizzed = table["questions"].str.len() > 0, table["quizzes"].str.len() > 0
    return _("{objectives} objectives: {practised} practised by at least one exercise question, {quizzed} by at "
             "least one quiz item, {both} by both; {question_tags} question tags and {quiz_tags} quiz tags in all.",
             objectives=len(table), practised=int(covered.sum()), quizzed=int(quizzed.sum()),
             both=int((covered & quizzed).sum()), question_tags=int(table["questions"].str.len().sum()),
             quiz_tags=int(table["quizzes"].str.len().sum()))


def alignment_table(root: Path) -> Table:
    """The guide's map of objectives to the exercise questions and quiz items that assess them."""
    table = alignment(root)
    frame = pd.DataFrame({
        "objective": table["objective"], "text": table["text"],
        "questions": [", ".join(q) or _("(none)") for q in table["questions"]],
        "quizzes": [joined(_("quiz {number}", number=item.split()[-1]) for item in q) for q in table["quizzes"]],
    })
    return Table(frame, N_("Which exercise questions and quiz items assess each learning objective"),
                 headers={"objective": N_("Objective"), "text": N_("What the student can do"),
                          "questions": N_("Exercise questions"), "quizzes": N_("Quiz items")})


def advanced_labs_table() -> Table:
    """The guide's labs an introductory course can skip, and what skipping each one costs (the labs are
    the English sources'; their headings are shown in the package's language)."""
    labs_ = advanced_labs(ENGLISH_ROOT)
    headings = {document: _in_language(document, heading) for document, heading, _content, _needs in ADVANCED_LABS}
    frame = pd.DataFrame({
        "chapter": labs_["chapter"],
        "lab": [headings[document].lstrip("# ") for document, *_rest in ADVANCED_LABS],
        "content": [_(content) for content in labs_["content"]],
        "questions": [", ".join(q) for q in labs_["questions"]],
        "left": [", ".join(o) or _("none") for o in labs_["objectives_without_exercise"]],
    })
    return Table(frame, N_("Labs an introductory course can skip"),
                 headers={"chapter": N_("Chapter"), "lab": N_("Lab"), "content": N_("What it adds"),
                          "questions": N_("Exercise questions to drop"), "left": N_("Objectives then left to the quiz")})
