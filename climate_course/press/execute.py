"""Execute the book's notebooks into its Jupyter cache, one per core, before Sphinx reads them.

Jupyter Book 1.x executes a notebook when Sphinx reads it, one after another. Filling the
cache first with jupyter-cache's parallel executor spreads that work over every core; the
build then finds each notebook in the cache (matched by a hash of its code) and only reads
the stored outputs. A notebook that fails here is left out of the cache, so the build runs
it again and reports the error with its traceback, as it always did.

Usage:  python -m climate_course.press.execute [--toc TOC] [--cache FOLDER] [ROOT]
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import shutil
from pathlib import Path

import yaml

from .outline import toc_files

TIMEOUT = 180  # seconds per notebook, as ``execute.timeout`` in _config.yml


def cache_path(root: Path) -> Path:
    """The book's Jupyter cache (``execute.cache`` in ``_config.yml``)."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return root / config["execute"]["cache"]


PACKAGE = Path(__file__).resolve().parents[1]  # the climate_course the notebooks import


def fingerprint(package: Path = PACKAGE, press: bool = False) -> str:
    """A hash of everything a notebook's outputs depend on besides its own code: the course
    package (not its press, which only publishes, unless ``press``), the data tables beside it and
    the pinned requirements. The same for any book the package builds (English, Chinese, instructor)."""
    repo = package.parent
    files = [p for p in package.rglob("*") if p.is_file() and (press or "press" not in p.relative_to(package).parts)
             and "__pycache__" not in p.parts]
    files += [p for p in (repo / "data").rglob("*") if p.is_file()]
    files += [p for p in [repo / "requirements.txt"] if p.is_file()]
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(repo).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def clear_if_stale(cache_dir: Path, package: Path = PACKAGE) -> bool:
    """Empty the cache when the package, data or requirements changed since it was filled.

    jupyter-cache matches a notebook by its code alone, so without this a change to a model
    would leave the book (and the tests that read the book's outputs) showing old results.
    Returns whether the cache was cleared.
    """
    stamp = cache_dir / "course-fingerprint.txt"
    want = fingerprint(package)
    stale = cache_dir.exists() and (not stamp.exists() or stamp.read_text() != want)
    if stale:
        shutil.rmtree(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    stamp.write_text(want)
    return stale


def _reread_pages_when_the_package_changed(app, env, added, changed, removed) -> list[str]:
    """Sphinx reads a page again only when its source changed; a page also changes with the package,
    its press, data and requirements (:func:`fingerprint`), so then every page is read again."""
    want = fingerprint(press=True)
    if getattr(env, "course_fingerprint", None) == want:
        return []
    env.course_fingerprint = want
    return sorted(env.found_docs)


def setup(app):
    """Sphinx extension (set up by :mod:`.sphinxext`): pages show the outputs of the package as it is."""
    app.connect("env-get-outdated", _reread_pages_when_the_package_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}


def toc_notebooks(root: Path, toc: Path | None = None) -> list[Path]:
    """Every notebook named in the table of contents ``toc`` (default ``_toc.yml``)."""
    names = toc_files(root, toc or "_toc.yml")
    return [root / f"{name}.ipynb" for name in names if (root / f"{name}.ipynb").exists()]


def fill_cache(root: Path, notebooks: list[Path], cache_dir: Path | None = None) -> list[str]:
    """Execute every notebook of ``notebooks`` not yet in the cache (default: the book's), one
    per core at a time; return the paths that failed."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors.basic import JupyterExecutorLocalMproc, JupyterExecutorLocalSerial

    cache_dir = cache_dir or cache_path(root)
    clear_if_stale(cache_dir)
    cache = get_cache(str(cache_dir))
    records = [cache.add_nb_to_project(str(path)) for path in notebooks]
    stale = [r.pk for r in records if cache.get_cached_project_nb(r.pk) is None]
    if not stale:
        return []
    parallel = (os.cpu_count() or 1) > 1 and len(stale) > 1
    executor_class = JupyterExecutorLocalMproc if parallel else JupyterExecutorLocalSerial
    logger = logging.getLogger("climate_course.execute")
    result = executor_class(cache, logger).run_and_cache(filter_pks=stale, timeout=TIMEOUT, allow_errors=False)
    failed = result.excepted + result.errored
    if result.excepted:  # one more go, alone: a kernel may not have started (two kernels took one free port)
        again = [r.pk for r in records if r.uri in result.excepted]
        retry = JupyterExecutorLocalSerial(cache, logger).run_and_cache(filter_pks=again, timeout=TIMEOUT, allow_errors=False)
        failed = result.errored + retry.excepted + retry.errored
    return sorted(failed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=Path.cwd())
    parser.add_argument("--toc", type=Path, help="table of contents (default: ROOT/_toc.yml)")
    parser.add_argument("--cache", type=Path, help="Jupyter cache folder (default: execute.cache in _config.yml)")
    args = parser.parse_args()
    root = args.root.resolve()
    failed = fill_cache(root, toc_notebooks(root, args.toc and args.toc.resolve()), args.cache)
    for path in failed:  # the build runs these again and shows the traceback
        print(f"execution failed: {Path(path).relative_to(root)}")


if __name__ == "__main__":
    main()
