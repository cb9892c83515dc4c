"""Where the book is published, and how to cite it: the settings a fork never has to edit.

A Sphinx extension (``extra_extensions`` in ``_config.yml``) and ``./course doctor``:

* **Repository.** ``repository.url`` in ``_config.yml`` is the one place that names the
  repository. Left empty, the build takes ``git remote get-url origin`` (ssh and https forms
  normalised to ``https://host/owner/name``, credentials dropped), so a fork's launch, source
  and issue buttons point at the fork. With no repository at all, those buttons are left out.
* **Launch options.** The Binder button needs a repository; the JupyterHub button shows only
  when ``launch_buttons.jupyterhub_url`` is set.
* **Citation.** ``CITATION.cff`` holds the title, authors, version and release date. The
  extension puts the version and the build date in every page's footer, a citation line made
  from the page's own title at the end of every chapter, and the course's citation wherever
  the ``{course-citation}`` directive stands (the front page).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import Directive

from .interface import _
from .language_switch import edition_address, edition_of

CITATION_FILE = "CITATION.cff"
CITED_PAGES = ("chapters/",)  # pages that get a "How to cite this chapter" line
LAUNCH_SERVICES = {  # launch_buttons key -> what the reader sees
    "binderhub_url": "Binder",
    "jupyterhub_url": "JupyterHub",
    "colab_url": "Colab",
    "deepnote_url": "Deepnote",
    "jupyterlite_url": "JupyterLite (in the browser)",
}
NEEDS_REPOSITORY = ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url")

_SCP_REMOTE = re.compile(r"^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?!//)(?P<path>[^\\]+)$")
_URL_REMOTE = re.compile(r"^(?:https?|ssh|git|git\+ssh)://(?:[^@/]+@)?(?P<host>[\w.-]+)(?::\d+)?/(?P<path>.+)$")


def normalise_remote(remote: str) -> str | None:
    """``https://host/owner/name`` for a git remote (scp-like ssh, ssh://, git://, http(s)://);
    ``None`` for a local path or anything that is not a hosted repository. User names and tokens
    in the remote are dropped, never published."""
    remote = remote.strip()
    match = _URL_REMOTE.match(remote) or _SCP_REMOTE.match(remote)
    if not match or "." not in match["host"]:
        return None
    parts = [part for part in match["path"].strip("/").removesuffix(".git").split("/") if part]
    if len(parts) < 2 or any(part in (".", "..") for part in parts):
        return None
    return f"https://{match['host'].lower()}/{'/'.join(parts)}"


def origin_url(root: Path) -> str | None:
    """The normalised address of the ``origin`` remote of the git checkout at ``root``."""
    try:
        result = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"],
                                capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return normalise_remote(result.stdout) if result.returncode == 0 else None


def pages_url(repository: str | None) -> str | None:
    """Where GitHub Pages publishes a GitHub repository (``owner.github.io/name/``)."""
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+)", repository or "")
    if not match:
        return None
    owner, name = match.groups()
    if name.lower() == f"{owner.lower()}.github.io":
        return f"https://{name.lower()}/"
    return f"https://{owner.lower()}.github.io/{name}/"


@dataclass
class Publication:
    """Where the book lives and which launch options it shows, resolved from the configuration."""

    repository: str | None
    repository_source: str  # "_config.yml", "git remote origin" or "none"
    base_url: str | None
    launch: dict[str, str] = field(default_factory=dict)  # launch_buttons key -> URL, only those shown
    not_shown: dict[str, str] = field(default_factory=dict)  # launch_buttons key -> why not


def resolve(root: Path, configured_url: str, baseurl: str, launch_buttons: dict) -> Publication:
    """Resolve the repository (configured, else git origin), the site address and the launch options."""
    if configured_url.strip():
        repository, source = configured_url.strip().rstrip("/").removesuffix(".git"), "_config.yml"
    else:
        repository = origin_url(root)
        source = "git remote origin" if repository else "none"
    base = baseurl.strip() or pages_url(repository)
    launch, not_shown = {}, {}
    for key in LAUNCH_SERVICES:
        value = str(launch_buttons.get(key) or "").strip()
        if not value:
            if key in ("binderhub_url", "jupyterhub_url"):
                not_shown[key] = f"launch_buttons.{key} is not set"
        elif key in NEEDS_REPOSITORY and not repository:
            not_shown[key] = "no repository address"
        else:
            launch[key] = value
    return Publication(repository, source, base, launch, not_shown)


@dataclass
class Citation:
    """What ``CITATION.cff`` says about the course."""

    title: str
    authors: str
    version: str
    released: str

    @classmethod
    def read(cls, root: Path) -> Citation:
        data = yaml.safe_load((root / CITATION_FILE).read_text(encoding="utf-8"))
        names = [a.get("name") or " ".join(filter(None, (a.get("given-names"), a.get("family-names"))))
                 for a in data["authors"]]
        return cls(data["title"], ", ".join(names), str(data["version"]), str(data["date-released"]))

    def paragraph(self, url: str | None, page_title: str | None = None) -> nodes.paragraph:
        """The citation of the course, or of one of its pages, as a docutils paragraph."""
        para = nodes.paragraph(classes=["course-citation"])
        para += nodes.Text(str(_("{authors} ({year}). ")).format(authors=self.authors, year=self.released[:4]))
        if page_title:
            para += nodes.Text(str(_("“{page}”. In ")).format(page=page_title))
        para += nodes.emphasis(text=self.title)
        para += nodes.Text(str(_(", version {version}.")).format(version=self.version))
        if url:
            para += nodes.Text(" ")
            para += nodes.reference(url, url, refuri=url)
        return para

    def bibtex(self, url: str | None) -> str:
        """A BibTeX entry for the course."""
        fields = {"author": "{" + self.authors + "}", "title": "{" + self.title + "}", "year": self.released[:4],
                  "version": self.version}
        if url:
            fields["url"] = url
        body = ",\n".join(f"  {key:<7} = {{{value}}}" for key, value in fields.items())
        return f"@misc{{china_us_climate_course,\n{body}\n}}"


def build_date() -> dt.datetime:
    """The build's date: ``SOURCE_DATE_EPOCH`` when set (a reproducible build), else now (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


# ---------------------------------------------------------------- Sphinx extension

def _apply_publication(app, config) -> None:
    """Fill the theme's repository and launch options from :func:`resolve` (before the theme reads them)."""
    options = config.html_theme_options
    launch_buttons = dict(options.get("launch_buttons") or {})
    publication = resolve(Path(app.srcdir), options.get("repository_url", ""), config.html_baseurl or "",
                          launch_buttons)
    for key in publication.not_shown:
        launch_buttons[key] = ""
    options["launch_buttons"] = launch_buttons
    if publication.repository:
        options["repository_url"] = publication.repository
        options["use_repository_button"] = options["use_issues_button"] = True
    else:
        options.pop("repository_url", None)
        for button in ("use_repository_button", "use_issues_button", "use_edit_page_button"):
            options[button] = False
    app.course_publication = publication
    # An edition names the course and its authors as its _config.yml does (a translated edition in its language).
    citation, book = Citation.read(Path(app.srcdir)), Path(app.srcdir) / "_config.yml"
    named = yaml.safe_load(book.read_text(encoding="utf-8")) if book.is_file() else {}
    app.course_citation = replace(citation, title=named.get("title") or citation.title,
                                  authors=named.get("author") or citation.authors)
    app.course_build_date = build_date()


def _footer(app, pagename, templatename, context, doctree) -> None:
    citation, built = app.course_citation, app.course_build_date
    when = f'<time datetime="{built.isoformat(timespec="seconds")}">{built:%Y-%m-%d}</time>'
    line = str(_("Version {version} (released {released}), built {built}.")).format(
        version=html.escape(citation.version), released=html.escape(citation.released), built=when)
    stamp = f'<p class="course-version">{line}</p>'
    context["theme_extra_footer"] = f"{context.get('theme_extra_footer') or ''}\n{stamp}"


def _page_url(app, docname: str) -> str | None:
    base = app.course_publication.base_url
    return edition_address(base, docname, edition_of(app.config.language)) if base else None


def _cite_chapter(app, doctree, docname) -> None:
    """End every chapter with its citation line, made from the chapter's title."""
    if not docname.startswith(CITED_PAGES) or docname not in app.env.titles:
        return
    title = app.env.titles[docname].astext()
    box = nodes.container(classes=["course-cite"])
    box += nodes.rubric(text=str(_("How to cite this chapter")))
    box += app.course_citation.paragraph(_page_url(app, docname), title)
    doctree += box


class CourseCitationDirective(Directive):
    """``{course-citation}``: the citation of the course and its BibTeX entry, from CITATION.cff."""

    def run(self):
        app = self.state.document.settings.env.app
        url = app.course_publication.base_url
        bibtex = app.course_citation.bibtex(url)
        return [app.course_citation.paragraph(url), nodes.literal_block(bibtex, bibtex, language="bibtex")]


def setup(app):
    """Sphinx entry point: ``extra_extensions: [climate_course.press.publishing]`` in ``_config.yml``."""
    app.connect("config-inited", _apply_publication, priority=100)  # before the theme's own handlers
    app.add_directive("course-citation", CourseCitationDirective)
    app.connect("html-page-context", _footer)
    app.connect("doctree-resolved", _cite_chapter)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}


# ---------------------------------------------------------------- ./course doctor

def _book_config(root: Path) -> dict:
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}


def editions(root: Path) -> list[tuple[str, str, str]]:
    """(edition, where ``./course`` writes it, who sees it) for every edition this checkout has."""
    found = [("student", "_build/html", "published (GitHub Pages, ./course package)"),
             ("instructor", "_build/instructor/_build/html", "never published: keep it private")]
    if (root / "lite").is_dir():
        found.append(("in-browser (JupyterLite)", "_build/html/lite", "published with the student edition"))
    return found


def doctor_report(root: Path) -> str:
    """What is configured and what is not: repository, site address, hub, editions, launch options."""
    config = _book_config(root)
    repository = config.get("repository") or {}
    html_config = config.get("html") or {}
    publication = resolve(root, str(repository.get("url") or ""), str(html_config.get("baseurl") or ""),
                          config.get("launch_buttons") or {})
    citation = Citation.read(root)
    lines = []
    if publication.repository:
        lines.append(f"repository     {publication.repository}  (from {publication.repository_source})")
    else:
        lines.append("repository     NOT SET: no source, issue, Binder or JupyterHub buttons. Set repository.url "
                     "in _config.yml, or add a git remote named origin.")
    if publication.base_url:
        source = "html.baseurl" if html_config.get("baseurl") else "GitHub Pages address of the repository"
        lines.append(f"site address   {publication.base_url}  (from {source}; used in citation lines)")
    else:
        lines.append("site address   not set: citation lines carry no link (set html.baseurl in _config.yml)")
    hub = publication.launch.get("jupyterhub_url")
    lines.append(f"JupyterHub     {hub}" if hub else
                 "JupyterHub     not configured: no hub button (set launch_buttons.jupyterhub_url in _config.yml)")
    shown = [LAUNCH_SERVICES[key] for key in publication.launch]
    lines.append(f"launch options {', '.join(shown) if shown else 'none'}")
    for key, why in publication.not_shown.items():
        lines.append(f"  not shown    {LAUNCH_SERVICES[key]}: {why}")
    lines.append(f"version        {citation.version} (released {citation.released}; CITATION.cff)")
    lines.append("editions")
    for name, where, audience in editions(root):
        lines.append(f"  {name:<24} {where:<32} {audience}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(doctor_report(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()))
