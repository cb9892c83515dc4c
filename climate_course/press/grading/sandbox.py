"""The sandbox a submission's kernel runs in, and its launcher.

The grader starts each kernel through this file, run as a plain script (``python -I sandbox.py
CONFIG -- KERNEL ARGV``; standard library only) inside ``unshare --mount --net --pid --fork
--kill-child`` (with ``--map-root-user`` when the grader is not root). Before it executes the kernel it:

* builds a new root file system from read-only bind mounts of the Python installation, the system
  libraries, the ``climate_course`` package and the course data, plus the job's own working folder and
  kernel folder (read-write), a private ``/tmp`` and a minimal ``/dev``; it pivots into it and detaches
  the old root, so nothing else on the machine is reachable: not ``exercises/source``, not the
  instructor edition, not ``.git``, not another submission;
* has no network (a new, empty network namespace) and its own process tree (killing the launcher kills
  every process the notebook started);
* when the grader runs as root, switches to an unprivileged user id of its own (one per submission) with
  no new privileges;
* sets resource limits: address space (memory), file size, CPU time, open files, processes.

Mode ``none`` (no namespaces available, and the instructor said ``--no-sandbox``) keeps only the
resource limits, the clean environment and the working folder: see the README.
"""

from __future__ import annotations

import ctypes
import json
import os
import platform
import resource
import signal
import sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MS_NOATIME, MS_NODIRATIME, MS_RELATIME = 1024, 2048, 1 << 21
MNT_DETACH = 2
PR_SET_NO_NEW_PRIVS = 38
PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}
_libc = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    enc = lambda s: s.encode() if s is not None else None  # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
           f"mount {source} on {target}")


def _kept_flags(path: str) -> int:
    """Flags of the mount at ``path`` that a read-only remount must keep (a user namespace locks them)."""
    flag = os.statvfs(path).f_flag
    pairs = [(os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC),
             (os.ST_NOATIME, MS_NOATIME), (os.ST_NODIRATIME, MS_NODIRATIME), (os.ST_RELATIME, MS_RELATIME)]
    return sum(ms for st, ms in pairs if flag & st)


def _bind(root: str, source: str, target: str, read_only: bool) -> None:
    inside = root + target
    if os.path.isdir(source):
        os.makedirs(inside, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(inside), exist_ok=True)
        open(inside, "a").close()
    _mount(source, inside, None, MS_BIND | MS_REC)
    if read_only:
        _mount(None, inside, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | _kept_flags(inside))


def build_root(config: dict) -> None:
    """Make the new root from the config's ordered operations and pivot into it."""
    root = config["root"]
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    os.makedirs(root, exist_ok=True)
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=8m,mode=0755")
    for op in config["ops"]:
        kind = op[0]
        if kind == "bind":
            _bind(root, op[1], op[2], op[3])
        elif kind == "tmpfs":
            os.makedirs(root + op[1], exist_ok=True)
            _mount("tmpfs", root + op[1], "tmpfs", MS_NOSUID | MS_NODEV, f"size={op[2]},mode=1777")
        elif kind == "symlink":
            os.makedirs(os.path.dirname(root + op[2]), exist_ok=True)
            os.symlink(op[1], root + op[2])
        elif kind == "proc":
            os.makedirs(root + "/proc", exist_ok=True)
            _mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    os.chdir(root)
    number = PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise OSError(f"no pivot_root for {platform.machine()}")
    _check(_libc.syscall(number, b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "detach the old root")
    os.chdir("/")
    _mount(None, "/", None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | _kept_flags("/"))


def limit(config: dict) -> None:
    """Resource limits for the kernel and everything it starts."""
    limits = config["limits"]
    for name, value in [("RLIMIT_AS", limits["memory"]), ("RLIMIT_FSIZE", limits["file_size"]),
                        ("RLIMIT_CPU", limits["cpu"]), ("RLIMIT_NOFILE", 512), ("RLIMIT_CORE", 0),
                        ("RLIMIT_NPROC", limits.get("processes"))]:
        if value is not None:
            resource.setrlimit(getattr(resource, name), (value, value))


def drop_privileges(config: dict) -> None:
    uid = config.get("uid")
    if uid is not None and os.getuid() == 0:
        if os.path.exists(config.get("connection_file", "")):  # written by the grader, read by the kernel
            os.chown(config["connection_file"], uid, uid)
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no new privileges")


def main(argv: list[str]) -> None:
    if argv[1:2] == ["--probe"]:
        build_root(json.loads(argv[2]))
        drop_privileges({"uid": 65534})
        print("sandbox ok", flush=True)
        return
    config_path, separator, *kernel = argv[1:]
    assert separator == "--", "usage: sandbox.py CONFIG -- KERNEL ARGV"
    with open(config_path, encoding="utf-8") as handle:
        config = json.load(handle)
    if config["mode"] == "namespaces":
        build_root(config)
        drop_privileges(config)
    limit(config)
    # unshare blocks SIGINT and SIGTERM while it waits: unblock them, so an interrupt reaches the kernel
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_DFL)
    os.chdir(config["workdir"])
    os.execve(kernel[0], kernel, config["env"])


if __name__ == "__main__":
    main(sys.argv)
