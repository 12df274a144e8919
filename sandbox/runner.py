"""Run one Job in a fresh hardened container and turn what happened into a RunResult.

Two clocks: the container deadline (``wall_seconds`` after start, then the
container is killed) and a host watchdog ``WATCHDOG_GRACE_SECONDS`` later. The
watchdog is the attach socket's read loop itself: every read has a short socket
timeout, so a hung engine cannot block us past the watchdog; every other engine
call is bounded by the Docker client's HTTP timeout (``ENGINE_TIMEOUT_SECONDS``).
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
import secrets
import socket
import struct
import time
from collections.abc import Callable, Iterator
from typing import Any

import docker
import docker.errors
import requests.exceptions
from docker.types import DeviceRequest, LogConfig, Ulimit

from . import gpu
from .harness import frame
from .harness.capture import Capture, LineReader
from .harness.init import STOPPED_FROM_OUTSIDE
from .job import Job
from .limits import Limits
from .reaper import DEADLINE_LABEL, SANDBOX_LABEL
from .result import HARNESS_LOST_MESSAGE, RunResult, SandboxUnavailable, exit_reason_for
from .seccomp import security_opt as seccomp_security_opt

# The supervisor, run by the init in its own forked interpreter (one Python start, not two).
HARNESS_COMMAND = ["--harness"]
# PID 1: our own non-dumpable init (sandbox/harness/init.py), never docker-init.
INIT_COMMAND = ["python3", "-I", "-S", "-B", "/opt/backprop/backprop_harness/init.py"]
SANDBOX_USER = "10001:10001"
WATCHDOG_GRACE_SECONDS = 5.0
ENGINE_TIMEOUT_SECONDS = 30
READ_POLL_SECONDS = 0.5
TMP_MB = 16
TMP_INODES = 256
SHM_MAX_MB = 64  # Docker's own /dev/shm size
SHM_MAX_INODES = 512
RUNSC_PIDS_BASE = 1024
RUNSC_PIDS_PER_TASK = 32
FRAME_HEADER = struct.Struct(">BxxxL")

ENGINE_ERRORS = (docker.errors.DockerException, requests.exceptions.RequestException, OSError)


def connect() -> docker.DockerClient:
    """A client for the local engine, or SandboxUnavailable."""
    try:
        client = docker.from_env(timeout=ENGINE_TIMEOUT_SECONDS)
        client.ping()
    except ENGINE_ERRORS as error:
        raise SandboxUnavailable(f"the Docker engine does not answer: {error}") from error
    return client


_engines: dict[tuple[int, str | None], docker.DockerClient] = {}


def engine() -> docker.DockerClient:
    """This process's client, made by ``connect`` once. A client per run negotiated the API
    version and pinged first: 12 ms of every cold grade. Keyed by pid (a forked worker child
    must not share its parent's socket) and DOCKER_HOST; a restarted engine is reconnected by
    the client's pool, and until then its calls fail as SandboxUnavailable."""
    key = (os.getpid(), os.environ.get("DOCKER_HOST"))
    client = _engines.get(key)
    if client is None:
        client = _engines[key] = connect()
    return client


def container_options(job: Job, deadline: float) -> dict[str, Any]:
    """Every hardening option in one place, so a test can read them."""
    limits = job.limits
    memory = f"{limits.memory_mb}m"
    options: dict[str, Any] = {
        "image": job.image,
        "entrypoint": INIT_COMMAND,
        "command": HARNESS_COMMAND,
        "user": SANDBOX_USER,
        "working_dir": "/work",
        "stdin_open": True,
        "tty": False,
        "network_mode": "none",
        "read_only": True,
        "tmpfs": tmpfs_mounts(limits),
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges", seccomp_security_opt()],
        "privileged": False,
        "pids_limit": host_pids_limit(job),
        "mem_limit": memory,
        "memswap_limit": memory,
        "nano_cpus": int(limits.cpus * 1_000_000_000),
        "init": False,
        # Nothing of the host's: only the GPU variables, set by us (NVIDIA_VISIBLE_DEVICES=void
        # for a CPU job, the one slot's id for a GPU job; sandbox/gpu.py).
        "environment": job.environment(),
        "ulimits": [
            Ulimit(name="core", soft=0, hard=0),
            Ulimit(name="nofile", soft=limits.nofile, hard=limits.nofile),
            Ulimit(
                name="fsize", soft=limits.fsize_mb * 1024 * 1024, hard=limits.fsize_mb * 1024 * 1024
            ),
        ],
        "log_config": LogConfig(type="json-file", config={"max-size": "1m", "max-file": "1"}),
        "labels": {**job.labels, SANDBOX_LABEL: "1", DEADLINE_LABEL: f"{deadline:.0f}"},
        "hostname": "sandbox",
    }
    if job.runtime:
        options["runtime"] = job.runtime
    if job.runtime == "runsc":
        # gVisor counts nproc inside its own kernel, so the learner gets EAGAIN, as under
        # runc's pids cgroup; under runc nproc would be shared by every uid-10001 container.
        options["ulimits"].append(Ulimit(name="nproc", soft=limits.pids, hard=limits.pids))
    if job.device == "gpu":
        ids = list(job.gpu_ids) if job.gpu_ids else None
        options["device_requests"] = [
            DeviceRequest(device_ids=ids, count=None if ids else -1, capabilities=[["gpu"]])
        ]
    return options


def work_space(limits: Limits) -> dict[str, tuple[int, int]]:
    """(MiB, inodes) of each learner-writable tmpfs but /tmp: ``tmpfs_mb`` and
    ``tmpfs_inodes`` are shared by /work and /dev/shm, which gets a quarter of the space (at
    most Docker's 64 MiB) and an eighth of the inodes (at most 512); /work gets the rest."""
    shm_mb = max(1, min(SHM_MAX_MB, limits.tmpfs_mb // 4))
    shm_inodes = max(8, min(SHM_MAX_INODES, limits.tmpfs_inodes // 8))
    return {
        "/work": (limits.tmpfs_mb - shm_mb, limits.tmpfs_inodes - shm_inodes),
        "/dev/shm": (shm_mb, shm_inodes),
    }


def tmpfs_mounts(limits: Limits) -> dict[str, str]:
    """The container's only writable places, each sized and inode-capped. Our own /dev/shm
    replaces Docker's (64 MiB, no inode cap: millions of inodes under runc)."""
    space = work_space(limits)
    work_mb, work_inodes = space["/work"]
    shm_mb, shm_inodes = space["/dev/shm"]
    flags = "rw,nosuid,nodev,noexec"
    return {
        "/work": f"{flags},size={work_mb}m,nr_inodes={work_inodes},uid=10001,gid=10001,mode=0700",
        "/tmp": f"{flags},size={TMP_MB}m,nr_inodes={TMP_INODES},mode=1777",
        "/dev/shm": f"{flags},size={shm_mb}m,nr_inodes={shm_inodes},mode=1777",
    }


def host_pids_limit(job: Job) -> int:
    """The engine's pids limit: ``limits.pids`` itself under runc.

    Under gVisor the host cgroup counts the sentry's own threads (about 40 when idle) and,
    with the ptrace platform, several host threads per learner task, growing while a fork
    bomb retries (measured: over 1000 in 10 s with 32 learner processes), and the sentry
    dies when it cannot make one. So the learner's budget is enforced inside gVisor
    (ulimit nproc, see ``container_options``) and this number is only a generous backstop.
    """
    if job.runtime == "runsc":
        return RUNSC_PIDS_BASE + RUNSC_PIDS_PER_TASK * job.limits.pids
    return job.limits.pids


_deferred: contextvars.ContextVar[list[Any] | None] = contextvars.ContextVar(
    "sandbox_deferred_removals", default=None
)


@contextlib.contextmanager
def removals_deferred() -> Iterator[None]:
    """Remove the block's finished containers when it ends, not as each run ends.

    Removing a container costs the engine tens of milliseconds; the worker wraps a grade in
    this so that the learner's result is stored first. Whatever happens in the block, its
    containers are removed on the way out (the reaper, by label, if the engine fails).
    """
    token = _deferred.set([])
    try:
        yield
    finally:
        containers = _deferred.get() or []
        _deferred.reset(token)
        for container in containers:
            _remove(container)


def _remove(container: Any) -> None:
    with contextlib.suppress(*ENGINE_ERRORS):  # the reaper removes it later if this fails
        container.remove(force=True)


def _remove_now_or_later(container: Any, *, ends_itself: bool = False) -> None:
    """``ends_itself``: its supervisor wrote the result and is exiting, so it costs no CPU
    while it waits for removal; any other container still running is killed at once."""
    pending = _deferred.get()
    if pending is None:
        _remove(container)
        return
    state = (getattr(container, "attrs", None) or {}).get("State") or {}
    if not ends_itself and state.get("Running", True):  # as last seen by _run_in's reload
        with contextlib.suppress(*ENGINE_ERRORS):
            container.kill()
    pending.append(container)


@contextlib.contextmanager
def hardened_container(client: docker.DockerClient, job: Job) -> Iterator[Any]:
    """A created (not started) container that is killed and removed however the block ends
    (at the end of a `removals_deferred` block, if one is open)."""
    deadline = (
        time.time() + job.limits.wall_seconds + WATCHDOG_GRACE_SECONDS + ENGINE_TIMEOUT_SECONDS
    )
    container = client.containers.create(**container_options(job, deadline))
    try:
        yield container
    finally:
        _remove_now_or_later(container)


def run_job(
    job: Job, *, client: docker.DockerClient | None = None, container: Any = None
) -> RunResult:
    """Run the job; learner faults come back as RunResult, engine faults raise SandboxUnavailable.

    ``container``: a warm one already started by ``sandbox.pool`` from ``container_options``
    of a job of the same shape, its harness waiting for the nonce. It gets this one job, its
    deadline counts from now, and it is removed afterwards, however the run ends.
    """
    nonce = secrets.token_hex(32)
    if container is not None:
        try:
            run = None
            try:
                run = _run_in(container, job, nonce, already_started=True)
                return run
            finally:
                ending = run is not None and run.diagnostics.get("exit_awaited") is False
                _remove_now_or_later(container, ends_itself=ending)
        except ENGINE_ERRORS as error:
            raise SandboxUnavailable(
                f"the Docker engine failed during a sandbox run: {error}"
            ) from error
    client = client or engine()
    try:
        with hardened_container(client, job) as container:
            return _run_in(container, job, nonce)
    except docker.errors.ImageNotFound as error:
        raise SandboxUnavailable(
            f"sandbox image {job.image} is missing; run `make sandbox-image`"
        ) from error
    except ENGINE_ERRORS as error:
        raise SandboxUnavailable(
            f"the Docker engine failed during a sandbox run: {error}"
        ) from error


def _run_in(container, job: Job, nonce: str, *, already_started: bool = False) -> RunResult:
    attach = container.attach_socket(params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
    sock: socket.socket = getattr(attach, "_sock", attach)
    try:
        if not already_started:
            container.start()
        started = time.monotonic()
        container_started = time.time()
        sock.settimeout(ENGINE_TIMEOUT_SECONDS)
        sock.sendall(nonce.encode("ascii") + job.harness_input())
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_WR)
        streams = _Streams(
            nonce,
            job.limits.result_bytes,
            job.limits.output_bytes,
            on_result=lambda payload: streams.host_usage.update(_host_usage(container, payload)),
        )
        timed_out, watchdog_fired = streams.read(
            sock, container, started, job.limits.wall_seconds, until_result=_one_writer(container)
        )
        wall = time.monotonic() - started
        code_finished = time.time()
    finally:
        with contextlib.suppress(OSError):
            sock.close()
        with contextlib.suppress(OSError):
            attach.close()
    parsed = streams.scanner.finish()
    # With its one ordinary result in and nothing OOM-killed, the engine's account of the exit
    # (20-50 ms after the stream ends) would add nothing the learner sees.
    awaited = timed_out or watchdog_fired or not _ended_well_under_its_limits(job, parsed, streams)
    exit_code, oom_killed = None, False
    if awaited:
        if not watchdog_fired:
            with contextlib.suppress(*ENGINE_ERRORS):
                exit_code = container.wait(timeout=ENGINE_TIMEOUT_SECONDS).get("StatusCode")
        container.reload()
        state = container.attrs.get("State", {})
        oom_killed = bool(state.get("OOMKilled"))
        if exit_code is None and not state.get("Running"):
            exit_code = state.get("ExitCode")
        if parsed.result is None and not timed_out and exit_code == STOPPED_FROM_OUTSIDE:
            # Our init saw the engine (or an operator) stop the container before the result:
            # the run is cut short by us, not by the learner; the worker retries it.
            raise SandboxUnavailable(
                "the sandbox container was stopped from outside before its result "
                "(the Docker engine stopping?)"
            )
    run = _interpret(
        job, container, parsed, streams, exit_code, oom_killed, timed_out, watchdog_fired, wall
    )
    if not awaited:
        run.diagnostics["exit_awaited"] = False
    run.phases = {"container_started": container_started, "code_finished": code_finished}
    return run


def _one_writer(container) -> bool:
    """Whether the supervisor is the one process that can write to the container's stdout.

    Under runc it is: the init's stdio is /dev/null, the learner's processes hold only the
    supervisor's pipes, and ``/proc/<pid>/fd/1`` of the non-dumpable supervisor is refused
    (``test_a_forged_result_line_from_learner_code_is_not_accepted``). Then the first valid
    line is the supervisor's, written after it killed every learner process, and nothing can
    follow it: the host need not wait for the stream to end with the container (20-40 ms).
    gVisor opens ``/proc/<pid>/fd/1`` of a non-dumpable process, so there the stream is read
    to its end and a second valid line voids the result."""
    host_config = (getattr(container, "attrs", None) or {}).get("HostConfig") or {}
    return host_config.get("Runtime") == "runc"


def _ended_well_under_its_limits(job: Job, parsed: frame.Parsed, streams: _Streams) -> bool:
    """True when the stream held exactly one result, an ordinary one, and the container's
    memory peak stayed below 90% of its limit, so that the kernel cannot have OOM-killed any of
    its processes: then the engine's exit code and OOM flag cannot change the outcome."""
    result = parsed.result
    if result is None or exit_reason_for(result, oom_killed=False, timed_out=False) != "ok":
        return False
    usage = result.get("container") or {}
    peak = usage.get("peak_memory_bytes") or streams.host_usage.get("peak_memory_bytes")
    return isinstance(peak, int) and peak < 0.9 * job.limits.memory_mb * 1024 * 1024


def _host_usage(container, payload: bytes) -> dict[str, Any]:
    """The container's memory peak and CPU time from the engine (the host's cgroup of it), read
    when the supervisor could not read them inside (gVisor), then the container is ended.

    The supervisor stays alive after its result line for this (``HOST_MEASURE_SECONDS``): the
    engine forgets a container's cgroup once it exits. Under gVisor the host cgroup also counts
    the sentry itself (about 20 MiB)."""
    try:
        inside = (json.loads(payload).get("container") or {}).get("peak_memory_bytes")
    except (ValueError, AttributeError):
        inside = None
    if inside:
        return {}
    usage: dict[str, Any] = {}
    try:
        stats = container.stats(stream=False, one_shot=True)
        memory = stats.get("memory_stats") or {}
        peak = memory.get("max_usage") or memory.get("peak")
        cpu_ns = ((stats.get("cpu_stats") or {}).get("cpu_usage") or {}).get("total_usage")
        usage = {
            "peak_memory_bytes": int(peak) if peak else None,
            "cpu_seconds": round(cpu_ns / 1e9, 3) if cpu_ns else None,
            "source": "engine",
        }
    except ENGINE_ERRORS:
        pass
    finally:  # the supervisor exits 0 on SIGTERM once its result is out
        with contextlib.suppress(*ENGINE_ERRORS):
            container.kill(signal="SIGTERM")
    return usage


class _Streams:
    """Demultiplexes the attach stream with bounded memory: stdout is scanned line by line."""

    def __init__(
        self,
        nonce: str,
        result_bytes: int,
        output_bytes: int,
        on_result: Callable[[bytes], None] | None = None,
    ):
        self.scanner = frame.Scanner(nonce, keep_other=output_bytes)
        self.lines = LineReader(result_bytes + 256)
        self.stderr = Capture(output_bytes)
        self.pending = b""
        self.on_result = on_result
        self.host_usage: dict[str, Any] = {}
        self.read_to_end = True

    def _line(self, line: bytes) -> None:
        before = self.scanner.parsed.valid_lines
        self.scanner.line(line)
        if before == 0 and self.scanner.parsed.valid_lines == 1 and self.on_result is not None:
            payload = frame.verified_payload(line, self.scanner.key)
            if payload is not None:
                self.on_result(payload)

    def read(
        self,
        sock: socket.socket,
        container,
        started: float,
        wall_seconds: float,
        *,
        until_result: bool = False,
    ) -> tuple[bool, bool]:
        """Read until the stream ends (or, with ``until_result``, until its one valid result
        line is in); (timed out, watchdog fired)."""
        deadline = started + wall_seconds
        watchdog = deadline + WATCHDOG_GRACE_SECONDS
        timed_out = False
        sock.settimeout(READ_POLL_SECONDS)
        while True:
            now = time.monotonic()
            if now >= watchdog:
                return timed_out, True
            if now >= deadline and not timed_out:
                timed_out = True
                with contextlib.suppress(*ENGINE_ERRORS):
                    container.kill()
            try:
                data = sock.recv(1 << 16)
            except TimeoutError:
                continue
            except OSError:
                break
            if not data:
                break
            self._demux(data)
            if until_result and self.scanner.parsed.valid_lines:
                self.read_to_end = False  # the supervisor writes nothing after its result
                return timed_out, False
        for line in self.lines.feed(b"\n"):
            if line is not None:
                self._line(line)
        return timed_out, False

    def _demux(self, data: bytes) -> None:
        buffer = self.pending + data
        while len(buffer) >= FRAME_HEADER.size:
            kind, size = FRAME_HEADER.unpack_from(buffer)
            if len(buffer) < FRAME_HEADER.size + size:
                break
            payload = buffer[FRAME_HEADER.size : FRAME_HEADER.size + size]
            buffer = buffer[FRAME_HEADER.size + size :]
            if kind == 1:
                for line in self.lines.feed(payload):
                    if line is not None:
                        self._line(line)
            else:
                self.stderr.feed(payload)
        self.pending = buffer


def _interpret(
    job, container, parsed, streams, exit_code, oom_killed, timed_out, watchdog_fired, wall
) -> RunResult:
    result = parsed.result
    reason = exit_reason_for(result, oom_killed=oom_killed, timed_out=timed_out)
    run = RunResult(
        exit_reason=reason,
        exit_code=exit_code,
        result=result,
        wall_seconds=round(wall, 3),
        image=job.image,
        image_id=container.attrs.get("Image", ""),
        diagnostics={
            "valid_result_lines": parsed.valid_lines,
            "forged_result_lines": parsed.forged_lines,
            "watchdog_fired": watchdog_fired,
            "harness_stderr": streams.stderr.text(),
            "oom_killed": oom_killed,
            "host_usage": streams.host_usage,
            "stream_read_to_end": streams.read_to_end,
        },
    )
    if result is not None:
        run.stdout = result.get("stdout", "")
        run.stderr = result.get("stderr", "")
        run.stdout_truncated = bool(result.get("stdout_truncated"))
        run.stderr_truncated = bool(result.get("stderr_truncated"))
        # The whole container's, from its cgroup (the supervisor's reading, else the engine's):
        # never the learner process's own RSS, which misses its grandchildren.
        usage = result.get("container") or {}
        if not usage.get("peak_memory_bytes"):
            usage = streams.host_usage or usage
        run.peak_memory_bytes = usage.get("peak_memory_bytes")
        run.cpu_seconds = usage.get("cpu_seconds")
        run.harness_error = result.get("harness_error")
        run.gpu = gpu.gpu_facts(result.get("gpu"))
    else:
        run.stdout = "\n".join(parsed.other_output)
        run.message = {
            "memory": f"Your code used more than {job.limits.memory_mb} MiB of memory.",
            "timeout": f"Your code did not finish within {job.limits.wall_seconds} s.",
        }.get(reason, HARNESS_LOST_MESSAGE)
    if result is not None and reason == "memory":
        run.message = f"Your code used more than {job.limits.memory_mb} MiB of memory."
        if run.gpu and run.gpu["out_of_memory"] and not oom_killed:
            run.message = gpu.out_of_memory_message(job.limits.gpu_memory_mb or None)
    return run
