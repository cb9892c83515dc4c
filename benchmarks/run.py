"""Print the course's speed and size figures (not a test: nothing here can fail on a slow day).

Usage:  ./course bench            (or: .venv/bin/python benchmarks/run.py [--skip-tests] [--write])

Figures: clean build, no-change rebuild, each chapter notebook's execution time,
test-suite time, page weight (HTML plus everything it loads) and requests per page,
total site size, and each live widget's update time (median and p95 of setting a
control and getting the new chart's Vega-Lite spec). ``--write`` also saves the
table to benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from climate_course import carbon_market, ccs, ev, game, pathways, power  # noqa: E402
from climate_course.press.sitecheck import browser, chart_mark_counts, open_page, serve, toc_pages  # noqa: E402
from climate_course.widgets import emissions_explorer_widget  # noqa: E402

# Every live (ipywidgets) front end in the course, by the name the table prints.
LIVE_WIDGETS = {
    "emissions explorer (ch. 0)": emissions_explorer_widget,
    "China pathway (ch. 4)": pathways.pathway_widget,
    "fair shares of the budget (ch. 4-5)": pathways.fair_share_widget,
    "EV market (ch. 7)": ev.ev_market_widget,
    "EV competition lab (ch. 7)": ev.competition_widget,
    "power-mix swap lab (ch. 8)": power.swap_widget,
    "CCS break-even lab (ch. 9)": ccs.breakeven_widget,
    "carbon-market lab (ch. 10)": carbon_market.market_lab_widget,
    "compete-or-cooperate lab (ch. 11)": game.game_widget,
}

BIN = Path(sys.executable).parent


def timed(command: list[str]) -> float:
    """Seconds taken by ``command`` run in the repository (fails loudly if it fails)."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def notebook_seconds(path: Path) -> float:
    """Seconds to execute one notebook top to bottom in a fresh kernel (kernel start included)."""
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def moved_control(live) -> tuple[str, list]:
    """A control of a live widget (a slider if it has one, else a menu) and three values to cycle through."""
    def single_valued(control):
        return not isinstance(control.value, tuple)

    for name, control in live.controls.items():
        if hasattr(control, "min") and single_valued(control):
            low, high = control.min, control.max
            return name, [low, type(control.value)((low + high) / 2), high]
    for name, control in live.controls.items():
        if hasattr(control, "options") and single_valued(control):
            return name, [o[1] if isinstance(o, tuple) else o for o in control.options][:3]
    raise ValueError("the widget has no slider or menu to move")


def widget_update_ms(live, rounds: int = 40) -> tuple[str, float, float]:
    """Control moved, and median and p95 milliseconds to set it and serialise the redrawn chart."""
    control, values = moved_control(live)
    samples = []
    for i in range(rounds):
        start = time.perf_counter()
        live.controls[control].value = values[i % len(values)]
        live.chart.to_dict()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return control, statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    parser.add_argument("--write", action="store_true", help="also write benchmarks/results.md")
    args = parser.parse_args()
    rows: list[tuple[str, str]] = [("machine cores", str(os.cpu_count()))]

    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    build = [str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"]
    rows.append(("clean build", f"{timed(build):.1f} s"))
    rows.append(("no-change rebuild", f"{timed(build):.1f} s"))

    for page in toc_pages(ROOT):
        notebook = ROOT / page.replace(".html", ".ipynb")
        if notebook.exists():
            rows.append((f"execute {notebook.relative_to(ROOT)}", f"{notebook_seconds(notebook):.1f} s"))

    for name, make in LIVE_WIDGETS.items():
        control, median, p95 = widget_update_ms(make())
        rows.append((f"live update: {name}", f"median {median:.1f} ms, p95 {p95:.1f} ms (moving {control})"))
    market = carbon_market.clear_market_timing(10_000)
    rows.append(("clear a 10,000-firm carbon market", ", ".join(f"{k.removesuffix('_ms')} {v:.1f} ms" for k, v in market.items() if k.endswith("_ms"))))

    html = ROOT / "_build" / "html"
    weights = {}
    with serve(html) as base_url, browser() as context:
        for page in toc_pages(ROOT):
            tab, visit = open_page(context, base_url, page)
            chart_mark_counts(tab)
            weights[page] = (visit.bytes_loaded, len(visit.requests))
            tab.close()
    heaviest = max(weights, key=lambda p: weights[p][0])
    rows.append(("largest page weight", f"{weights[heaviest][0] / 1e6:.2f} MB ({heaviest}, with all it loads)"))
    rows.append(("requests per page", ", ".join(f"{Path(p).stem} {n}" for p, (_, n) in weights.items())))
    total = sum(f.stat().st_size for f in html.rglob("*") if f.is_file())
    rows.append(("total site size", f"{total / 1e6:.1f} MB"))

    if not args.skip_tests:
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=ROOT, capture_output=True, text=True)
        outcome = result.stdout.strip().splitlines()[-1].strip("= ") if result.stdout.strip() else "no output"
        rows.append(("test suite (pytest, book already built)", f"{time.perf_counter() - start:.1f} s ({outcome})"))

    width = max(len(name) for name, _ in rows)
    table = "\n".join(f"{name.ljust(width)}  {value}" for name, value in rows)
    print(table)
    if args.write:
        lines = ["# Benchmark results", "", "Latest figures from `./course bench` (`benchmarks/run.py --write`).", "",
                 "| measure | value |", "|---|---|", *[f"| {name} | {value} |" for name, value in rows]]
        (ROOT / "benchmarks" / "results.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
