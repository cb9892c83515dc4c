"""What Binder builds: repo2docker (its own pinned, throwaway environment) reads binder/, installs
the lean binder/requirements.txt once, with the course package non-editable, and pins a
``notebook`` that lives beside the pinned JupyterLab. The lean file agrees with requirements.txt."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOL_PINS = ROOT / "tests" / "repo2docker-requirements.txt"
TOOL_VENV = ROOT / ".venv" / "tools" / "repo2docker"


def pins(path: Path) -> dict[str, str]:
    """``{normalised name: version}`` of every ``name==version`` line of a requirements file."""
    found = {}
    for line in path.read_text().splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return found


@pytest.fixture(scope="module")
def repo2docker() -> Path:
    """``jupyter-repo2docker`` from its pin file, in a venv of its own (rebuilt when the pins change)."""
    stamp = TOOL_VENV / "pins.txt"
    if not stamp.is_file() or stamp.read_text() != TOOL_PINS.read_text():
        # No pip of its own (quicker): this environment's pip installs into it.
        subprocess.run([sys.executable, "-m", "venv", "--clear", "--without-pip", str(TOOL_VENV)], check=True)
        subprocess.run([sys.executable, "-m", "pip", "--python", str(TOOL_VENV / "bin" / "python"), "install",
                        "-q", "--disable-pip-version-check", "-r", str(TOOL_PINS)], check=True)
        stamp.write_text(TOOL_PINS.read_text())
    return TOOL_VENV


@pytest.fixture(scope="module")
def dockerfile(repo2docker, tmp_path_factory) -> str:
    result = subprocess.run([str(repo2docker / "bin" / "jupyter-repo2docker"), "--no-build", "--debug", str(ROOT)],
                            cwd=tmp_path_factory.mktemp("r2d"), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout + result.stderr


def test_binder_installs_only_the_lean_file_once(dockerfile):
    installs = re.findall(r"^RUN .*pip install .*$", dockerfile, flags=re.M)
    assert installs == ['RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"']
    assert "Building conda environment for python=3.11" in dockerfile, "binder/runtime.txt"
    lean = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    assert "." in lean and not any(line.startswith("-e") for line in lean), "the package, installed non-editable"
    # The repository is copied in before the install, so "." (the repository) is there to install.
    assert dockerfile.index("COPY --chown=0:0 src/ ${REPO_DIR}/") < dockerfile.index(installs[0])


def test_binder_replaces_the_base_images_notebook_with_one_that_fits_jupyterlab(repo2docker):
    lock = next((repo2docker / "lib").glob("python3.*/site-packages/repo2docker/buildpacks/conda/"
                                           "environment.py-3.11-linux-64.lock"))
    base = dict(re.findall(r"/([a-z0-9_-]+)-(\d[^-]*)-[^-/]+\.conda", lock.read_text()))
    lean = pins(ROOT / "binder" / "requirements.txt")
    assert "notebook" in base and "jupyterlab" in base
    if lean["jupyterlab"] != base["jupyterlab"]:
        assert "notebook" in lean, f"the base image's notebook {base['notebook']} requires its own jupyterlab"
    # notebook 7.N is built against jupyterlab 4.N; pip check (below) proves the pair resolves.
    assert lean["notebook"].split(".")[1] == lean["jupyterlab"].split(".")[1]


def test_lean_environment_is_a_subset_of_the_tested_one_with_the_same_versions():
    lean, dev = pins(ROOT / "binder" / "requirements.txt"), pins(ROOT / "requirements.txt")
    assert {name: (version, dev.get(name)) for name, version in lean.items() if dev.get(name) != version} == {}
    for tool in ("jupyter-book", "sphinx", "pytest", "playwright", "nbval", "hypothesis"):
        assert tool in dev and tool not in lean, tool


def test_tested_environment_has_no_broken_requirements():
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
