"""Print the course's speed and size figures (not a test: nothing here can fail on a slow day).

Usage:  ./course bench    (or: .venv/bin/python benchmarks/run.py [--skip-tests] [--skip-lighthouse] [--write])
        ./course bench --pages-only [--site DIR] [--pages P ...]   (page weight and Lighthouse of a built site)

Each figure is printed with its target and the ratio to it, and the floor the target is made
of is measured here too, on this machine, with its core count. The machine may be shared:
every timed command reports its CPU time (its own and its children's) beside the wall time.

Figures: the floor (a kernel start plus the course's imports), clean build (notebooks run
into the cache one per core, then Sphinx), Sphinx's own time, no-change rebuild, the
instructor edition after the student one, each notebook's execution, the test suite, each
live widget's update (set a control until the widget holds the new chart), page weight
with compression (HTML plus everything it loads, gzipped) and requests per page, total site
size, Lighthouse scores (desktop and mobile, served with gzip), and how cost grows with work
(:data:`GROWTH`). ``--write`` also saves the table to benchmarks/results.md (a partial run,
``--pages-only``, replaces only the rows it measured).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, NamedTuple

import altair as alt
import nbformat
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from climate_course import carbon_market, ccs, ev, game, pathways, power  # noqa: E402
from climate_course.charts import emissions_explorer  # noqa: E402
from climate_course.data import load_table, table_meta  # noqa: E402
from climate_course.press.grading.fixtures import grade_generated  # noqa: E402
from climate_course.press.sitecheck import browser, chart_mark_counts, open_page, serve, toc_pages  # noqa: E402
from climate_course.press.sphinxext import chart_html  # noqa: E402
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
CORES = os.cpu_count() or 1
BUILD = [str(BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"]
FILL_CACHE = [sys.executable, "-m", "climate_course.press.execute"]
LIVE_TARGET_MS = 30.0
PAGE_TARGET_BYTES = 500_000
LIGHTHOUSE = "lighthouse@12.8.2"  # npm; run with Debian's chromium
LIGHTHOUSE_DIR = ROOT / "_build" / "lighthouse"
LIGHTHOUSE_METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                      "cumulative-layout-shift", "speed-index")  # kept beside the scores in _build/lighthouse.json
NOTES = "## Notes"  # results.md: what follows this heading is written by hand and kept by --write


class Timing(NamedTuple):
    wall: float
    cpu: float  # user + system of the command and every process it waited for


def timed(*commands: list[str], cwd: Path = ROOT) -> Timing:
    """Wall and CPU seconds of ``commands`` run one after another (fails loudly if one fails)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Timing(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def seconds(t: Timing) -> str:
    return f"{t.wall:.1f} s (CPU {t.cpu:.1f} s)"


def versus(value: float, target: float, unit: str = "s") -> str:
    """``value`` against its target: the ratio, and whether it is met."""
    return f"target ≤ {target:.4g} {unit}, ratio {value / target:.2f} ({'met' if value <= target else 'NOT met'})"


def run_notebook(notebook, folder: Path) -> float:
    """Seconds to execute ``notebook`` in a fresh kernel (kernel start included)."""
    start = time.perf_counter()
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return time.perf_counter() - start


def floor_seconds(rounds: int = 3) -> float:
    """The least a notebook can cost: start a kernel and import pandas, altair and ipywidgets (best of 3)."""
    probe = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas, altair, ipywidgets")])
    return min(run_notebook(probe, ROOT) for _ in range(rounds))


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


def widget_update_ms(live, rounds: int = 40) -> tuple[str, float, float, float]:
    """Control moved; median and p95 wall ms, and p95 CPU ms, from setting it to the widget holding
    the redrawn chart (the model run, the chart built and its spec put in the output widget)."""
    control, values = moved_control(live)
    walls, cpus = [], []
    for i in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        live.controls[control].value = values[i % len(values)]
        assert live.output.outputs, "the widget shows no chart"
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - start_cpu) * 1000)
    walls.sort()
    cpus.sort()
    p95 = int(0.95 * (rounds - 1))
    return control, statistics.median(walls), walls[p95], cpus[p95]


def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def page_weights(html: Path) -> dict[str, tuple[int, int, int]]:
    """Each page of the book: (bytes loaded, bytes loaded gzipped, requests), from a real browser visit."""
    weights = {}
    with serve(html) as base_url, browser() as context:
        for page in [*toc_pages(ROOT), "search.html"]:
            tab, visit = open_page(context, base_url, page)
            chart_mark_counts(tab)
            files = [html / url.removeprefix(base_url).split("?")[0].split("#")[0] for url in visit.requests
                     if url.startswith(base_url)]
            weights[page] = (visit.bytes_loaded, sum(gzipped_size(f) for f in files if f.is_file()), len(visit.requests))
            tab.close()
    return weights


# --- How cost grows with work -------------------------------------------------------------

class GrowthSeries(NamedTuple):
    """A cost measured at several sizes of work: ``points`` are (size, cost)."""

    name: str
    size_unit: str
    cost_unit: str
    points: list[tuple[float, float]]


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of cost against size."""
    xs, ys = zip(*points)
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)


def growth_row(series: GrowthSeries) -> tuple[str, str]:
    """One table row: the points, the slope, and whether growth is at most linear (the cost per unit
    of work at the largest size is no more than 1.25 x its value at the middle size)."""
    points = sorted(series.points)
    per_unit = [(x, y / x) for x, y in points if x > 0]
    linear = per_unit[-1][1] <= 1.25 * per_unit[len(per_unit) // 2][1] if len(per_unit) >= 2 else True
    shown = ", ".join(f"{x:g} → {y:.3g} {series.cost_unit}" for x, y in points)
    return (f"growth: {series.name}",
            f"{shown}; slope {slope(points):.3g} {series.cost_unit} per {series.size_unit}; "
            f"{'at most linear' if linear else 'WORSE than linear'}")


def build_time_growth() -> GrowthSeries:
    """Clean build (execution included) of a book of the first 1 and 8 notebooks, and of the whole book
    (from the clean build measured before). Builds into a scratch folder with its own cache."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    notebooks = [name for name in toc_pages(ROOT) if (ROOT / name.replace(".html", ".ipynb")).exists()]
    points = []
    for count in (1, 8):
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            chosen = [{"file": name.removesuffix(".html")} for name in notebooks[:count]]
            small = {"format": "jb-book", "root": toc["root"], "parts": [{"caption": "Chapters", "chapters": chosen}]}
            (scratch / "_toc.yml").write_text(yaml.safe_dump(small))
            config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
            config["execute"]["cache"] = str(scratch / "cache")
            (scratch / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
            command = [str(BIN / "jupyter-book"), "build", ".", "--toc", str(scratch / "_toc.yml"),
                       "--config", str(scratch / "_config.yml"), "--path-output", str(scratch)]
            fill = [*FILL_CACHE, "--toc", str(scratch / "_toc.yml"), "--cache", str(scratch / "cache")]
            points.append((count, timed(fill, command).wall))
    return GrowthSeries("clean build time vs notebooks", "notebook", "s", points)


def explorer_weight_growth() -> GrowthSeries:
    """Gzipped bytes the emissions explorer adds to its page, against the number of countries offered."""
    table = load_table("co2_annual")
    source = table_meta("co2_annual").citation
    ranked = [c for c in table.groupby("country")["co2"].max().sort_values(ascending=False).index]
    points = []
    for count in (5, 25, 50, 100, len(ranked)):
        offered = table[table["country"].isin(ranked[:count])]
        spec = emissions_explorer(offered, source, countries=ranked[:5]).to_dict()
        points.append((count, len(gzip.compress(chart_html(spec, "probe").encode(), 6)) / 1000))
    return GrowthSeries("explorer page weight vs countries offered", "country", "KB gz", points)


def grading_time_growth() -> GrowthSeries:
    """Seconds to grade a class of generated ex00 submissions (run, score, write every report),
    against the class size, one notebook per core at a time."""
    return GrowthSeries("grading time vs submissions", "submission", "s",
                        [(n, grade_generated(n)) for n in (2, 4, 8)])


# Each entry measures one series: a function returning a GrowthSeries.
GROWTH: list[Callable[[], GrowthSeries]] = [explorer_weight_growth, grading_time_growth]


# --- Lighthouse ------------------------------------------------------------------------------

class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the book as a host does: gzip for text assets when the browser accepts it."""

    TEXT = (".html", ".js", ".css", ".json", ".svg", ".txt", ".map")

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in self.TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return _Body(body)
        return super().send_head()


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@contextlib.contextmanager
def serve_gzip(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse_scores(html: Path, pages: list[str]) -> dict[str, dict[str, dict[str, int]]]:
    """Lighthouse category scores (0-100) of each page, desktop and mobile: {page: {form: {category: score}}}."""
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_DIR), LIGHTHOUSE],
                       check=True, stdout=subprocess.DEVNULL)
    scores = {}
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    with serve_gzip(html) as base_url:
        for page in pages:
            scores[page] = {}
            for form, preset in (("desktop", ["--preset=desktop"]), ("mobile", [])):
                result = subprocess.run(
                    [str(binary), base_url + page, *preset, "--output=json", "--quiet",
                     "--only-categories=performance,accessibility,best-practices,seo",
                     "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
                    capture_output=True, text=True, env=env, timeout=300)
                if result.returncode != 0:
                    scores[page][form] = {"error": result.stderr.strip().splitlines()[-1:]}
                    continue
                report = json.loads(result.stdout)
                scores[page][form] = {k: round(100 * (v["score"] or 0)) for k, v in report["categories"].items()}
                scores[page][form]["metrics"] = {m: round(report["audits"][m]["numericValue"], 3) for m in LIGHTHOUSE_METRICS}
                reports = LIGHTHOUSE_DIR / "reports"  # the whole report, to see what costs the score
                reports.mkdir(exist_ok=True)
                (reports / f"{page.replace('/', '_')}-{form}.json").write_text(result.stdout)
    return scores


def lighthouse_rows(scores) -> list[tuple[str, str]]:
    targets = {"desktop": {"performance": 90, "best-practices": 100, "seo": 100, "accessibility": 100},
               "mobile": {"performance": 75, "best-practices": 100, "seo": 100, "accessibility": 100}}
    rows = []
    for form, wanted in targets.items():
        for category, target in wanted.items():
            values = {p: s[form].get(category) for p, s in scores.items() if isinstance(s[form].get(category), int)}
            if not values:
                rows.append((f"Lighthouse {form} {category}", "not measured"))
                continue
            worst = min(values, key=values.get)
            rows.append((f"Lighthouse {form} {category}",
                         f"min {values[worst]} ({Path(worst).stem}), median {statistics.median(values.values()):.0f} "
                         f"over {len(values)} pages; target ≥ {target} ({'met' if values[worst] >= target else 'NOT met'})"))
    return rows


# --- The run ---------------------------------------------------------------------------------

class _PrintedRows(list):
    """The table's rows, each also printed as soon as it is measured (a run takes a while)."""

    def append(self, row: tuple[str, str]) -> None:
        super().append(row)
        print(f"{row[0]}: {row[1]}", flush=True)

    def extend(self, rows) -> None:
        for row in rows:
            self.append(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    parser.add_argument("--skip-lighthouse", action="store_true", help="do not run Lighthouse")
    parser.add_argument("--write", action="store_true", help="also write benchmarks/results.md")
    parser.add_argument("--pages-only", action="store_true", help="only page weight and Lighthouse, of a built site")
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="the built site (--pages-only)")
    parser.add_argument("--pages", nargs="+", help="Lighthouse these pages only (default: the home page and every chapter)")
    args = parser.parse_args()
    rows = _PrintedRows()
    rows.append(("machine cores", str(CORES)))
    if args.pages_only:
        rows.extend(page_rows(args.site, lighthouse=not args.skip_lighthouse, pages=args.pages))
        if args.write:
            write_results(rows)
        return

    floor = floor_seconds()
    rows.append(("floor: kernel start + import pandas, altair, ipywidgets", f"{floor:.2f} s (best of 3)"))
    notebooks = [ROOT / p.replace(".html", ".ipynb") for p in toc_pages(ROOT)
                 if (ROOT / p.replace(".html", ".ipynb")).exists()]

    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    clean = timed(FILL_CACHE, BUILD)
    rerender = timed([*BUILD, "--all"])  # every notebook in the cache: Sphinx's own time
    unchanged = timed(FILL_CACHE, BUILD)
    clean_target = 2 * len(notebooks) * floor / CORES + rerender.wall
    rows.append(("clean build, student edition", f"{seconds(clean)}; {len(notebooks)} notebooks; "
                 f"{versus(clean.wall, clean_target)} (2 × notebooks × floor / cores + Sphinx's own time)"))
    rows.append(("Sphinx's own time (all notebooks cached, every page rebuilt)", seconds(rerender)))
    rows.append(("no-change rebuild (cache check + Sphinx)", f"{seconds(unchanged)}; {versus(unchanged.wall, 3.0)}"))
    instructor = timed([str(ROOT / "course"), "instructor"])
    rows.append(("instructor edition after the student one", f"{seconds(instructor)}; both editions "
                 f"{clean.wall + instructor.wall:.1f} s, {versus(clean.wall + instructor.wall, 1.5 * clean.wall)}"
                 " (1.5 × one edition)"))

    times = {}
    for notebook in notebooks:
        times[notebook] = run_notebook(nbformat.read(notebook, as_version=4), notebook.parent)
    for notebook, spent in times.items():
        rows.append((f"execute {notebook.relative_to(ROOT)}", f"{spent:.1f} s; {versus(spent, 1.5 * floor)} (1.5 × floor)"))
    rows.append(("execute, median over notebooks", f"{statistics.median(times.values()):.2f} s, "
                 f"{statistics.median(times.values()) / floor:.2f} × floor"))

    for name, make in LIVE_WIDGETS.items():
        control, median, p95, p95_cpu = widget_update_ms(make())
        rows.append((f"live update: {name}", f"median {median:.1f} ms, p95 {p95:.1f} ms (CPU p95 {p95_cpu:.1f} ms), "
                     f"moving {control}; {versus(p95, LIVE_TARGET_MS, 'ms')}"))
    market = carbon_market.clear_market_timing(10_000)
    rows.append(("clear a 10,000-firm carbon market", ", ".join(f"{k.removesuffix('_ms')} {v:.1f} ms" for k, v in market.items() if k.endswith("_ms"))))

    rows.extend(page_rows(ROOT / "_build" / "html", lighthouse=not args.skip_lighthouse, pages=args.pages))

    for measure in [build_time_growth, *GROWTH]:
        series = measure()
        if series.name.startswith("clean build"):
            series.points.append((len(notebooks), clean.wall))
        rows.append(growth_row(series))

    if not args.skip_tests:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "pytest", "-q"], cwd=ROOT, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        outcome = result.stdout.strip().splitlines()[-1].strip("= ") if result.stdout.strip() else "no output"
        wall = time.perf_counter() - start
        rows.append(("test suite (pytest, book already built)", f"{wall:.1f} s (CPU {cpu:.1f} s; {outcome}); "
                     f"{versus(wall, 300)}"))

    if args.write:
        write_results(rows, partial=False)


def write_results(rows: list[tuple[str, str]], partial: bool = True) -> None:
    """Save the table to benchmarks/results.md, keeping what follows it; a partial run replaces
    only the rows it measured (adding new ones at the table's end) and keeps the rest as it was."""
    results = ROOT / "benchmarks" / "results.md"
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    heading = ["# Benchmark results", "", "Latest figures from `./course bench` (`benchmarks/run.py --write`).", "",
               "| measure | value |", "|---|---|"]
    if not partial or "| measure | value |" not in text:
        kept = "".join(text.partition(NOTES)[1:])
        table = [f"| {name} | {value} |" for name, value in rows]
        results.write_text("\n".join(heading + table) + "\n\n" + kept, encoding="utf-8")  # the notes below stay
        return
    lines = text.splitlines()
    first = lines.index("| measure | value |") + 2
    last = next((i for i in range(first, len(lines)) if not lines[i].startswith("| ")), len(lines))
    measured = dict(rows)
    table = []
    for line in lines[first:last]:
        name = line.strip("|").split("|", 1)[0].strip()
        table.append(f"| {name} | {measured.pop(name)} |" if name in measured else line)
    table += [f"| {name} | {value} |" for name, value in measured.items()]
    results.write_text("\n".join(lines[:first] + table + lines[last:]) + "\n", encoding="utf-8")


def page_rows(html: Path, lighthouse: bool, pages: list[str] | None = None) -> list[tuple[str, str]]:
    """Page weight, requests per page, site size and (unless ``lighthouse`` is false) Lighthouse scores of ``html``."""
    rows = []
    weights = page_weights(html)
    heaviest = max(weights, key=lambda p: weights[p][1])
    raw, packed, _ = weights[heaviest]
    rows.append(("largest page weight, gzipped", f"{packed / 1e3:.0f} KB ({raw / 1e6:.2f} MB uncompressed; {heaviest}, "
                 f"with all it loads); {versus(packed / 1e3, PAGE_TARGET_BYTES / 1e3, 'KB')}"))
    rows.append(("requests per page", ", ".join(f"{Path(p).stem} {n}" for p, (_, _, n) in weights.items())))
    total = sum(f.stat().st_size for f in html.rglob("*") if f.is_file())
    rows.append(("total site size", f"{total / 1e6:.1f} MB"))
    if lighthouse:
        pages = pages or ["intro.html", *[p for p in toc_pages(ROOT) if p.startswith("chapters/")]]
        scores = lighthouse_scores(html, pages)
        rows.extend(lighthouse_rows(scores))
        (ROOT / "_build" / "lighthouse.json").write_text(json.dumps(scores, indent=1))
    return rows


if __name__ == "__main__":
    main()
