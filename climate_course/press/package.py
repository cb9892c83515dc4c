"""One archive of the built site for a classroom with no internet: ``./course package``.

The archive holds everything in ``_build/html`` (the student edition, and every other public
edition built into it, such as the in-browser ``lite/`` folder) under one top folder, with a
README for the teacher. The instructor edition is built elsewhere (``_build/instructor``) and
is never packaged.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from .publishing import Citation

ROOT = Path(__file__).resolve().parents[2]
SERVE_COMMAND = "python3 -m http.server --bind 127.0.0.1 --directory site 8000"

README = """\
{title}
Version {version} (released {released}), built from the course's repository.

This folder is the whole course website. It needs no internet connection.

Open it
  * From the disk: open site/index.html in a web browser. The chapters, charts,
    maths and quizzes all work from the disk.
  * With a local web server (needed for the in-browser Python edition, site/lite/,
    if this copy has one; also the way to put the course on an intranet server):
    in a terminal, in this folder, run

        {serve}

    and open http://127.0.0.1:8000/ in a browser. Python 3 is the only thing it needs.
    Press Ctrl+C in the terminal to stop it. On an intranet, copy the site/ folder
    to any web server: every file is static.

Contents
{contents}
The instructor edition (solutions, marking notes) is not in this archive.

Licences: code MIT; course text CC BY 4.0; data under the licence of each source
(the Data page and each chart's source line). How to cite: see the front page.
"""


def archive_name(version: str) -> str:
    return f"china-us-climate-course-{version}"


def _contents(site: Path) -> str:
    lines = ["  site/              the course (start at site/index.html)"]
    if (site / "lite").is_dir():
        lines.append("  site/lite/         Python in the browser (JupyterLite): open it through the local server")
    return "\n".join(lines) + "\n"


def write_archive(site: Path, out_dir: Path, root: Path = ROOT) -> Path:
    """Zip ``site`` (a built ``_build/html``) with a teacher's README into ``out_dir``; return the archive."""
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site / 'index.html'} is missing: run ./course build first")
    citation = Citation.read(root)
    top = archive_name(citation.version)
    readme = README.format(title=citation.title, version=citation.version, released=citation.released,
                           serve=SERVE_COMMAND, contents=_contents(site))
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"{top}.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as bundle:
        bundle.writestr(f"{top}/README.txt", readme)
        for path in sorted(site.rglob("*")):
            relative = path.relative_to(site)
            if path.is_file() and not relative.parts[0].startswith("."):  # .buildinfo, .doctrees
                bundle.write(path, f"{top}/site/{relative.as_posix()}")
    return archive


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "package")
    args = parser.parse_args(argv)
    try:
        archive = write_archive(args.site, args.out)
    except FileNotFoundError as error:
        sys.exit(str(error))
    size = archive.stat().st_size / 1e6
    print(f"{archive} ({size:.1f} MB). Unzip it and read README.txt; or serve it: cd into the unzipped "
          f"folder and run: {SERVE_COMMAND}")


if __name__ == "__main__":
    main()
