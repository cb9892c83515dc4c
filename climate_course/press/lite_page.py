"""The book's way into the in-browser edition: a "Run in your browser" button and a note.

Every chapter and exercise page gets, beside the launch buttons, a link that opens the
same notebook in the JupyterLite site built into ``lite/`` (see :mod:`.lite`). The link
is relative to the page, so it works under any base path. A translated edition's page opens
its own notebook, which the lite site holds in the edition's folder (``zh/chapters/...``). A short note under the title says what to
expect. ``CLIMATE_COURSE_LITE=0`` (set by ``./course build --no-lite`` and the instructor
build, which have no lite site) leaves both out, so no page links to a missing site.
"""

from __future__ import annotations

import html
import os

from .interface import _
from .zh_edition import EDITIONS, ENGLISH

LITE_APP = "lite/lab/index.html"
FOLDERS = ("chapters/", "exercises/")  # the notebooks the lite site holds, under the same paths
BUTTON_TEXT = _("Run in your browser")
NOTE = _(
    '<div class="course-lite-note" role="note"><p><strong>Run in your browser:</strong> the '
    '<a href="{url}">{button}</a> button (in the launch menu, the rocket icon) opens this notebook in '
    "JupyterLite: Python running inside your browser, with no server and nothing to install. "
    "The first start downloads about 45&nbsp;MB and takes tens of seconds; later starts use the browser's cache. "
    "Your changes stay in this browser only: to keep them or hand in an exercise, use "
    "<em>File&nbsp;&rarr; Download</em> to save the notebook.</p></div>"
)


def lite_enabled() -> bool:
    return os.environ.get("CLIMATE_COURSE_LITE", "1") != "0"


def lite_url(pagename: str, pathto, folder: str = "") -> str | None:
    """The page's notebook in the lite site, relative to the page; None for other pages.

    ``folder`` is the language edition's folder in the site (empty for English): its pages sit one
    folder down from the lite site, and its notebooks under the same folder in the lite site.
    """
    if not pagename.startswith(FOLDERS):
        return None
    if not folder:
        return f"{pathto(LITE_APP, 1)}?path={pagename}.ipynb"
    site_root = pathto("", 1).removeprefix("./") + "../"
    return f"{site_root}{LITE_APP}?path={folder}/{pagename}.ipynb"


def _add_lite_button(app, pagename, templatename, context, doctree) -> None:
    if not lite_enabled() or context.get("page_source_suffix") != ".ipynb":
        return
    url = lite_url(pagename, context["pathto"], EDITIONS.get(app.config.language, ENGLISH)["folder"])
    if url is None:
        return
    header_buttons = context.setdefault("header_buttons", [])
    groups = [b for b in header_buttons if b.get("label") == "launch-buttons"]
    if not groups:  # no Binder or hub configured (a fork with no address): a launch menu of its own
        groups = [{"type": "group", "tooltip": str(_("Launch interactive content")), "icon": "fas fa-rocket",
                   "buttons": [], "label": "launch-buttons"}]
        header_buttons.append(groups[0])
    groups[0]["buttons"].insert(0, {
        "type": "link", "text": str(BUTTON_TEXT), "url": url, "label": "lite-button",
        "tooltip": str(_("Run this notebook in your browser (JupyterLite, no server)")),
        "icon": "_static/images/logo_jupyterlite.svg",
    })
    body = context.get("body", "")
    note = str(NOTE).format(url=html.escape(url), button=html.escape(str(BUTTON_TEXT)))
    end_of_title = body.find("</h1>")
    if end_of_title >= 0:
        context["body"] = body[: end_of_title + 5] + note + body[end_of_title + 5:]


def setup(app):
    # After the theme's add_launch_buttons (priority 501), before the template renders.
    app.connect("html-page-context", _add_lite_button, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
