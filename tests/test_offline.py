"""Offline by construction: nothing in the built site would make a browser fetch from the web.

HTML: any script, stylesheet, font, image, iframe or media source with an http(s)
address fails; plain links a reader clicks (<a href>) are fine. CSS: any url() or
@import of an http(s) address fails. JavaScript: every http(s) address must be in
the allow-list below, each with the reason it is never fetched.
"""

from __future__ import annotations

import re

import pytest

URL = re.compile(r"https?://[^\s\"'`)<>\\]+")
HTML_LOADS = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object|track)\b[^>]*?\b(?:src|href|srcset|data)\s*=\s*[\"']?\s*https?://",
    re.I,
)
CSS_LOADS = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"']?)https?://", re.I)
JS_ALLOWED = {
    "www.w3.org": "XML and SVG namespace names, compared as strings, never fetched",
    "vega.github.io": "Vega's $schema identifiers and its editor link (the export menu's editor action is off)",
    "github.com": "licence and source comments, and the theme's repository link",
    "fontawesome.com": "licence comment in the icon font files",
    "sass-guidelin.es": "comment in the theme's source",
    "pydata-sphinx-theme.readthedocs.io": "comment in the theme's source",
    "nbsphinx.readthedocs.io": "comment in the theme's source",
    "m2.material.io": "comment in the theme's source",
    "getbootstrap.com": "Bootstrap licence comment",
    "developer.mozilla.org": "comment in the theme's source",
    "codepen.io": "comment in the theme's source",
    "clipboardjs.com": "clipboard.js licence comment",
    "mybinder.org": "launch-button link a reader clicks",
    "www.sphinx-doc.org": "the 'Created using Sphinx' link in the Chinese edition's interface translations, a link a reader clicks",
}


def _files(built_book, *suffixes):
    """The book's own files. The in-browser edition in lite/ (JupyterLab's bundles name many hosts
    they never fetch there) is proven offline by running it: tests/test_lite_browser.py."""
    return [p for p in built_book.rglob("*") if p.suffix in suffixes and p.is_file()
            and p.relative_to(built_book).parts[0] != "lite"]


def test_html_loads_nothing_from_the_web(built_book):
    offenders = {str(p.relative_to(built_book)): HTML_LOADS.findall(p.read_text(errors="replace"))[:3]
                 for p in _files(built_book, ".html") if HTML_LOADS.search(p.read_text(errors="replace"))}
    assert not offenders, f"pages that would load from the web: {offenders}"


def test_css_loads_nothing_from_the_web(built_book):
    offenders = [str(p.relative_to(built_book)) for p in _files(built_book, ".css")
                 if CSS_LOADS.search(p.read_text(errors="replace"))]
    assert not offenders, f"stylesheets that would load from the web: {offenders}"


def test_javascript_names_only_allow_listed_hosts(built_book):
    unexpected = {}
    for path in _files(built_book, ".js"):
        if path.name == "searchindex.js":  # the book's own text, including citations' links
            continue
        for url in URL.findall(path.read_text(errors="replace")):
            host = url.split("/")[2]
            if host not in JS_ALLOWED:
                unexpected.setdefault(str(path.relative_to(built_book)), set()).add(url)
    assert not unexpected, f"JavaScript naming hosts not in the allow-list: {unexpected}"


@pytest.mark.parametrize("host", sorted(JS_ALLOWED))
def test_every_allowance_has_a_reason(host):
    assert len(JS_ALLOWED[host]) > 10
