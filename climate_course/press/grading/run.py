"""Execute one submission in a fresh, sandboxed kernel and bring its answers back as data.

:func:`run_job` is what each worker process of the grader's pool calls. It writes a kernel spec that
starts ``ipykernel`` through :mod:`.sandbox`, runs the submission's code cells (their saved outputs
dropped) with nbclient, and then the grader's own extraction cell (:mod:`.answers`). Only that cell's
answer payload and the error names of failed cells come back; everything else the notebook prints is
thrown away as it arrives, so a flood of output cannot fill the grader's memory.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import nbformat
from jupyter_client import AsyncKernelManager
from jupyter_core.utils import run_sync
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from . import answers

LAUNCHER = Path(__file__).with_name("sandbox.py")
PACKAGE = Path(__file__).resolve().parents[2]  # climate_course/
FIRST_UID = 200_000  # each submission's kernel gets its own user id (when the grader runs as root)
KERNEL_NAME = "course-grade-sandbox"
# Imported while the kernel starts (no names left behind), so a cell's time limit measures the
# student's code, not the first import of pandas and Altair on a busy machine.
PRELOAD = ("--IPKernelApp.exec_lines=import importlib as _m; "
           "[_m.import_module(n) for n in ('pandas', 'altair', 'climate_course.exercises')]; del _m")


@dataclass(frozen=True)
class Limits:
    """What one submission may use."""

    timeout: float = 300  # seconds for all the cells of a notebook; then the kernel and its processes are killed
    cell_timeout: float = 60  # seconds for one cell; then it is interrupted and the next cell runs
    memory: int = 3 << 30  # bytes of address space of the kernel and of each process it starts
    file_size: int = 64 << 20  # largest file it may write
    processes: int = 256  # processes and threads of its user id (only when the grader runs as root)


def unshare_prefix() -> list[str]:
    prefix = ["unshare", "--mount", "--net", "--pid", "--fork", "--kill-child"]
    return prefix if os.getuid() == 0 else [*prefix, "--map-root-user"]


def _system_ops() -> list[list]:
    """Read-only mounts of the system and of Python, a private /tmp, a minimal /dev and a fresh /proc."""
    ops: list[list] = []
    for top in ["/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"]:
        if os.path.islink(top):
            ops.append(["symlink", os.readlink(top), top])
        elif os.path.isdir(top):
            ops.append(["bind", top, top, True])
    for name in ["passwd", "group", "hosts", "nsswitch.conf", "localtime", "ld.so.cache", "ld.so.conf",
                 "ld.so.conf.d"]:
        path = f"/etc/{name}"
        if os.path.exists(path):
            ops.append(["bind", os.path.realpath(path), path, True])
    ops += [["tmpfs", "/tmp", "256m"], ["tmpfs", "/dev", "1m"]]
    for device in ["null", "zero", "full", "random", "urandom"]:
        ops.append(["bind", f"/dev/{device}", f"/dev/{device}", False])
    ops += [["symlink", "/proc/self/fd", "/dev/fd"], ["tmpfs", "/dev/shm", "64m"], ["proc"]]
    for index, name in enumerate(["stdin", "stdout", "stderr"]):
        ops.append(["symlink", f"/proc/self/fd/{index}", f"/dev/{name}"])
    pythons = {sys.prefix, sys.base_prefix, str(Path(os.path.realpath(sys.executable)).parent.parent)}
    for prefix in sorted(pythons):
        if not prefix.startswith("/usr/"):
            ops.append(["bind", prefix, prefix, True])
    return ops


@cache
def isolation() -> str:
    """``namespaces`` if this machine lets the grader build the sandbox, else ``none``."""
    if not shutil.which("unshare") or not sys.platform.startswith("linux"):
        return "none"
    with tempfile.TemporaryDirectory(prefix="course-grade-probe-") as tmp:
        config = {"root": f"{tmp}/root", "ops": _system_ops()}
        try:
            done = subprocess.run([*unshare_prefix(), sys.executable, "-I", str(LAUNCHER), "--probe",
                                   json.dumps(config)], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return "none"
    return "namespaces" if done.returncode == 0 and "sandbox ok" in done.stdout else "none"


class _Client(NotebookClient):
    """nbclient that keeps only the extraction cell's outputs and the error names of other cells."""

    def output(self, outs, msg, display_id, cell_index):
        if cell_index == len(self.nb.cells) - 1:
            return super().output(outs, msg, display_id, cell_index)
        if msg["msg_type"] == "error" and not any(o.get("output_type") == "error" for o in outs):
            content = msg["content"]
            out = nbformat.v4.new_output("error", ename=str(content.get("ename", ""))[:100],
                                         evalue=str(content.get("evalue", ""))[:300], traceback=[])
            outs.append(out)
            return out
        return None


def _job_dirs(root: Path, index: int) -> tuple[Path, Path, Path]:
    job = root / f"job{index:05d}"
    work, kernel = job / "work", job / "kernel"
    for folder in (work, kernel):
        folder.mkdir(parents=True)
    return job, work, kernel


def _config(job: Path, work: Path, kernel: Path, data_dir: Path, mode: str, uid: int | None,
            limits: Limits, connection_file: Path) -> dict:
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin", "HOME": str(work),
        "USER": "student", "LOGNAME": "student", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
        "JUPYTER_RUNTIME_DIR": str(kernel / "runtime"), "IPYTHONDIR": str(kernel / "ipython"),
        "MPLCONFIGDIR": str(kernel / "mpl"), "CLIMATE_COURSE_DATA": str(work / "data"),
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }
    ops = []
    if mode != "namespaces":
        env["PYTHONPATH"] = str(job / "lib")
    else:
        ops = [*_system_ops(), ["bind", str(PACKAGE), str(PACKAGE), True],
               ["bind", str(work), str(work), False], ["bind", str(kernel), str(kernel), False],
               ["bind", str(data_dir), str(work / "data"), True]]
    return {"mode": mode, "root": str(job / "root"), "ops": ops, "workdir": str(work), "env": env, "uid": uid,
            "connection_file": str(connection_file),
            "limits": {"memory": limits.memory, "file_size": limits.file_size, "cpu": int(limits.timeout) + 5,
                       "processes": limits.processes if uid is not None else None}}


def run_job(job_spec: dict) -> dict:
    """Execute one submission; return ``{"payload", "problems", "cell_errors"}`` (JSON-able, no code)."""
    limits = Limits(**job_spec["limits"])
    mode, index = job_spec["isolation"], job_spec["index"]
    job, work, kernel = _job_dirs(Path(job_spec["jobs_root"]), index)
    result: dict = {"payload": {}, "problems": [], "cell_errors": []}
    try:
        notebook = nbformat.reads(job_spec["notebook"], as_version=4)
        (work / "submission.ipynb").write_text(job_spec["original"], encoding="utf-8")
        data_dir = Path(job_spec["data_dir"])
        if mode != "namespaces":  # copies, so that what the notebook changes or deletes is its own
            shutil.copytree(data_dir, work / "data")
            shutil.copytree(PACKAGE, job / "lib" / PACKAGE.name,
                            ignore=shutil.ignore_patterns("__pycache__", "static", "_data"))
        uid = FIRST_UID + index if (mode == "namespaces" and os.getuid() == 0) else None
        connection_file = kernel / "connection.json"
        config_path = job / "sandbox.json"
        config_path.write_text(json.dumps(_config(job, work, kernel, data_dir, mode, uid, limits, connection_file)))
        if uid is not None:
            for path in [work, kernel, work / "submission.ipynb"]:
                os.chown(path, uid, uid)
        prefix = unshare_prefix() if mode == "namespaces" else []
        spec_dir = job / "spec" / KERNEL_NAME
        spec_dir.mkdir(parents=True)
        (spec_dir / "kernel.json").write_text(json.dumps({
            "argv": [*prefix, sys.executable, "-I", str(LAUNCHER), str(config_path), "--", sys.executable,
                     "-m", "ipykernel_launcher", "-f", "{connection_file}", PRELOAD],
            "display_name": "grading sandbox", "language": "python"}))
        manager = AsyncKernelManager(kernel_name=KERNEL_NAME,
                                kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec_dir.parent)]),
                                transport="ipc", ip=str(kernel / "ipc"), connection_file=str(connection_file))
        client = _Client(notebook, km=manager, timeout=int(limits.cell_timeout), interrupt_on_timeout=True,
                         error_on_timeout={"ename": "CellTimeout", "evalue": "", "traceback": []},
                         allow_errors=True, record_timing=False, startup_timeout=int(limits.timeout), iopub_timeout=4,
                         shutdown_kernel="immediate")
        _execute(client, manager, limits, result, job / "kernel.log")
        _collect(client.nb, job_spec, result)
    except Exception as error:  # the grader's own failure for this one submission: report it, go on
        result["problems"].append(f"the grader could not run this notebook ({type(error).__name__}: {error})")
    finally:
        shutil.rmtree(job, ignore_errors=True)
    return result


def _execute(client: _Client, manager: AsyncKernelManager, limits: Limits, result: dict, log: Path) -> None:
    stopped = threading.Event()

    def stop() -> None:  # the whole-notebook deadline: kill the launcher, and with it the sandbox
        stopped.set()
        process = getattr(getattr(manager, "provisioner", None), "process", None)
        if process is not None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                process.kill()

    # The deadline counts from the first cell: starting the kernel has its own limit (startup_timeout).
    timer = threading.Timer(limits.timeout, stop)
    client.on_notebook_start = lambda notebook: timer.start()
    try:
        with open(log, "wb") as stderr:
            client.execute(stdout=subprocess.DEVNULL, stderr=stderr)
    except DeadKernelError:
        result["problems"].append(
            f"the notebook did not finish within {limits.timeout:g} s and was stopped" if stopped.is_set()
            else "the kernel died (the notebook crashed it, exited it or ran out of memory)")
    except Exception as error:
        if stopped.is_set():
            result["problems"].append(f"the notebook did not finish within {limits.timeout:g} s and was stopped")
        else:
            last = log.read_text(errors="replace").strip().splitlines()[-1:] if log.exists() else []
            result["problems"].append(f"the notebook could not be run ({type(error).__name__}"
                                      + (f": {last[0][:200]}" if last else "") + ")")
    finally:
        timer.cancel()
        try:
            if manager.has_kernel:
                run_sync(manager.shutdown_kernel)(now=True)
        except Exception:
            pass


def _collect(notebook, job_spec: dict, result: dict) -> None:
    """The extraction cell's payload and, for every other cell, the error it raised."""
    cells = notebook.cells
    for index, cell in enumerate(cells[:-1]):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                result["cell_errors"].append({"cell": job_spec["cell_numbers"][index],
                                              "ename": output.get("ename", ""), "evalue": output.get("evalue", "")})
    found = [o["data"][answers.MIME] for o in cells[-1].get("outputs", [])
             if o.get("output_type") == "display_data" and answers.MIME in o.get("data", {})]
    if not found:
        if not result["problems"]:
            result["problems"].append("the notebook stopped before its answers could be read")
        return
    payload, problem = answers.parse_payload(found[-1], job_spec["variables"])
    result["payload"] = payload
    if problem:
        result["problems"].append(problem)


def limits_dict(limits: Limits) -> dict:
    return asdict(limits)
