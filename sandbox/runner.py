"""Run one Job in a fresh hardened container and turn what happened into a RunResult.

Two clocks: the container deadline (``wall_seconds`` after start, then the
container is killed) and a host watchdog ``WATCHDOG_GRACE_SECONDS`` later. The
watchdog is the attach socket's read loop itself: every read has a short socket
timeout, so a hung engine cannot block us past the watchdog; every other engine
call is bounded by the Docker client's HTTP timeout (``ENGINE_TIMEOUT_SECONDS``).
"""

from __future__ import annotations

import contextlib
import secrets
import socket
import struct
import time
from collections.abc import Iterator
from typing import Any

import docker
import docker.errors
import requests.exceptions
from docker.types import DeviceRequest, LogConfig, Ulimit

from .harness import frame
from .harness.capture import Capture, LineReader
from .job import Job
from .reaper import DEADLINE_LABEL, SANDBOX_LABEL
from .result import HARNESS_LOST_MESSAGE, RunResult, SandboxUnavailable, exit_reason_for

HARNESS_COMMAND = ["python3", "-I", "-B", "-m", "backprop_harness"]
SANDBOX_USER = "10001:10001"
WATCHDOG_GRACE_SECONDS = 5.0
ENGINE_TIMEOUT_SECONDS = 30
READ_POLL_SECONDS = 0.5
TMP_MB = 16
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


def container_options(job: Job, deadline: float) -> dict[str, Any]:
    """Every hardening option in one place, so a test can read them."""
    limits = job.limits
    memory = f"{limits.memory_mb}m"
    options: dict[str, Any] = {
        "image": job.image,
        "command": HARNESS_COMMAND,
        "user": SANDBOX_USER,
        "working_dir": "/work",
        "stdin_open": True,
        "tty": False,
        "network_mode": "none",
        "read_only": True,
        "tmpfs": {
            "/work": f"rw,nosuid,nodev,noexec,size={limits.tmpfs_mb}m,nr_inodes={limits.tmpfs_inodes},uid=10001,gid=10001,mode=0700",
            "/tmp": f"rw,nosuid,nodev,noexec,size={TMP_MB}m,nr_inodes=256,mode=1777",
        },
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges"],
        "privileged": False,
        "pids_limit": host_pids_limit(job),
        "mem_limit": memory,
        "memswap_limit": memory,
        "nano_cpus": int(limits.cpus * 1_000_000_000),
        "init": True,
        "environment": {},
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


@contextlib.contextmanager
def hardened_container(client: docker.DockerClient, job: Job) -> Iterator[Any]:
    """A created (not started) container that is killed and removed however the block ends."""
    deadline = (
        time.time() + job.limits.wall_seconds + WATCHDOG_GRACE_SECONDS + ENGINE_TIMEOUT_SECONDS
    )
    container = client.containers.create(**container_options(job, deadline))
    try:
        yield container
    finally:
        with contextlib.suppress(*ENGINE_ERRORS):  # the reaper removes it later if this fails
            container.remove(force=True)


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
            try:
                return _run_in(container, job, nonce, already_started=True)
            finally:
                with contextlib.suppress(*ENGINE_ERRORS):
                    container.remove(force=True)
        except ENGINE_ERRORS as error:
            raise SandboxUnavailable(
                f"the Docker engine failed during a sandbox run: {error}"
            ) from error
    client = client or connect()
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
        sock.settimeout(ENGINE_TIMEOUT_SECONDS)
        sock.sendall(nonce.encode("ascii") + job.harness_input())
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_WR)
        streams = _Streams(nonce, job.limits.result_bytes, job.limits.output_bytes)
        timed_out, watchdog_fired = streams.read(sock, container, started, job.limits.wall_seconds)
        wall = time.monotonic() - started
    finally:
        with contextlib.suppress(OSError):
            sock.close()
        with contextlib.suppress(OSError):
            attach.close()
    exit_code = None
    if not watchdog_fired:
        with contextlib.suppress(*ENGINE_ERRORS):
            exit_code = container.wait(timeout=ENGINE_TIMEOUT_SECONDS).get("StatusCode")
    container.reload()
    state = container.attrs.get("State", {})
    oom_killed = bool(state.get("OOMKilled"))
    parsed = streams.scanner.finish()
    return _interpret(
        job, container, parsed, streams, exit_code, oom_killed, timed_out, watchdog_fired, wall
    )


class _Streams:
    """Demultiplexes the attach stream with bounded memory: stdout is scanned line by line."""

    def __init__(self, nonce: str, result_bytes: int, output_bytes: int):
        self.scanner = frame.Scanner(nonce, keep_other=output_bytes)
        self.lines = LineReader(result_bytes + 256)
        self.stderr = Capture(output_bytes)
        self.pending = b""

    def read(
        self, sock: socket.socket, container, started: float, wall_seconds: float
    ) -> tuple[bool, bool]:
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
        for line in self.lines.feed(b"\n"):
            if line is not None:
                self.scanner.line(line)
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
                        self.scanner.line(line)
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
        },
    )
    if result is not None:
        run.stdout = result.get("stdout", "")
        run.stderr = result.get("stderr", "")
        run.stdout_truncated = bool(result.get("stdout_truncated"))
        run.stderr_truncated = bool(result.get("stderr_truncated"))
        run.peak_memory_bytes = (result.get("child") or {}).get("peak_rss_bytes")
        run.harness_error = result.get("harness_error")
    else:
        run.stdout = "\n".join(parsed.other_output)
        run.message = {
            "memory": f"Your code used more than {job.limits.memory_mb} MiB of memory.",
            "timeout": f"Your code did not finish within {job.limits.wall_seconds} s.",
        }.get(reason, HARNESS_LOST_MESSAGE)
    if result is not None and reason == "memory":
        run.message = f"Your code used more than {job.limits.memory_mb} MiB of memory."
    return run
