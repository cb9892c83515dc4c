"""The in-browser edition (JupyterLite + Pyodide): built from verified files, and the same results.

The lite site is the one ``./course build`` makes in ``_build/html/lite``; it is built here,
once, if it is absent or older than what it is made from. Every chapter, every student
exercise and every exercise with its solutions then runs under the site's own Pyodide in
Node.js (one Pyodide, a fresh namespace per notebook), and each cell tagged
``nbval-check-output`` must give the output committed from CPython.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import zipfile
from pathlib import Path

import nbformat
import pytest
import yaml

from climate_course.press import lite
from climate_course.press.editions import SOLUTION
from checked_outputs import checked_cells, comparable
from conftest import ROOT
from lite_site import lite_site  # noqa: F401  (a fixture)

SITE = lite.OUTPUT
RUNNER = ROOT / "tests" / "lite" / "run_in_pyodide.js"
SOURCES = [*sorted((ROOT / "chapters").glob("*.ipynb")), *sorted((ROOT / "exercises").glob("*.ipynb")),
           *sorted((ROOT / "exercises" / "source").glob("*.ipynb"))]
# The site offers these two folders; the solutions (exercises/source) are run from the repository.
SITE_FOLDERS = ("chapters", "exercises")


def _run_path(site: Path, source: Path) -> Path:
    """The file Pyodide runs: the site's own copy where the site has one."""
    relative = source.relative_to(ROOT)
    return site / "files" / relative if relative.parts[0] in SITE_FOLDERS and len(relative.parts) == 2 else source


@pytest.fixture(scope="module")
def pyodide_results(lite_site, tmp_path_factory) -> dict:
    """Every notebook run once under the site's Pyodide in Node.js, by its path in the repository."""
    runs = {str(_run_path(lite_site, source)): source.relative_to(ROOT).as_posix() for source in SOURCES}
    out = tmp_path_factory.mktemp("pyodide") / "results.json"
    result = subprocess.run(["node", str(RUNNER), str(lite_site), str(out), *runs],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"Pyodide under Node failed:\n{result.stderr[-4000:]}"
    results = json.loads(out.read_text())
    return {runs[name]: run for name, run in results["notebooks"].items()} | {"versions": results["versions"]}


def test_site_runs_the_pinned_pyodide_stack(pyodide_results):
    assert pyodide_results["versions"] == {"python": "3.12.7", "numpy": "2.0.2", "pandas": "2.2.3", "altair": "5.5.0"}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_gives_the_same_results_under_pyodide(pyodide_results, path):
    run = pyodide_results[path.relative_to(ROOT).as_posix()]
    errors = [f"cell {cell['index']}: {cell['error']}" for cell in run["cells"] if cell["error"]]
    assert not errors, f"{path.name} fails under Pyodide: {errors}"
    code_cells = [i for i, c in enumerate(nbformat.read(path, as_version=4).cells) if c.cell_type == "code"]
    assert [cell["index"] for cell in run["cells"]] == code_cells, "not every code cell ran"
    by_index = {cell["index"]: comparable(cell["outputs"]) for cell in run["cells"]}
    for index, committed in checked_cells(path).items():
        assert committed != comparable([]), f"{path.name} cell {index} is checked but has no committed output"
        assert by_index[index] == committed, f"{path.name} cell {index}: Pyodide differs from CPython"


def test_site_holds_the_chapters_and_the_student_exercises_only(lite_site):
    for folder in SITE_FOLDERS:
        names = sorted(p.name for p in (ROOT / folder).glob("*.ipynb"))
        assert sorted(p.name for p in (lite_site / "files" / folder).glob("*.ipynb")) == names
    for path in (lite_site / "files" / "exercises").glob("*.ipynb"):
        tags = {tag for cell in nbformat.read(path, as_version=4).cells for tag in cell.metadata.get("tags", [])}
        assert SOLUTION not in tags, f"{path.name} in the lite site holds solutions"


def test_site_holds_the_chinese_notebooks_in_their_folder_with_their_language(lite_site):
    chinese = lite_site / "files" / "zh"
    for folder in SITE_FOLDERS:
        names = sorted(p.name for p in (ROOT / folder).glob("*.ipynb"))
        assert sorted(p.name for p in (chinese / folder).glob("*.ipynb")) == names
    for path in (chinese / "exercises").glob("*.ipynb"):
        tags = {tag for cell in nbformat.read(path, as_version=4).cells for tag in cell.metadata.get("tags", [])}
        assert SOLUTION not in tags, f"zh/{path.name} in the lite site holds solutions"
    config = yaml.safe_load((chinese / "_config.yml").read_text())  # the package reads its language from it
    assert config["sphinx"]["config"]["language"] == "zh_CN"


def test_site_loads_nothing_from_outside(lite_site):
    config = json.loads((lite_site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js" and kernel["disablePyPIFallback"] is True
    text = "\n".join(p.read_text(errors="ignore") for p in lite_site.glob("*.json"))
    assert "cdn.jsdelivr" not in text and "pypi.org" not in text


def test_site_ships_only_what_its_lock_lists(lite_site):
    pyodide_dir = lite_site / "static" / "pyodide"
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text())
    listed = {entry["file_name"] for entry in lock["packages"].values()}
    core = set(lite.load_inputs()["pyodide"]["core"])
    assert {p.name for p in pyodide_dir.iterdir()} == listed | core
    assert not [p for p in lite_site.rglob("*.map")], "sourcemaps in the lite site"
    for unused in ("scipy", "matplotlib", "pyarrow", "scikit-learn", "pillow"):
        assert unused not in lock["packages"]


# --- the verification itself, on small fake downloads -------------------------------------

def _fake_downloads(tmp_path: Path, wheel_bytes: bytes, lock_sha: str) -> tuple[dict, dict]:
    lock = {"info": {"version": "0.0"}, "packages": {
        "numpy": {"name": "numpy", "version": "1", "file_name": "numpy-1-wasm.whl", "depends": [],
                  "sha256": lock_sha, "imports": ["numpy"], "install_dir": "site", "package_type": "package"}}}
    tarball = tmp_path / "pyodide.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        for name, data in {"pyodide-lock.json": json.dumps(lock).encode(), "pyodide.js": b"//"}.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    carrier = tmp_path / "carrier.whl"
    with zipfile.ZipFile(carrier, "w") as archive:
        if wheel_bytes:
            archive.writestr("assets/numpy-1-wasm.whl", wheel_bytes)
    course = tmp_path / "climate_course-0.1.0-py3-none-any.whl"
    course.write_bytes(b"course")
    inputs = {"pyodide": {"core": ["pyodide.js", "pyodide-lock.json"]}, "carrier": {"folder": "assets/"},
              "from_pyodide": {"roots": ["numpy"]}, "pure_wheels": {}, "sdists": {},
              "course": {"name": "climate-course", "imports": ["climate_course"], "depends": ["numpy"]}}
    return inputs, {"pyodide": tarball, "carrier": carrier, "course": course}


def test_a_wheel_matching_the_official_lock_is_taken(tmp_path):
    good = b"the real numpy"
    inputs, files = _fake_downloads(tmp_path, good, lite.hashlib.sha256(good).hexdigest())
    lock = lite.assemble_pyodide(inputs, files, files["course"], tmp_path / "site")
    assert set(lock["packages"]) == {"numpy", "climate-course"}
    assert (tmp_path / "site" / "numpy-1-wasm.whl").read_bytes() == good


def test_a_wheel_not_matching_the_official_lock_stops_the_build(tmp_path):
    inputs, files = _fake_downloads(tmp_path, b"tampered", lite.hashlib.sha256(b"the real numpy").hexdigest())
    with pytest.raises(lite.LiteBuildError, match="numpy-1-wasm.whl has sha256"):
        lite.assemble_pyodide(inputs, files, files["course"], tmp_path / "site")


def test_a_wheel_missing_from_the_carrier_stops_the_build(tmp_path):
    inputs, files = _fake_downloads(tmp_path, b"", "0" * 64)
    with pytest.raises(lite.LiteBuildError, match="numpy-1-wasm.whl .Pyodide package numpy. is missing"):
        lite.assemble_pyodide(inputs, files, files["course"], tmp_path / "site")


def test_a_pinned_download_with_another_sha256_stops_the_build(tmp_path):
    path = tmp_path / "altair-5.5.0-py3-none-any.whl"
    path.write_bytes(b"not altair")
    with pytest.raises(lite.LiteBuildError, match="altair-5.5.0-py3-none-any.whl has sha256"):
        lite.verified(path, "0" * 64, "the pure wheel altair")
    with pytest.raises(lite.LiteBuildError, match="narwhals.whl is missing"):
        lite.verified(tmp_path / "narwhals.whl", "0" * 64, "the pure wheel narwhals")


def test_every_pin_is_a_sha256():
    inputs = lite.load_inputs()
    pins = [inputs["pyodide"]["sha256"], inputs["carrier"]["sha256"],
            *(pin["sha256"] for section in ("pure_wheels", "sdists") for _, pin in lite._entries(inputs[section]))]
    assert all(len(pin) == 64 and int(pin, 16) >= 0 for pin in pins)
