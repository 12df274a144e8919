"""Warm single-use containers: started early, each given exactly one job, then destroyed.

A cold run pays for creating and starting a container and for Python's start-up and heavy
imports (NumPy, scikit-learn, torch) inside it. A warm container has paid all of that before
the job arrives: it was created from the same ``container_options`` as a cold one (so every
hardening option applies unchanged), started, and its supervisor has imported the heavy
modules and now blocks reading the nonce from stdin. ``run_job(job, container=...)`` attaches,
sends the nonce and the job, and removes the container afterwards: never reused.

Containers only fit jobs of the same *shape* (image, limits, device, GPUs, runtime,
preloaded modules), since limits are fixed at creation. The pool keeps up to ``size``
started containers per shape it has seen, refilled by one background thread. A job whose
shape has no warm container runs cold, and asks for that shape to be kept warm from then on.
The refill starts containers for an empty shape at once, for the others only once no job has
run for ``refill_quiet_seconds`` (on a small host, starting containers slows the grading that
runs beside it).

Differences from a cold container, on purpose:

* the command imports ``preload`` modules (with the BLAS/OpenMP thread count set first, as
  the learner child would), writes a ready mark to stderr (read from the container log: a
  container joins the pool only once its imports are done), then runs the same supervisor;
  the supervisor still reads the nonce only after that, so the trust model is unchanged;
* the job's own labels are not on the container (labels are fixed at creation); it carries
  ``backprop.pool=<host>:<pid>`` instead, and a ``backprop.deadline`` that covers its idle
  time plus a full run, so ``sandbox.reaper.reap`` removes it if the worker dies;
* its wall clock counts from when the job is sent, not from when the container started.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import docker

from .job import Job
from .limits import Limits
from .reaper import SANDBOX_LABEL
from .result import RunResult, SandboxUnavailable
from .runner import (
    ENGINE_ERRORS,
    ENGINE_TIMEOUT_SECONDS,
    WATCHDOG_GRACE_SECONDS,
    connect,
    container_options,
    run_job,
)

log = logging.getLogger(__name__)

POOL_LABEL = "backprop.pool"
MODULE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
READY_MARK = "backprop-warm-ready"
READY_TIMEOUT_SECONDS = 120.0
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
_PLACEHOLDER_PLAN = {
    "steps": [{"kind": "call", "id": "warm", "module": "m", "function": "f", "timeout_seconds": 1}]
}


@dataclass(frozen=True)
class Shape:
    """What a container is fixed to at creation; a warm container fits only jobs of its shape."""

    image: str
    limits: Limits
    device: str = "cpu"
    gpu_ids: tuple[str, ...] | None = None
    runtime: str | None = None
    preload: tuple[str, ...] = ()

    @classmethod
    def of(cls, job: Job, preload: Iterable[str] = ()) -> Shape:
        modules = tuple(sorted(set(preload)))
        for name in modules:
            if not MODULE_NAME.match(name):
                raise ValueError(f"not a module name: {name!r}")
        return cls(job.image, job.limits, job.device, job.gpu_ids, job.runtime, modules)

    def template(self, owner: str) -> Job:
        return Job(
            image=self.image,
            files={},
            plan=_PLACEHOLDER_PLAN,
            limits=self.limits,
            labels={POOL_LABEL: owner},
            device=self.device,
            gpu_ids=self.gpu_ids,
            runtime=self.runtime,
        )


def preload_command(modules: Iterable[str], threads: int) -> list[str]:
    """The harness command, preceded by the heavy imports (a missing module is skipped)."""
    lines = ["import os"]
    lines += [f"os.environ[{name!r}] = {str(max(1, threads))!r}" for name in THREAD_VARIABLES]
    for name in modules:
        if not MODULE_NAME.match(name):
            raise ValueError(f"not a module name: {name!r}")
        lines += ["try:", f"    import {name}", "except Exception:", "    pass"]
    lines += [
        "import sys",
        f"sys.stderr.write({READY_MARK!r} + '\\n')",  # read from the container log, before any attach
        "sys.stderr.flush()",
        "from backprop_harness.supervisor import main",
        # The result is written with os.write before main returns; skipping the interpreter's
        # teardown (seconds with torch loaded) ends the container, and the host's read, sooner.
        "code = main()",
        "sys.stdout.flush()",
        "sys.stderr.flush()",
        "os._exit(code)",
    ]
    return ["python3", "-I", "-B", "-c", "\n".join(lines)]


def warm_options(
    shape: Shape, owner: str, *, idle_seconds: float, now: float | None = None
) -> dict[str, Any]:
    """``container_options`` of a job of this shape; only the command and the labels differ."""
    now = time.time() if now is None else now
    deadline = (
        now
        + idle_seconds
        + shape.limits.wall_seconds
        + WATCHDOG_GRACE_SECONDS
        + ENGINE_TIMEOUT_SECONDS
    )
    options = container_options(shape.template(owner), deadline)
    options["command"] = preload_command(shape.preload, math.ceil(shape.limits.cpus))
    return options


@dataclass
class _Warm:
    container: Any
    started_at: float


def owner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class WarmPool:
    """Up to ``size`` started containers per shape; ``run`` gives each exactly one job."""

    def __init__(
        self,
        size: int,
        *,
        idle_seconds: float = 600,
        client_factory: Callable[[], docker.DockerClient] = connect,
        owner: str | None = None,
        refill_quiet_seconds: float = 0.5,
    ):
        self.size = size
        self.idle_seconds = idle_seconds
        self.owner = owner or owner_id()
        self._client_factory = client_factory
        self._client: docker.DockerClient | None = None
        self._idle: dict[Shape, deque[_Warm]] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._closed = False
        self._jobs = 0  # jobs running now: a shape that still has a warm container waits for 0
        self._last_job_end = 0.0
        self.refill_quiet_seconds = refill_quiet_seconds
        self._thread: threading.Thread | None = None
        self.stats = {"warm": 0, "cold": 0, "started": 0, "discarded": 0}

    # --- public ---------------------------------------------------------------------------
    def warm(self, shapes: Iterable[Shape]) -> None:
        """Keep these shapes warm from now on (filled in the background)."""
        if self.size <= 0:
            return
        with self._lock:
            for shape in shapes:
                self._idle.setdefault(shape, deque())
        self._ensure_thread()
        self._wake.set()

    def run(self, job: Job, *, preload: Iterable[str] = ()) -> RunResult:
        """Run ``job`` in a warm container of its shape if one is ready, else in a cold one."""
        if self.size <= 0 or self._closed:
            return run_job(job)
        shape = Shape.of(job, preload)
        warm = self._take(shape)
        with self._lock:
            self._jobs += 1
        try:
            if warm is None:
                self.stats["cold"] += 1
                return run_job(job, client=self._client)
            self.stats["warm"] += 1
            return run_job(job, container=warm.container)
        finally:
            with self._lock:
                self._jobs -= 1
                self._last_job_end = time.monotonic()
            self.warm([shape])  # refill after the job, so the refill's imports do not slow it down

    def fill(self, timeout: float = 120.0) -> bool:
        """Block until every known shape has ``size`` warm containers (for benches and tests)."""
        self._wake.set()
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if all(len(queue) >= self.size for queue in self._idle.values()):
                    return True
            time.sleep(0.05)
        return False

    def close(self) -> None:
        """Stop refilling and remove every idle container."""
        self._closed = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=ENGINE_TIMEOUT_SECONDS)
        with self._lock:
            leftovers = [warm for queue in self._idle.values() for warm in queue]
            self._idle.clear()
        for warm in leftovers:
            _remove(warm.container)

    # --- internals ------------------------------------------------------------------------
    def _take(self, shape: Shape) -> _Warm | None:
        while True:
            with self._lock:
                queue = self._idle.get(shape)
                if not queue:
                    return None
                warm = queue.popleft()
            if time.time() - warm.started_at < self.idle_seconds and _running(warm.container):
                return warm
            self.stats["discarded"] += 1
            _remove(warm.container)

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._refill_forever, name="sandbox-pool", daemon=True
                )
                self._thread.start()

    def _refill_forever(self) -> None:
        backoff = 1.0
        while not self._closed:
            try:
                self._discard_stale()
                shape, pending = self._next_missing()
                if shape is None:
                    self._wake.wait(timeout=0.2 if pending else min(30.0, self.idle_seconds / 2))
                    self._wake.clear()
                    continue
                self._start_one(shape)
                backoff = 1.0
            except (SandboxUnavailable, *ENGINE_ERRORS) as error:
                log.warning(
                    "sandbox pool: cannot start a warm container (%s); retrying in %.0f s",
                    error,
                    backoff,
                )
                self._client = None
                self._wake.wait(timeout=backoff)
                self._wake.clear()
                backoff = min(60.0, backoff * 2)

    def _next_missing(self) -> tuple[Shape | None, bool]:
        """(shape to start a container for, whether to look again soon).

        An empty shape at once; a shape that still has a warm container only once no job has
        run for ``refill_quiet_seconds``, so that starting containers (and their imports) does
        not compete with the grading of a burst of submissions on a small host."""
        with self._lock:
            empty = [shape for shape, queue in self._idle.items() if not queue]
            if empty:
                return empty[0], True
            partial = [shape for shape, queue in self._idle.items() if len(queue) < self.size]
            quiet = time.monotonic() - self._last_job_end >= self.refill_quiet_seconds
            if partial and not self._jobs and quiet:
                return partial[0], True
            return None, bool(partial)

    def _discard_stale(self) -> None:
        cutoff = time.time() - self.idle_seconds
        stale = []
        with self._lock:
            for queue in self._idle.values():
                while queue and queue[0].started_at < cutoff:
                    stale.append(queue.popleft())
        for warm in stale:
            self.stats["discarded"] += 1
            _remove(warm.container)

    def _start_one(self, shape: Shape) -> None:
        if self._client is None:
            self._client = self._client_factory()
        now = time.time()
        container = self._client.containers.create(
            **warm_options(shape, self.owner, idle_seconds=self.idle_seconds, now=now)
        )
        try:
            container.start()
            ready = _wait_ready(container)
        except BaseException:
            _remove(container)
            raise
        if not ready:
            log.warning("sandbox pool: a warm container never became ready; removed")
            _remove(container)
            self._wake.wait(timeout=5.0)
            return
        self.stats["started"] += 1
        with self._lock:
            if self._closed:
                keep = False
            else:
                self._idle.setdefault(shape, deque()).append(_Warm(container, now))
                keep = True
        if not keep:
            _remove(container)


def remove_orphans(client: docker.DockerClient, *, host: str | None = None) -> int:
    """Remove idle warm containers of dead worker processes on this host (by their pool label)."""
    host = host or socket.gethostname()
    removed = 0
    for container in client.containers.list(
        all=True, filters={"label": [f"{SANDBOX_LABEL}=1", POOL_LABEL]}
    ):
        owner_host, _, pid = container.labels.get(POOL_LABEL, "").rpartition(":")
        if owner_host != host or not pid.isdigit() or _alive(int(pid)):
            continue
        _remove(container)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _wait_ready(container, timeout: float = READY_TIMEOUT_SECONDS) -> bool:
    """True once the preload is done (the mark is in the container's log); False if it exited."""
    end = time.monotonic() + timeout
    checks = 0
    while time.monotonic() < end:
        if READY_MARK.encode() in container.logs(stdout=False, stderr=True):
            return True
        checks += 1
        if checks % 10 == 0:  # light on the engine: it is grading at the same time
            container.reload()
            if container.status not in ("created", "running"):
                return False
        time.sleep(0.1)
    return False


def _running(container) -> bool:
    try:
        container.reload()
    except ENGINE_ERRORS:
        return False
    return container.status == "running"


def _remove(container) -> None:
    with contextlib.suppress(*ENGINE_ERRORS):
        container.remove(force=True)
