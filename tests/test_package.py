"""``./course package``: one archive of the built site that works with no network at all, served
by the one-line local server its README gives, and opened straight from the disk."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from climate_course.press.package import SERVE_COMMAND, write_archive
from climate_course.press.sitecheck import chart_mark_counts, chromium, open_page, serve

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "chapters/00_two_largest_emitters.html"


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() and not p.relative_to(folder).parts[0].startswith(".")}


@pytest.fixture(scope="module")
def unpacked(built_book, tmp_path_factory) -> Path:
    """The archive of the built book, unpacked in a temporary folder: its top folder."""
    archive = write_archive(built_book, tmp_path_factory.mktemp("archive"))
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(archive) as bundle:
        assert bundle.testzip() is None
        bundle.extractall(target)
    (top,) = target.iterdir()
    return top


def test_archive_holds_every_file_of_the_site_and_a_readme(built_book, unpacked):
    assert _files(unpacked / "site") == _files(built_book)
    readme = (unpacked / "README.txt").read_text()
    assert SERVE_COMMAND in readme and "site/index.html" in readme and "Version " in readme
    assert "instructor edition" in readme and not (unpacked / "site" / "instructor").exists()
    if (built_book / "lite").is_dir():
        assert "site/lite/" in readme


def test_packaging_without_a_build_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="run ./course build first"):
        write_archive(tmp_path, tmp_path / "out")


@pytest.mark.browser
def test_unpacked_archive_works_with_the_network_blocked(unpacked):
    site = unpacked / "site"
    pages = ["index.html", CHAPTER] + (["lite/index.html"] if (site / "lite" / "index.html").is_file() else [])
    with chromium() as launched:
        context = launched.new_context()
        # Served as the README says (python -m http.server in the folder): nothing may leave it.
        with serve(site) as base_url:
            for path in pages:
                page, visit = open_page(context, base_url, path)
                try:
                    counts = chart_mark_counts(page) if path == CHAPTER else []
                finally:
                    page.close()
                assert not visit.outside_requests and not visit.failed_requests, (path, visit)
                assert path.startswith("lite/") or not visit.console_errors, (path, visit.console_errors)
                assert path != CHAPTER or (counts and all(counts)), f"a blank chart on {path}: {counts}"
        # Straight from the disk (file://), the book without the in-browser edition.
        page, visit = open_page(context, site.as_uri() + "/", CHAPTER)
        try:
            counts = chart_mark_counts(page)
        finally:
            page.close()
        context.close()
    assert not visit.outside_requests and not visit.failed_requests, visit
    assert counts and all(counts), counts
