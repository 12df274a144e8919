"""What the supervisor measures itself: the container's memory peak and CPU time, a process's CPU.

Read from the kernel's own accounting (the container's cgroup, ``/proc/<pid>/stat``), never
from anything learner code reports or can patch. The cgroup counts every process in the
container, grandchildren that ``wait4`` never sees included. Inside the container the cgroup
files are on a read-only mount owned by root, so learner code cannot reset them.

* cgroup v2 (private cgroup namespace, Docker's default there): ``/sys/fs/cgroup/memory.peak``
  (kernel 5.19+) and ``cpu.stat``'s ``usage_usec``;
* cgroup v1: ``memory/memory.max_usage_in_bytes`` and ``cpuacct/cpuacct.usage`` (ns);
* gVisor: its own cgroupfs (only with ``runsc --cgroupfs``) has no peak file in the releases we
  run, so the peak is ``None`` there and the host reads it from the engine instead
  (``sandbox.runner``).
"""

from __future__ import annotations

import os

CGROUP_ROOT = "/sys/fs/cgroup"


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="ascii") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def _own_v2_dirs(root: str) -> list[str]:
    """The container's cgroup v2 directories to try: its own path, then the namespace root."""
    dirs = []
    text = _read("/proc/self/cgroup") or ""
    for line in text.splitlines():
        if line.startswith("0::"):
            path = line[3:].strip()
            if path not in ("", "/") and ".." not in path:
                dirs.append(os.path.join(root, path.lstrip("/")))
    dirs.append(root)
    return dirs


def memory_peak(root: str = CGROUP_ROOT) -> tuple[int | None, str | None]:
    """(peak bytes of the whole container, where it was read), or (None, None)."""
    candidates = [(os.path.join(d, "memory.peak"), "cgroup v2") for d in _own_v2_dirs(root)]
    candidates.append((os.path.join(root, "memory", "memory.max_usage_in_bytes"), "cgroup v1"))
    for path, source in candidates:
        value = _int(_read(path))
        if value:
            return value, source
    return None, None


def cpu_seconds(root: str = CGROUP_ROOT) -> float | None:
    """CPU seconds used by every process of the container so far, or None."""
    for directory in _own_v2_dirs(root):
        text = _read(os.path.join(directory, "cpu.stat"))
        if text:
            for line in text.splitlines():
                name, _, value = line.partition(" ")
                if name == "usage_usec" and _int(value) is not None:
                    return int(value) / 1e6
    for name in ("cpuacct", "cpu,cpuacct"):
        usage = _int(_read(os.path.join(root, name, "cpuacct.usage")))
        if usage is not None:
            return usage / 1e9
    return None


def process_cpu_seconds(pid: int) -> float | None:
    """CPU seconds of one process and the children it has waited for, from the kernel."""
    text = _read(f"/proc/{pid}/stat")
    if not text:
        return None
    # The command name may hold spaces and parentheses: the fields start after the last ')'.
    fields = text.rpartition(")")[2].split()
    try:
        ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    except (IndexError, ValueError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


class CpuClock:
    """CPU seconds as one source counts them, the same source for the whole run: the container's
    cgroup when it is readable, else the learner process's own accounting."""

    def __init__(self, pid: int, root: str = CGROUP_ROOT):
        self.pid = pid
        self.root = root
        self.source = "cgroup" if cpu_seconds(root) is not None else "process"

    def now(self) -> float | None:
        if self.source == "cgroup":
            return cpu_seconds(self.root)
        return process_cpu_seconds(self.pid)


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None
