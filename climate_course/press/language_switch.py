"""A link on every page to the same page in the other language edition, and back.

The English pages sit at the site's root and each translated edition in its own folder
(``zh/`` for Chinese, see :data:`.zh_edition.EDITIONS`), with the same page names. The link is
relative to the page (``../zh/chapters/x.html``, ``../../chapters/x.html``), so the site works from
``file://`` and under any base address. It is an ordinary link at the top of the article, so a
keyboard reaches it first and a phone shows it; where the site's address is known, each page also
names its other editions in ``<link rel="alternate" hreflang>`` (whose address must be absolute).
"""

from __future__ import annotations

import html

from .zh_edition import EDITIONS, ENGLISH


def edition_of(language: str) -> dict:
    """The edition (folder, name, HTML language) of ``language``: English for any language without one."""
    return EDITIONS.get(language, ENGLISH)


def other_editions(language: str) -> list[dict]:
    """Every edition but the one of ``language`` (the English edition is the one for any other language)."""
    this = edition_of(language)
    return [e for e in (ENGLISH, *EDITIONS.values()) if e is not this]


def edition_url(pagename: str, here: dict, there: dict, pathto) -> str:
    """The address of ``pagename`` in the edition ``there``, relative to the same page in ``here``."""
    to_build_root = pathto("", 1).removeprefix("./")  # "" on a top-level page, "../" one folder down
    up_out_of_folder = "../" if here["folder"] else ""
    folder = f"{there['folder']}/" if there["folder"] else ""
    return f"{to_build_root}{up_out_of_folder}{folder}{pagename}.html"


def edition_address(base: str, pagename: str, edition: dict) -> str:
    """The absolute address of ``pagename`` in ``edition``, on a site at ``base``."""
    folder = edition["folder"]
    return f"{base.rstrip('/')}/{folder + '/' if folder else ''}{pagename}.html"


def _add_switch(app, pagename, templatename, context, doctree) -> None:
    if "body" not in context:
        return
    here = edition_of(app.config.language)
    base = getattr(getattr(app, "course_publication", None), "base_url", None)
    links, alternates = [], []
    for there in other_editions(app.config.language):
        url = html.escape(edition_url(pagename, here, there, context["pathto"]))
        lang = there["html_lang"]
        links.append(f'<a class="course-language-link" href="{url}" hreflang="{lang}" lang="{lang}">{there["name"]}</a>')
        if base:
            address = html.escape(edition_address(base, pagename, there))
            alternates.append(f'<link rel="alternate" hreflang="{lang}" href="{address}">')
    label = "语言 / Language" if here is not ENGLISH else "Language / 语言"
    context["body"] = f'<nav class="course-language" aria-label="{label}">{" ".join(links)}</nav>\n' + context["body"]
    context["metatags"] = context.get("metatags", "") + "\n".join(alternates)


def setup(app):
    app.connect("html-page-context", _add_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
