"""The trusted half of the harness: reads the nonce, forks the learner, signs one result.

Runs as the container's main process under docker-init. It makes itself
non-dumpable before reading the nonce, so a same-uid learner process cannot
read its memory or its file descriptors; the learner child wipes its copy of
the nonce before running any learner code.
"""

from __future__ import annotations

import base64
import ctypes
import json
import os
import platform
import resource
import selectors
import signal
import sys
import time
import traceback
from importlib import metadata
from typing import Any

from . import child, codec, frame
from .capture import Capture, LineReader
from .paths import resolve_under

PR_SET_DUMPABLE = 4
HEX = frozenset(b"0123456789abcdef")
POLL_SECONDS = 0.05
DRAIN_SECONDS = 1.0
MAX_METRICS = 1000
MAX_METRIC_BYTES = 4096


def main() -> int:
    if ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        print("backprop harness: cannot make itself non-dumpable", file=sys.stderr)
        return 70
    nonce = bytearray(frame.NONCE_HEX_CHARS)
    if not _read_nonce(nonce):
        print("backprop harness: no valid nonce on stdin", file=sys.stderr)
        return 71
    job: dict[str, Any] = {}
    try:
        job = json.loads(_read_line(0))
        result = supervise(job, nonce)
    except Exception:
        result = {"harness_error": traceback.format_exc()[-4000:]}
    cap = int(job.get("limits", {}).get("result_bytes", 1_000_000))
    payload = fit(result, cap - 200)
    _kill_everyone_else()
    _write_all(1, frame.sign(nonce, payload))
    return 0


def _read_nonce(nonce: bytearray) -> bool:
    """Raw reads into the bytearray itself: no immutable copy of the nonce ever exists."""
    view = memoryview(nonce)
    got = 0
    while got < len(nonce):
        n = os.readv(0, [view[got:]])
        if n == 0:
            return False
        got += n
    view.release()
    return all(byte in HEX for byte in nonce)


def _read_line(fd: int) -> bytes:
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        chunks.append(chunk)
        if b"\n" in chunk:
            break
    return b"".join(chunks).split(b"\n", 1)[0]


def supervise(job: dict, nonce: bytearray, work: str = child.WORK) -> dict[str, Any]:
    plan = job["plan"]
    limits = job.get("limits", {})
    _write_files(work, job.get("files", {}))
    steps = plan.get("steps", [])
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    res_r, res_w = os.pipe()
    met_r, met_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            for fd in (out_r, err_r, res_r, met_r):
                os.close(fd)
            child.run(
                nonce,
                plan,
                res_w,
                met_w,
                out_w,
                err_w,
                work=work,
                value_cap=int(limits.get("result_bytes", 1_000_000)),
            )
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(70)
    for fd in (out_w, err_w, res_w, met_w):
        os.close(fd)
    output_cap = int(limits.get("output_bytes", 64 * 1024))
    watch = _Watch(pid, steps, output_cap, int(limits.get("result_bytes", 1_000_000)))
    watch.run(out_r, err_r, res_r, met_r)
    result = watch.result()
    result["seed"] = plan.get("seed")
    result["versions"] = versions()
    return result


class _Watch:
    """Collects the child's pipes while enforcing each step's timeout."""

    def __init__(self, pid: int, steps: list[dict], output_cap: int, result_cap: int):
        self.pid = pid
        self.steps = steps
        self.stdout = Capture(output_cap)
        self.stderr = Capture(output_cap)
        self.results = LineReader(result_cap + 1024)
        self.metrics_reader = LineReader(MAX_METRIC_BYTES)
        self.outcomes: list[dict] = []
        self.metrics: list[Any] = []
        self.metrics_dropped = 0
        self.anomalies: list[str] = []
        self.timed_out = False
        self.status: int | None = None
        self.rusage: resource.struct_rusage | None = None

    def _deadline(self) -> float:
        if len(self.outcomes) < len(self.steps):
            return time.monotonic() + float(
                self.steps[len(self.outcomes)].get("timeout_seconds", 10)
            )
        return time.monotonic() + 5.0  # all steps done: the child only has to exit

    def run(self, out_r: int, err_r: int, res_r: int, met_r: int) -> None:
        selector = selectors.DefaultSelector()
        for fd, sink in (
            (out_r, self.stdout.feed),
            (err_r, self.stderr.feed),
            (res_r, self._feed_results),
            (met_r, self._feed_metrics),
        ):
            os.set_blocking(fd, False)
            selector.register(fd, selectors.EVENT_READ, sink)
        deadline = self._deadline()
        while self.status is None:
            for key, _ in selector.select(POLL_SECONDS):
                done_before = len(self.outcomes)
                if not _pump(selector, key):
                    continue
                if len(self.outcomes) != done_before:
                    deadline = self._deadline()
            if self._reap(os.WNOHANG):
                break
            if time.monotonic() > deadline:
                self.timed_out = len(self.outcomes) < len(self.steps)
                os.kill(self.pid, signal.SIGKILL)
                self._reap(0)
        _kill_everyone_else()
        drain_until = time.monotonic() + DRAIN_SECONDS
        while selector.get_map() and time.monotonic() < drain_until:
            for key, _ in selector.select(POLL_SECONDS):
                _pump(selector, key)
        selector.close()

    def _reap(self, flags: int) -> bool:
        pid, status, rusage = os.wait4(self.pid, flags)
        if pid == 0:
            return False
        self.status, self.rusage = status, rusage
        return True

    def _feed_results(self, data: bytes) -> None:
        for line in self.results.feed(data):
            self._accept_outcome(line)

    def _accept_outcome(self, line: bytes | None) -> None:
        if len(self.outcomes) >= len(self.steps):
            self.anomalies.append("an outcome arrived after the last step")
            return
        expected = self.steps[len(self.outcomes)].get("id")
        if line is None:
            self.outcomes.append(
                {
                    "id": expected,
                    "status": "error",
                    "message": "the step's outcome was larger than the result limit",
                }
            )
            return
        try:
            outcome = json.loads(line)
        except ValueError:
            outcome = None
        if not isinstance(outcome, dict) or outcome.get("id") != expected:
            self.anomalies.append(f"an unreadable or out-of-order outcome for step {expected!r}")
            return
        if outcome.get("status") not in ("ok", "raised", "error"):
            outcome = {
                "id": expected,
                "status": "error",
                "message": "the step reported an invalid status",
            }
        self.outcomes.append(outcome)

    def _feed_metrics(self, data: bytes) -> None:
        for line in self.metrics_reader.feed(data):
            if line is None or len(self.metrics) >= MAX_METRICS:
                self.metrics_dropped += 1
                continue
            try:
                self.metrics.append(codec.encode(json.loads(line)))
            except (ValueError, TypeError):
                self.metrics_dropped += 1

    def result(self) -> dict[str, Any]:
        outcomes = list(self.outcomes)
        ended = _describe_end(self.status)
        for index in range(len(outcomes), len(self.steps)):
            step_id = self.steps[index].get("id")
            if index == len(self.outcomes):
                if self.timed_out:
                    seconds = self.steps[index].get("timeout_seconds", 10)
                    outcomes.append(
                        {
                            "id": step_id,
                            "status": "timeout",
                            "message": f"the step did not finish within {seconds} s",
                        }
                    )
                else:
                    outcomes.append(
                        {
                            "id": step_id,
                            "status": "crashed",
                            "message": f"the learner process {ended['text']} during this step",
                        }
                    )
            else:
                reason = (
                    "an earlier step timed out"
                    if self.timed_out
                    else "the learner process ended earlier"
                )
                outcomes.append({"id": step_id, "status": "skipped", "message": reason})
        return {
            "steps": outcomes,
            "metrics": self.metrics,
            "metrics_dropped": self.metrics_dropped,
            "stdout": self.stdout.text(),
            "stderr": self.stderr.text(),
            "stdout_truncated": self.stdout.omitted > 0,
            "stderr_truncated": self.stderr.omitted > 0,
            "stdout_omitted_bytes": self.stdout.omitted,
            "stderr_omitted_bytes": self.stderr.omitted,
            "child": {
                **{k: v for k, v in ended.items() if k != "text"},
                "peak_rss_bytes": self.rusage.ru_maxrss * 1024 if self.rusage else None,
                "cpu_seconds": round(self.rusage.ru_utime + self.rusage.ru_stime, 3)
                if self.rusage
                else None,
            },
            "anomalies": self.anomalies[:20],
        }


def _pump(selector: selectors.BaseSelector, key) -> bool:
    try:
        data = os.read(key.fd, 1 << 16)
    except BlockingIOError:
        return False
    if not data:
        selector.unregister(key.fd)
        os.close(key.fd)
        return False
    key.data(data)
    return True


def _describe_end(status: int | None) -> dict[str, Any]:
    if status is None:
        return {"text": "ended"}
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return {"signal": sig, "text": f"was killed by {name}"}
    code = os.WEXITSTATUS(status)
    return {"exit_code": code, "text": f"exited with code {code}"}


def _kill_everyone_else() -> None:
    """Kill every learner process left in the container (kill(-1) spares us and PID 1)."""
    for _ in range(3):
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            return
        time.sleep(0.01)


def _write_files(work: str, files: dict[str, str]) -> None:
    for relative, encoded in files.items():
        path = resolve_under(work, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(encoded))


def versions() -> dict[str, str | None]:
    """Library versions from package metadata: importing torch here would cost seconds."""
    found: dict[str, str | None] = {"python": platform.python_version()}
    for dist in ("numpy", "scipy", "pandas", "scikit-learn", "torch"):
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = None
    return found


def fit(result: dict[str, Any], cap: int) -> bytes:
    """Serialise the result within ``cap`` bytes, trimming the least important parts first."""
    trimmed: list[str] = []
    result = dict(result, trimmed=trimmed)

    def dump() -> bytes:
        return json.dumps(result, allow_nan=False, separators=(",", ":")).encode("utf-8")

    payload = dump()
    if len(payload) <= cap:
        return payload
    if result.get("metrics"):
        result["metrics"], result["metrics_dropped"] = (
            [],
            result.get("metrics_dropped", 0) + len(result["metrics"]),
        )
        trimmed.append("metrics")
        payload = dump()
    for stream in ("stdout", "stderr"):
        if len(payload) > cap and len(result.get(stream, "")) > 2000:
            result[stream] = (
                result[stream][:2000] + "\n[... output trimmed to fit the result size ...]"
            )
            result[f"{stream}_truncated"] = True
            trimmed.append(stream)
            payload = dump()
    steps = sorted(
        result.get("steps", []), key=lambda s: len(json.dumps(s.get("value"))), reverse=True
    )
    for step in steps:
        if len(payload) <= cap:
            break
        if "value" in step:
            step.pop("value")
            step.update(
                status="error", message="the returned value did not fit in the result size limit"
            )
            trimmed.append(f"value of step {step.get('id')}")
            payload = dump()
    if len(payload) > cap:
        payload = json.dumps(
            {"harness_error": "the result did not fit in its size limit", "trimmed": trimmed}
        ).encode()
    return payload


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
