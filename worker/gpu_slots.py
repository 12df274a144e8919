"""One GPU job per device or MIG slice: a slot allocator built on file locks.

A GPU worker host names its slots in ``SANDBOX_GPU_IDS`` (device indexes, GPU UUIDs or MIG
UUIDs, ``sandbox.gpu.parse_gpu_ids``). Each job takes one slot for as long as its container
runs: an exclusive, non-blocking ``flock`` on ``<SANDBOX_GPU_LOCK_DIR>/<slot>.lock``. The
kernel drops a lock when the process holding it dies, however it dies (SIGKILL, OOM killer,
a lost node of the worker), so a killed worker never leaves a slot taken; there is no lease
to expire and nothing to clean up. Every worker process on the host that shares the GPUs
must use the same lock folder (on one host: the default; across containers: a shared
volume). A job waits, polling, for a free slot up to ``SANDBOX_GPU_WAIT_SECONDS``, then the
grading is retried later like any other unavailable sandbox.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from sandbox.gpu import parse_gpu_ids
from sandbox.result import SandboxUnavailable

POLL_SECONDS = 0.25
UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class NoGpuFree(SandboxUnavailable):
    """Every slot stayed taken for the whole wait: grade later (a platform fault, not the learner's)."""


def default_lock_dir() -> Path:
    return Path(tempfile.gettempdir()) / "backprop-gpu-slots"


def lock_path(lock_dir: Path, gpu_id: str) -> Path:
    """One file per slot; a MIG UUID's ``/`` and any other odd character become ``_``."""
    return lock_dir / f"{UNSAFE.sub('_', gpu_id)}.lock"


def _try_lock(path: Path) -> int | None:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(fd)
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return None
        raise
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())  # who holds it, for a person looking
    return fd


@contextlib.contextmanager
def gpu_slot(
    ids: Sequence[str],
    *,
    lock_dir: Path | None = None,
    wait_seconds: float = 600.0,
    poll_seconds: float = POLL_SECONDS,
) -> Iterator[str]:
    """Hold one free slot of ``ids`` (the first free one, in order) while the block runs."""
    slots = parse_gpu_ids(ids)
    if not slots:
        raise SandboxUnavailable(
            "this worker has no GPU: set SANDBOX_GPU_IDS (device indexes or MIG UUIDs) on the "
            "workers of the grading-gpu queue"
        )
    folder = lock_dir or default_lock_dir()
    folder.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        for gpu_id in slots:
            fd = _try_lock(lock_path(folder, gpu_id))
            if fd is not None:
                try:
                    yield gpu_id
                finally:
                    os.close(fd)  # closing the only descriptor releases the lock
                return
        if time.monotonic() >= deadline:
            raise NoGpuFree(
                f"all {len(slots)} GPU slot(s) of this worker stayed busy for {wait_seconds:g} s"
            )
        time.sleep(poll_seconds)


def busy_slots(ids: Sequence[str], *, lock_dir: Path | None = None) -> list[str]:
    """The slots some process holds now (for health pages and tests)."""
    folder = lock_dir or default_lock_dir()
    busy = []
    for gpu_id in parse_gpu_ids(ids):
        path = lock_path(folder, gpu_id)
        if not path.exists():
            continue
        fd = _try_lock(path)
        if fd is None:
            busy.append(gpu_id)
        else:
            os.close(fd)
    return busy
