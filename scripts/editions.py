"""Make the student and instructor editions of the exercises from their one source.

Usage:
  python scripts/editions.py student            refresh exercises/*.ipynb (the student edition in the book)
  python scripts/editions.py release [FOLDER]   write student notebooks to FOLDER (default exercises/_release)
  python scripts/editions.py instructor-toc     write _build/_toc_instructor.yml for the instructor book

The source notebooks are exercises/source/*.ipynb; see climate_course/press/editions.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from climate_course.press.editions import instructor_toc, write_student_editions  # noqa: E402

SOURCES = sorted((ROOT / "exercises" / "source").glob("*.ipynb"))
INSTRUCTOR_TOC = ROOT / "_build" / "_toc_instructor.yml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["student", "release", "instructor-toc"])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "exercises" / "_release")
    args = parser.parse_args()
    if args.command == "student":
        for path in write_student_editions(SOURCES, ROOT / "exercises"):
            print(f"student edition: {path.relative_to(ROOT)}")
    elif args.command == "release":
        for path in write_student_editions(SOURCES, args.folder):
            print(f"released: {path}")
    else:
        INSTRUCTOR_TOC.parent.mkdir(exist_ok=True)
        INSTRUCTOR_TOC.write_text(yaml.safe_dump(instructor_toc(ROOT / "_toc.yml"), sort_keys=False, allow_unicode=True))
        print(INSTRUCTOR_TOC)


if __name__ == "__main__":
    main()
