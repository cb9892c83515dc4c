"""A link on every page to the same page in the other language edition, and back.

The English pages sit at the site's root and each translated edition in its own folder
(``zh/`` for Chinese, see :data:`.zh_edition.EDITIONS`), with the same page names. The link is
relative to the page (``../zh/chapters/x.html``, ``../../chapters/x.html``), so the site works from
``file://`` and under any base address. It is an ordinary link at the top of the article, so a
keyboard reaches it first and a phone shows it; each page also names its other editions in
``<link rel="alternate" hreflang>``.
"""

from __future__ import annotations

import html

from .zh_edition import EDITIONS, ENGLISH


def _edition(language: str) -> dict:
    return EDITIONS.get(language, ENGLISH)


def other_editions(language: str) -> list[dict]:
    """Every edition but the one of ``language`` (the English edition is the one for any other language)."""
    this = _edition(language)
    return [e for e in (ENGLISH, *EDITIONS.values()) if e is not this]


def edition_url(pagename: str, here: dict, there: dict, pathto) -> str:
    """The address of ``pagename`` in the edition ``there``, relative to the same page in ``here``."""
    to_build_root = pathto("", 1).removeprefix("./")  # "" on a top-level page, "../" one folder down
    up_out_of_folder = "../" if here["folder"] else ""
    folder = f"{there['folder']}/" if there["folder"] else ""
    return f"{to_build_root}{up_out_of_folder}{folder}{pagename}.html"


def _add_switch(app, pagename, templatename, context, doctree) -> None:
    if "body" not in context:
        return
    here = _edition(app.config.language)
    links, alternates = [], []
    for there in other_editions(app.config.language):
        url = html.escape(edition_url(pagename, here, there, context["pathto"]))
        lang = there["html_lang"]
        links.append(f'<a class="course-language-link" href="{url}" hreflang="{lang}" lang="{lang}">{there["name"]}</a>')
        alternates.append(f'<link rel="alternate" hreflang="{lang}" href="{url}">')
    label = "语言 / Language" if here is not ENGLISH else "Language / 语言"
    context["body"] = f'<nav class="course-language" aria-label="{label}">{" ".join(links)}</nav>\n' + context["body"]
    context["metatags"] = context.get("metatags", "") + "\n".join(alternates)


def setup(app):
    app.connect("html-page-context", _add_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
