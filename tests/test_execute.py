"""The build's notebook executor: it fills the Jupyter cache and names what failed, after one retry."""

from __future__ import annotations

import nbformat

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
