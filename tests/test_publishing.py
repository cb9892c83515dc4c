"""A fork works without editing: the repository comes from ``git remote get-url origin`` unless
``_config.yml`` names it, the hub button shows only when a hub is configured, and every page
carries the version, the build date and (chapters) a citation line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from climate_course.press import publishing
from climate_course.press.publishing import doctor_report, normalise_remote, pages_url, resolve

ROOT = Path(__file__).resolve().parents[1]
FORK = "https://github.com/a-teacher/climate-fork"


@pytest.mark.parametrize("remote", [
    "git@github.com:a-teacher/climate-fork.git",
    "git@github.com:a-teacher/climate-fork",
    "ssh://git@github.com/a-teacher/climate-fork.git",
    "ssh://git@github.com:22/a-teacher/climate-fork.git/",
    "https://github.com/a-teacher/climate-fork.git",
    "https://x-access-token:ghs_secret@github.com/a-teacher/climate-fork",
    "http://GitHub.com/a-teacher/climate-fork/",
    "git://github.com/a-teacher/climate-fork.git\n",
])
def test_every_remote_form_gives_the_web_address_without_credentials(remote):
    assert normalise_remote(remote) == FORK


@pytest.mark.parametrize("remote", ["/srv/git/course", "../course", "file:///srv/git/course.git",
                                    "C:\\courses\\climate", "https://github.com/only-owner", "", "origin"])
def test_a_local_or_partial_remote_gives_no_address(remote):
    assert normalise_remote(remote) is None


@given(st.text(max_size=80))
def test_normalised_remote_is_a_plain_https_address_or_none(remote):
    url = normalise_remote(remote)
    assert url is None or (url.startswith("https://") and "@" not in url.split("/", 3)[2]
                           and not url.endswith((".git", "/")))


def test_gitlab_subgroups_and_own_hosts_keep_their_path():
    assert normalise_remote("git@gitlab.com:dept/courses/climate.git") == "https://gitlab.com/dept/courses/climate"
    assert normalise_remote("https://git.uni.edu/climate/course") == "https://git.uni.edu/climate/course"


def test_pages_address_of_a_github_repository():
    assert pages_url(FORK) == "https://a-teacher.github.io/climate-fork/"
    assert pages_url("https://github.com/a-teacher/a-teacher.github.io") == "https://a-teacher.github.io/"
    assert pages_url("https://gitlab.com/a/b") is None and pages_url(None) is None


def _git_clone_with_origin(path: Path, origin: str | None) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    if origin:
        subprocess.run(["git", "-C", str(path), "remote", "add", "origin", origin], check=True)
    return path


BUTTONS = {"binderhub_url": "https://mybinder.org", "jupyterhub_url": ""}


def test_configured_address_wins_over_the_origin(tmp_path):
    clone = _git_clone_with_origin(tmp_path, "git@github.com:someone/else.git")
    publication = resolve(clone, FORK + ".git", "", BUTTONS)
    assert (publication.repository, publication.repository_source) == (FORK, "_config.yml")


def test_unset_address_comes_from_the_origin_and_hub_needs_an_address(tmp_path):
    publication = resolve(_git_clone_with_origin(tmp_path, "git@github.com:a-teacher/climate-fork.git"), "", "",
                          BUTTONS)
    assert publication.repository == FORK and publication.repository_source == "git remote origin"
    assert publication.base_url == "https://a-teacher.github.io/climate-fork/"
    assert publication.launch == {"binderhub_url": "https://mybinder.org"}
    assert "jupyterhub_url" in publication.not_shown


def test_no_repository_no_buttons_that_need_one(tmp_path):
    options = {"repository_url": "", "use_repository_button": True,
               "launch_buttons": {"binderhub_url": "https://mybinder.org", "jupyterhub_url": "https://hub.uni.edu"}}
    app = SimpleNamespace(srcdir=str(_git_clone_with_origin(tmp_path / "book", None)))
    (tmp_path / "book" / "CITATION.cff").write_text((ROOT / "CITATION.cff").read_text())
    publishing._apply_publication(app, SimpleNamespace(html_theme_options=options, html_baseurl=""))
    assert "repository_url" not in options and options["use_repository_button"] is False
    assert options["launch_buttons"] == {"binderhub_url": "", "jupyterhub_url": ""}


def test_doctor_says_what_is_and_is_not_configured(tmp_path):
    clone = _git_clone_with_origin(tmp_path, "https://github.com/a-teacher/climate-fork.git")
    for name in ("_config.yml", "CITATION.cff"):
        (clone / name).write_text((ROOT / name).read_text())
    report = doctor_report(clone)
    assert f"repository     {FORK}  (from git remote origin)" in report
    assert "JupyterHub     not configured" in report and "launch options Binder" in report
    assert "instructor" in report and "never published" in report
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["launch_buttons"]["jupyterhub_url"] = "https://hub.uni.edu"
    (clone / "_config.yml").write_text(yaml.safe_dump(config))
    assert "launch options Binder, JupyterHub" in doctor_report(clone)


def _tiny_book(folder: Path) -> None:
    """The course's own _config.yml and CITATION.cff, with one notebook chapter and no execution."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["execute"] = {"execute_notebooks": "off"}
    config.pop("bibtex_bibfiles")
    for key in ("bibtex_reference_style", "bibtex_default_style"):
        config["sphinx"]["config"].pop(key)
    config["exclude_patterns"] = ["_build"]
    (folder / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    (folder / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: chapters/01_fork\n")
    (folder / "intro.md").write_text("# A fork\n\nThe front page.\n\n```{course-citation}\n```\n")
    (folder / "chapters").mkdir()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Forked chapter\n\nText.")])
    nbformat.write(notebook, folder / "chapters" / "01_fork.ipynb")
    (folder / "CITATION.cff").write_text((ROOT / "CITATION.cff").read_text())


@pytest.mark.build
def test_a_clone_with_another_origin_builds_with_links_to_itself(tmp_path):
    clone = _git_clone_with_origin(tmp_path / "fork", "git@github.com:a-teacher/climate-fork.git")
    _tiny_book(clone)
    result = subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(clone), "-W", "-n"],
                            capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": "1790000000",
                                                                  "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    page = (clone / "_build" / "html" / "chapters" / "01_fork.html").read_text()
    assert f'href="{FORK}"' in page, "repository button"
    assert f"{FORK}/issues/new?title=Issue%20on%20page%20%2Fchapters/01_fork.html" in page, "issue button"
    assert "https://mybinder.org/v2/gh/a-teacher/climate-fork/main?urlpath=lab/tree/chapters/01_fork.ipynb" in page
    assert "hub/user-redirect" not in page and "example.org" not in page, "no hub is configured"
    assert "china-us-climate-course" not in page
    citation = "https://a-teacher.github.io/climate-fork/chapters/01_fork.html"
    # The other edition, named for search engines by its absolute address (a relative hreflang is invalid).
    assert '<link rel="alternate" hreflang="zh-CN" href="https://a-teacher.github.io/climate-fork/zh/chapters/01_fork.html">' in page
    assert "How to cite this chapter" in page and f"“Forked chapter”" in page and citation in page
    front = (clone / "_build" / "html" / "intro.html").read_text()
    assert "Version 0.1.0 (released" in front and '<time datetime="2026-09-21T' in front
    assert "How to cite this chapter" not in front
    assert "China and the United States: competitors or cooperators on climate change?</em>, version 0.1.0." in front
    assert "https://a-teacher.github.io/climate-fork/</a>" in front and "china_us_climate_course" in front
