"""Submissions made from the release notebooks, for the grader's tests and its benchmark.

:func:`filled_in` is a student's release notebook with every answer cell replaced by the source's
solution: a submission that must get full marks. :func:`generated_class` writes N such submissions,
some with wrong answers, in a folder per student; :func:`grade_generated` grades them and returns the
seconds it took (the benchmark's "grading time vs submissions" series calls it).
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import nbformat

from ..editions import SOLUTION, STUDENT, student_edition
from .spec import question_meta


def _sections(notebook) -> dict[str, list]:
    sections: dict[str, list] = {}
    current = None
    for cell in notebook.cells:
        meta = question_meta(cell)
        if meta:
            current = meta["question"]
            continue
        if current:
            sections.setdefault(current, []).append(cell)
    return sections


def filled_in(source_path: Path, release: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """The student edition of ``source_path`` (or the released notebook ``release``) with each answer
    cell holding the source's solution."""
    source = nbformat.read(source_path, as_version=4)
    release = student_edition(source, source_path.name) if release is None else release
    solutions = {qid: [c for c in cells if SOLUTION in c.get("metadata", {}).get("tags", [])]
                 for qid, cells in _sections(source).items()}
    for qid, cells in _sections(release).items():
        for cell in cells:
            if STUDENT in cell.get("metadata", {}).get("tags", []):
                same_kind = [c.source for c in solutions.get(qid, []) if c.cell_type == cell.cell_type]
                cell.source = "\n".join(same_kind[:1] if cell.cell_type == "markdown" else same_kind)
    return release


def answer_cell(notebook, variable: str):
    """The student's answer cell (tagged ``student``) that assigns ``variable``."""
    assigns = re.compile(rf"^{re.escape(variable)}\s*=", re.M)
    return next(c for c in notebook.cells if c.cell_type == "code" and STUDENT in c.get("metadata", {}).get("tags", [])
                and assigns.search(c.source))


def generated_class(folder: Path, source_path: Path, n: int) -> Path:
    """``n`` submissions of one exercise in a folder per student: every third one with its first answer wrong."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        notebook = filled_in(source_path)
        if i % 3 == 2:
            cell = answer_cell(notebook, "q1")
            cell.source += "\nq1 = q1 * 1000"
        student = folder / f"student{i:03d}"
        student.mkdir()
        nbformat.write(notebook, student / source_path.name)
    return folder


def _write(folder: Path, name: str, notebook) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, folder / name)


def planted_class(root: Path, release: Path) -> Path:
    """Seventeen students' submissions of ex00 (one hands in ex11a instead), most trying to cheat or to
    break the grader, in ``root/class``; ``release`` is the folder of released student notebooks.
    :data:`PLANTED` gives the points each must get."""
    EX00, EX11A = _source("ex00"), _source("ex11a")
    cls = root / "class"
    empty = lambda: nbformat.read(release / EX00.name, as_version=4)  # noqa: E731
    full = lambda: filled_in(EX00, empty())  # noqa: E731

    _write(cls / "all_correct", EX00.name, full())
    _write(cls / "all_empty", EX00.name, empty())

    nb = full()  # q2 upside down, q6 without a title: 5 of 7
    answer_cell(nb, "q2").source += "\nq2 = 1 / q2"
    q6 = answer_cell(nb, "q6")
    untitled = re.sub(r"\.properties\(title=.*?width=420\)", "", q6.source, flags=re.S)
    assert untitled != q6.source, "the planted q6 no longer matches the solution's .properties(title=..., width=420)"
    q6.source = untitled
    nbformat.write(nb, cls / "Ana María López_4711_assignsubmission_file_ex00_two_largest_emitters.ipynb")

    nb = full()  # numpy scalars for a number, a year and a name: all 7
    answer_cell(nb, "q1").source += "\nimport numpy as np\nq1 = np.float64(q1)"
    answer_cell(nb, "q3").source += "\nimport numpy as np\nq3 = np.str_(q3)"
    answer_cell(nb, "q4").source += "\nimport numpy as np\nq4 = np.int64(q4)"
    answer_cell(nb, "q5").source += "\nimport numpy as np\nq5 = np.float32(q5).astype(np.float64)"
    nbformat.write(nb, cls / "numpytypes_111_222_ex00_two_largest_emitters.ipynb")

    nb = empty()  # redefines check and patches the package, in memory and on disk; q1 wrong: 0
    nb.cells.insert(2, nbformat.v4.new_code_cell(
        "import climate_course.exercises as ex, pathlib\n"
        "ex.check = check = lambda q, a: '✅ correct'\n"
        "ex.NumberCheck.__call__ = lambda self, a: ex.Feedback(self.question, True, 'correct.')\n"
        "for f in pathlib.Path(ex.__file__).parent.glob('checks/*.py'):\n"
        "    try:\n        f.write_text('raise SystemExit')\n    except OSError:\n        pass\n"))
    answer_cell(nb, "q1").source = "q1 = 1.0"
    _write(cls / "patches_check", EX00.name, nb)

    nb = empty()  # outputs edited to show ticks: 0
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("check("):
            cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "✅ correct."}, execution_count=1)]
    _write(cls / "printed_ticks", EX00.name, nb)

    nb = full()  # q2's cell loops forever before it assigns: interrupted, the rest runs: 6
    answer_cell(nb, "q2").source = "while True:\n    pass\n" + answer_cell(nb, "q2").source
    _write(cls / "infinite_loop", EX00.name, nb)

    nb = full()  # ignores the interrupt and loops: stopped at the notebook's deadline: 0
    answer_cell(nb, "q3").source = "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(1)"
    _write(cls / "ignores_interrupt", EX00.name, nb)

    nb = full()  # asks for 8 GiB in q5's cell: MemoryError there, the rest counts: 6
    answer_cell(nb, "q5").source = "hog = bytearray(8 << 30)\n" + answer_cell(nb, "q5").source
    _write(cls / "memory_hog", EX00.name, nb)

    nb = full()  # sys.exit() in q7's cell: the kernel goes on, q7 is never set: 6
    answer_cell(nb, "q7").source = "import sys\nsys.exit(3)\n" + answer_cell(nb, "q7").source
    _write(cls / "sys_exit", EX00.name, nb)

    nb = full()  # kills its own kernel after q1: nothing can be read: 0
    answer_cell(nb, "q2").source = "import os\nos._exit(1)"
    _write(cls / "kernel_crash", EX00.name, nb)

    (cls / "malformed").mkdir()
    text = nbformat.writes(full())
    (cls / "malformed" / EX00.name).write_text(text[: len(text) // 2], encoding="utf-8")

    _write(cls / "wrong_exercise", EX00.name, filled_in(EX11A))  # an ex11a notebook named as ex00: 0

    nb = empty()  # reads the solutions from the instructor's source next to the package: 0
    answer_cell(nb, "q1").source = (
        "import climate_course, json, pathlib\n"
        "root = pathlib.Path(climate_course.__file__).resolve().parents[1]\n"
        "source = json.loads((root / 'exercises' / 'source' / 'ex00_two_largest_emitters.ipynb').read_text())\n"
        "exec(next(''.join(c['source']) for c in source['cells'] if 'solution' in c['metadata'].get('tags', [])))")
    _write(cls / "reads_solution", EX00.name, nb)

    nb = full()  # deletes what it can reach (the package, the data, its own notebook): still 7
    nb.cells.append(nbformat.v4.new_code_cell(
        "import shutil, os, climate_course, pathlib\n"
        "for target in [pathlib.Path(climate_course.__file__).parent, pathlib.Path('data'), pathlib.Path.home().parent]:\n"
        "    shutil.rmtree(target, ignore_errors=True)\n"
        "os.remove('submission.ipynb')"))
    _write(cls / "deletes_files", EX00.name, nb)

    nb = empty()  # the right values under other names: 0
    answer_cell(nb, "q1").source = "answer_1 =" + answer_cell(filled_in(EX00), "q1").source.split("=", 1)[1]
    _write(cls / "hides_answer", EX00.name, nb)

    # Blackboard: two attempts, the later one complete: 7
    nbformat.write(empty(), cls / "Exercise 0_bblearner_attempt_2026-03-01-09-00-00_ex00_two_largest_emitters.ipynb")
    nbformat.write(full(), cls / "Exercise 0_bblearner_attempt_2026-03-01-10-15-00_ex00_two_largest_emitters.ipynb")
    (cls / "final version.ipynb").write_text(nbformat.writes(full()), encoding="utf-8")  # unknown name
    return cls


PLANTED = {  # student: (points of the computed questions, words the problems or feedback must hold)
    "all_correct": (7, None),
    "all_empty": (0, None),
    "Ana María López": (5, None),
    "numpytypes_111": (7, None),
    "patches_check": (0, None),
    "printed_ticks": (0, None),
    "infinite_loop": (6, "interrupted"),
    "ignores_interrupt": (0, "did not finish within"),
    "memory_hog": (6, "MemoryError"),
    "sys_exit": (6, "SystemExit"),
    "kernel_crash": (0, "kernel died"),
    "malformed": (0, "not a readable notebook"),
    "wrong_exercise": (0, "wrong exercise: this notebook is ex11a"),
    "reads_solution": (0, None),
    "deletes_files": (7, None),
    "hides_answer": (0, "no variable q1"),
    "bblearner": (7, None),
}


def _source(exercise: str) -> Path:
    from .cli import SOURCES

    return next(SOURCES.glob(f"{exercise}_*.ipynb"))


def main(argv: list[str]) -> None:
    """``python -m climate_course.press.grading.fixtures FOLDER``: write the planted class (and the
    release it starts from) into FOLDER, to try the grader on."""
    import subprocess
    import sys

    from .cli import ROOT

    folder = Path(argv[1]) if len(argv) > 1 else Path("planted")
    release = folder / "release"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "editions.py"), "release", str(release)], check=True,
                   capture_output=True)
    cls = planted_class(folder, release)
    print(f"wrote {len(PLANTED)} students' notebooks to {cls}; each should get (of 7 computed points):")
    for student, (points, _) in PLANTED.items():
        print(f"  {student}: {points}")


def grade_generated(n: int, jobs: int | None = None, exercise: str = "ex00", sandbox: str | None = None) -> float:
    """Seconds to grade ``n`` generated submissions of ``exercise`` (run, score and write every output)."""
    from .cli import SOURCES, render  # noqa: F401
    from .grade import collect
    from .spec import read_exercises
    from ...data import default_data_dir

    source = _source(exercise)
    with tempfile.TemporaryDirectory(prefix="course-grade-bench-") as tmp:
        submissions = generated_class(Path(tmp) / "class", source, n)
        start = time.monotonic()
        collected = collect(submissions, read_exercises(SOURCES), default_data_dir(), jobs=jobs, sandbox=sandbox,
                            progress=False)
        render(Path(tmp) / "out", collected)
        return time.monotonic() - start


if __name__ == "__main__":
    import sys

    main(sys.argv)
