"""Figures for the in-browser edition: site size, first-load transfer, kernel-ready time, run time per chapter.

Usage (after ``./course build``):  .venv/bin/python benchmarks/lite.py [--write] [CHAPTER ...]

Each chapter opens in a fresh headless Chromium context (an empty cache, as on a reader's
first visit) with every request outside the local server blocked. Prints a Markdown table;
``--write`` replaces the lite section of ``benchmarks/results.md``.
"""

from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from climate_course.press.lite import OUTPUT, site_size  # noqa: E402
from climate_course.press.sitecheck import LAB_ALL_RAN, LAB_KERNEL_IDLE, block_outside, chromium, serve  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results.md"
START, END = "<!-- lite benchmark: start -->", "<!-- lite benchmark: end -->"


def gzipped_size(folder: Path) -> int:
    return sum(len(gzip.compress(p.read_bytes(), 6)) for p in folder.rglob("*") if p.is_file())


def measure_chapter(launched, base_url: str, name: str) -> dict:
    context = launched.new_context(viewport={"width": 1400, "height": 1000})
    loaded = [0]
    outside = block_outside(context, base_url)

    def on_response(response):
        try:
            loaded[0] += len(response.body())
        except Exception:  # a redirect or a worker's response has no body here
            pass

    context.on("response", on_response)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(f"{base_url}lite/lab/index.html?path={name}")
    page.wait_for_selector(".jp-Notebook", timeout=120000)
    ui = time.perf_counter() - started
    page.wait_for_function(LAB_KERNEL_IDLE, timeout=300000, polling=200)
    ready = time.perf_counter() - started
    transfer = loaded[0]
    print(f"{name}: notebook UI {ui:.1f} s, kernel ready {ready:.1f} s, {transfer / 1e6:.1f} MB loaded", flush=True)
    run_started = time.perf_counter()
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(LAB_ALL_RAN, timeout=300000, polling=200)
    page.wait_for_function(LAB_KERNEL_IDLE, timeout=300000, polling=200)
    run = time.perf_counter() - run_started
    context.close()
    return {"name": name, "ui": ui, "ready": ready, "run": run, "transfer": transfer, "outside": len(outside)}


def main(argv: list[str]) -> int:
    write = "--write" in argv
    names = [a for a in argv if not a.startswith("--")] or [
        f"chapters/{p.name}" for p in sorted((ROOT / "chapters").glob("*.ipynb"))]
    rows = [f"| lite site size | {site_size(OUTPUT) / 1e6:.1f} MB ({gzipped_size(OUTPUT) / 1e6:.1f} MB gzipped) |"]
    with serve(OUTPUT.parent) as base_url, chromium() as launched:
        for name in names:
            m = measure_chapter(launched, base_url, name)
            print(m, flush=True)
            if name == names[0]:
                rows += [f"| first-load transfer (empty cache, {name}) | {m['transfer'] / 1e6:.1f} MB |",
                         f"| notebook UI shown | {m['ui']:.1f} s |"]
            rows.append(f"| {name}: kernel ready / run all cells | {m['ready']:.1f} s / {m['run']:.1f} s |")
            if m["outside"]:
                rows.append(f"| {name}: requests leaving the site (blocked) | {m['outside']} |")
    table = "\n".join(["| in-browser edition (JupyterLite) | value |", "|---|---|", *rows])
    print(table)
    if write:
        text = RESULTS.read_text(encoding="utf-8")
        section = f"{START}\n{table}\n{END}"
        if START in text:
            text = text[: text.index(START)] + section + text[text.index(END) + len(END):]
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
