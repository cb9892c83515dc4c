"""The course's structure read from its own files: table of contents, objectives, reading time.

The instructor guide is built from this, so it can never disagree with the chapters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import yaml

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


def learning_objectives(path: Path) -> list[str]:
    """The numbered items of a notebook's 'Learning objectives' box."""
    text = _markdown(path)
    match = re.search(r"Learning objectives.*?\n(.*?)(?:\n:::|\n```)", text, re.S)
    if not match:
        return []
    return [re.sub(r"^\s*\d+\.\s*", "", line).strip() for line in match.group(1).splitlines()
            if re.match(r"^\s*\d+\.", line)]


def reading_minutes(path: Path) -> int:
    """Minutes to read a notebook's prose at :data:`WORDS_PER_MINUTE`."""
    return max(1, round(len(_markdown(path).split()) / WORDS_PER_MINUTE))


def exercise_questions(path: Path) -> int:
    """Number of questions ('## Question N') in an exercise notebook."""
    return len(re.findall(r"^## Question \d+", _markdown(path), re.M))


def chapter_plan(root: Path) -> pd.DataFrame:
    """One row per chapter: title, objectives, reading time, its exercise and the time it takes."""
    rows = []
    for name in toc_files(root):
        path = root / f"{name}.ipynb"
        if not name.startswith("chapters/") or not path.exists():
            continue
        title = re.search(r"^# (.+)$", _markdown(path), re.M).group(1)
        exercise = root / "exercises" / "source" / f"ex{Path(name).name[:2]}{Path(name).name[2:]}.ipynb"
        questions = exercise_questions(exercise) if exercise.exists() else 0
        rows.append({
            "chapter": title,
            "objectives": learning_objectives(path),
            "reading_minutes": reading_minutes(path),
            "exercise": exercise.stem if exercise.exists() else "",
            "exercise_minutes": questions * MINUTES_PER_QUESTION,
        })
    return pd.DataFrame(rows)
