"""How to cite the course: CITATION.cff, .zenodo.json, pyproject.toml and CHANGELOG.md name the
same version; the built pages carry it in the footer, and each chapter its own citation line."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
import yaml

import climate_course
from climate_course.press.outline import toc_files
from climate_course.press.publishing import Citation

ROOT = Path(__file__).resolve().parents[1]


def test_every_file_names_the_same_version_and_date():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    zenodo = json.loads((ROOT / ".zenodo.json").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    newest = re.search(r"^## (\d+\.\d+\.\d+) - (\d{4}-\d{2}-\d{2})$", (ROOT / "CHANGELOG.md").read_text(), re.M)
    assert newest, "CHANGELOG.md needs a '## X.Y.Z - YYYY-MM-DD' entry"
    versions = {cff["version"], zenodo["version"], project["version"], climate_course.__version__, newest[1]}
    assert len(versions) == 1, versions
    assert str(cff["date-released"]) == zenodo["publication_date"] == newest[2]


def test_citation_metadata_is_complete_and_names_the_white_paper():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    zenodo = json.loads((ROOT / ".zenodo.json").read_text())
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["title"] == zenodo["title"] == config["title"]
    assert [a["name"] for a in cff["authors"]] == [c["name"] for c in zenodo["creators"]] == [config["author"]]
    assert set(cff["license"]) == {"MIT", "CC-BY-4.0"} and zenodo["license"] == "cc-by-4.0"
    paper = cff["references"][0]
    assert paper["type"] == "report" and paper["year"] == 2021 and paper["authors"][0]["family-names"] == "Deng"
    assert any("Deng, Yuzhu (2021)" in ref for ref in zenodo["references"])


def test_citation_line_of_a_page():
    citation = Citation("A course", "The authors", "1.2.3", "2027-01-31")
    text = citation.paragraph("https://x.org/c.html", "Chapter one").astext()
    assert text == "The authors (2027). “Chapter one”. In A course, version 1.2.3. https://x.org/c.html"
    assert citation.paragraph(None).astext() == "The authors (2027). A course, version 1.2.3."
    assert "version = {1.2.3}" in citation.bibtex(None) and "url" not in citation.bibtex(None)


@pytest.mark.build
def test_built_pages_carry_version_and_chapters_their_citation(built_book):
    version = Citation.read(ROOT).version
    for name in toc_files(ROOT):
        page = (built_book / f"{name}.html").read_text()
        assert f'<p class="course-version">Version {version} (released' in page, name
        title = re.search(r"<h1>([^\n]*?)<a class=\"headerlink\"", page)
        cited = "How to cite this chapter" in page
        assert cited == name.startswith("chapters/"), name
        if cited:
            plain_title = re.sub(r"<[^>]+>", "", title[1]).strip()
            assert f"“{plain_title}”" in page, name
    front = (built_book / "intro.html").read_text()
    assert "How to cite this course" in front and f"</em>, version {version}." in front
