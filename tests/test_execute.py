"""The build's notebook executor: it fills the Jupyter cache and names what failed, after one retry;
and the book reads its pages again when the package changed."""

from __future__ import annotations

from types import SimpleNamespace

import nbformat

from climate_course.press import execute
from climate_course.press.execute import fill_cache


def _notebook(path, source):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def test_fill_cache_names_only_the_notebook_that_fails(tmp_path):
    good = _notebook(tmp_path / "good.ipynb", "1 + 1")
    bad = _notebook(tmp_path / "bad.ipynb", "raise ValueError('planted')")
    failed = fill_cache(tmp_path, [good, bad], tmp_path / "cache")
    assert failed == [str(bad)]
    assert fill_cache(tmp_path, [good], tmp_path / "cache") == []  # cached: nothing runs again


def test_pages_are_read_again_when_the_package_changes(monkeypatch):
    """Sphinx keeps a page whose source did not change; every page is read again once the package
    (or its press) has."""
    env = SimpleNamespace(found_docs={"chapters/a", "intro"})
    reread = execute._reread_pages_when_the_package_changed
    assert reread(None, env, set(), set(), set()) == ["chapters/a", "intro"]  # a first build
    assert reread(None, env, set(), set(), set()) == []  # nothing changed
    monkeypatch.setattr(execute, "fingerprint", lambda press: "a changed model")
    assert reread(None, env, set(), set(), set()) == ["chapters/a", "intro"]


def test_the_press_counts_for_pages_not_for_outputs():
    assert execute.fingerprint() != execute.fingerprint(press=True)
