"""What Binder builds: repo2docker (its own pinned, throwaway environment) reads binder/, installs
the lean binder/requirements.txt once, with the course package non-editable, and pins a
``notebook`` that lives beside the pinned JupyterLab. The lean file agrees with requirements.txt."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import once_per_run

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


def install_repo2docker() -> dict:
    """``jupyter-repo2docker`` from its pin file into a venv of its own (rebuilt when the pins change)."""
    stamp = TOOL_VENV / "pins.txt"
    if not stamp.is_file() or stamp.read_text() != TOOL_PINS.read_text():
        # No pip of its own (quicker): this environment's pip installs into it.
        subprocess.run([sys.executable, "-m", "venv", "--clear", "--without-pip", str(TOOL_VENV)], check=True)
        subprocess.run([sys.executable, "-m", "pip", "--python", str(TOOL_VENV / "bin" / "python"), "install",
                        "-q", "--disable-pip-version-check", "-r", str(TOOL_PINS)], check=True)
        stamp.write_text(TOOL_PINS.read_text())
    return {}


@pytest.fixture(scope="session")
def repo2docker(tmp_path_factory, worker_id) -> Path:
    """The repo2docker venv, installed once per test run whatever the workers (two workers installing
    into it at once deleted each other's files)."""
    once_per_run("repo2docker", install_repo2docker, tmp_path_factory, worker_id)
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


def test_binder_runs_its_post_build_step(dockerfile):
    assert re.search(r"^RUN \./binder/postBuild$", dockerfile, flags=re.M), "repo2docker runs binder/postBuild"


# What the Chinese pages' launch button opens: binder/postBuild writes the Chinese notebooks into zh/,
# with only the lean environment's packages.
_IMPORTED = """
import importlib.metadata, json, runpy, sys
before = set(sys.modules)  # the interpreter's own start-up (site hooks) is not the step's
sys.argv = ["zh_edition", "tree"]
runpy.run_module("climate_course.press.zh_edition", run_name="__main__")
tops = {name.split(".")[0] for name in set(sys.modules) - before}
owners = importlib.metadata.packages_distributions()
print(json.dumps(sorted({dist for top in tops for dist in owners.get(top, ())})))
"""


def test_binder_writes_the_chinese_notebooks_with_the_lean_environment(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".git", ".venv*", "_build", ".hypothesis", "node_modules",
                                                               "__pycache__", "*.egg-info"))
    script = (repo / "binder" / "postBuild").read_text()
    assert "climate_course.press.zh_edition tree" in script
    run = subprocess.run(["bash", "binder/postBuild"], cwd=repo, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"})
    assert run.returncode == 0, run.stderr[-3000:]
    from climate_course.press.messages import notebooks  # noqa: PLC0415 (only this test needs it)
    for notebook in notebooks(ROOT):
        chinese = repo / "zh" / notebook.relative_to(ROOT)
        if notebook.parent.name == "source":  # an exercise's page is its student edition
            chinese = repo / "zh" / "exercises" / notebook.name
        assert chinese.is_file(), chinese
    config = yaml.safe_load((repo / "zh" / "_config.yml").read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["language"] == "zh_CN"  # the package speaks Chinese there
    assert config["repository"]["path_to_book"] == "zh", "the launch button's path"
    imported = subprocess.run([sys.executable, "-c", _IMPORTED], cwd=repo, capture_output=True, text=True, timeout=300)
    assert imported.returncode == 0, imported.stderr[-3000:]
    lean = pins(ROOT / "binder" / "requirements.txt")
    missing = [d for d in json.loads(imported.stdout.splitlines()[-1])
               if re.sub(r"[-_.]+", "-", d).lower() not in lean and d != "climate-course"]
    assert not missing, f"binder/postBuild imports packages Binder does not install: {missing}"
