"""Write a PNG of every page of the built book, at desktop and phone width.

Usage:  python scripts/screenshots.py [--out _build/screenshots] [--pages chapters/09_ccs.html ...]   (build the book first)

Open the folder and look at the whole book at once: a blank chart or a cut-off
control is a bug.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from climate_course.press.sitecheck import browser, chart_mark_counts, open_page, serve, toc_pages

ROOT = Path(__file__).resolve().parent.parent
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "screenshots")
    parser.add_argument("--pages", nargs="+", help="these pages only (default: every page of the book)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serve(ROOT / "_build" / "html") as base_url:
        for label, viewport in VIEWPORTS.items():
            with browser(viewport) as context:
                for path in args.pages or toc_pages(ROOT):
                    page, _ = open_page(context, base_url, path)
                    chart_mark_counts(page)  # wait until every chart is drawn
                    target = args.out / f"{Path(path).stem}-{label}.png"
                    page.screenshot(path=str(target), full_page=True)
                    page.close()
                    print(target)


if __name__ == "__main__":
    main()
