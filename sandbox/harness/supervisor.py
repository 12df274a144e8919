"""The trusted half of the harness: reads the nonce, forks the learner, signs one result.

Runs as the container's main process under our init (init.py). It makes itself
non-dumpable before reading the nonce, so a same-uid learner process cannot
read its memory or its file descriptors; the learner child wipes its copy of
the nonce before running any learner code.

Everything a verdict may rest on besides the learner's own values is measured
here, never reported by the learner process: each step's wall time against its
timeout (on this process's clock, when the outcome is accepted, so stopping
this process gains nothing), CPU time, the container's memory peak (its
cgroup), and the HTTP answers of ``http`` steps (this process is the client).
"""

from __future__ import annotations

import base64
import ctypes
import json
import os
import resource
import selectors
import signal
import sys
import time
import traceback

from . import child, codec, figures, frame, gpu, measure
from .capture import Capture, LineReader
from .paths import resolve_under

TYPE_CHECKING = False  # typing costs every run 4 ms to import; mypy reads the name
if TYPE_CHECKING:
    from typing import Any

    from . import web  # imported when a step serves an app: http.client and ssl cost 14 ms

PR_SET_DUMPABLE = 4
HEX = frozenset(b"0123456789abcdef")
POLL_SECONDS = 0.05
DRAIN_SECONDS = 1.0
MAX_METRICS = 1000
MAX_METRIC_BYTES = 4096
AFTER_LAST_STEP_SECONDS = 5.0
# When the container's memory peak cannot be read in here (gVisor), the host reads it from the
# engine once it has the result line, then kills the container; we wait that long at most.
HOST_MEASURE_SECONDS = 5.0


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
    _kill_everyone_else()
    result["container"] = container_usage()  # after the kill: nothing adds to the peak now
    payload = fit(result, cap - 200)
    _write_all(1, frame.sign(nonce, payload))
    for fd in (1, 2):  # nothing follows the result: the stream can end with the container
        os.close(fd)
    if result["container"]["peak_memory_bytes"] is None:
        # Stay alive so the host can read the peak from the engine; it then sends SIGTERM.
        signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
        time.sleep(HOST_MEASURE_SECONDS)
    return 0


def container_usage() -> dict[str, Any]:
    """The whole container's memory peak and CPU seconds, from its cgroup (None where it
    cannot be read in here; the host then reads the peak from the engine)."""
    peak, source = measure.memory_peak()
    return {
        "peak_memory_bytes": peak,
        "cpu_seconds": measure.cpu_seconds(),
        "source": source,
    }


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
    if isinstance(plan.get("figures"), dict):  # the folder the learner saves figures in
        os.makedirs(resolve_under(work, str(plan["figures"].get("dir", "figures"))), exist_ok=True)
    steps = plan.get("steps", [])
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    res_r, res_w = os.pipe()
    met_r, met_w = os.pipe()
    ctl_r, ctl_w = os.pipe()  # supervisor -> child: "your server may stop" for http steps
    pid = os.fork()
    if pid == 0:
        try:
            for fd in (out_r, err_r, res_r, met_r, ctl_w):
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
                control_fd=ctl_r,
            )
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(70)
    for fd in (out_w, err_w, res_w, met_w, ctl_r):
        os.close(fd)
    output_cap = int(limits.get("output_bytes", 64 * 1024))
    watch = _Watch(
        pid, steps, output_cap, int(limits.get("result_bytes", 1_000_000)), control_fd=ctl_w
    )
    try:
        watch.run(out_r, err_r, res_r, met_r)
    finally:
        os.close(ctl_w)
    result = watch.result()
    if isinstance(plan.get("figures"), dict):  # every learner process is dead by now
        result["figures"] = figures.collect(work, plan["figures"])
    result["seed"] = plan.get("seed")
    result["versions"] = versions()
    if gpu.is_gpu_plan(plan):  # a CPU job has no gpu section at all
        result["gpu"] = gpu.run_facts(watch.gpu_report, watch.device_seconds())
    return result


class _Watch:
    """Collects the child's pipes while enforcing each step's timeout on this process's clock.

    A step starts when the previous outcome is accepted (the first when the child is forked)
    and must be accepted within its ``timeout_seconds``: an outcome read later is a timeout
    whatever the learner did meanwhile (stopping this process, for one, only delays the read).
    """

    def __init__(
        self,
        pid: int,
        steps: list[dict],
        output_cap: int,
        result_cap: int,
        control_fd: int | None = None,
    ):
        self.pid = pid
        self.steps = steps
        self.result_cap = result_cap
        self.control_fd = control_fd
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
        self.ended_at: float | None = None
        self.cpu = measure.CpuClock(pid)
        self.step_started = time.monotonic()
        self.step_cpu = self.cpu.now()
        self.exchange: web.Exchange | None = None
        self.released = False
        self.forked_at = self.step_started
        self.gpu_report: dict[str, Any] | None = None

    def device_seconds(self) -> float | None:
        """How long the learner process held the device: from the fork to its end, by our clock."""
        return None if self.ended_at is None else self.ended_at - self.forked_at

    def _deadline(self) -> float:
        if len(self.outcomes) < len(self.steps):
            return self.step_started + float(
                self.steps[len(self.outcomes)].get("timeout_seconds", 10)
            )
        return self.step_started + AFTER_LAST_STEP_SECONDS  # the child only has to exit

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
        while self.status is None:
            for key, _ in selector.select(POLL_SECONDS):
                _pump(selector, key)
            self._release_server()
            if self._reap(os.WNOHANG):
                break
            if self.timed_out or time.monotonic() > self._deadline():
                self.timed_out = len(self.outcomes) < len(self.steps)
                os.kill(self.pid, signal.SIGKILL)
                self._reap(0)
        _kill_everyone_else()
        drain_until = time.monotonic() + DRAIN_SECONDS
        while selector.get_map() and time.monotonic() < drain_until:
            for key, _ in selector.select(POLL_SECONDS):
                _pump(selector, key)
        selector.close()
        if (
            not self.timed_out
            and len(self.outcomes) < len(self.steps)
            and self.ended_at is not None
            and self.ended_at > self._deadline()
        ):
            self.timed_out = True  # it ended past the step's deadline: that is a timeout

    def _reap(self, flags: int) -> bool:
        pid, status, rusage = os.wait4(self.pid, flags)
        if pid == 0:
            return False
        self.status, self.rusage = status, rusage
        self.ended_at = time.monotonic()
        return True

    def _release_server(self) -> None:
        """Once the http step's requests are answered, tell the child to stop serving."""
        if self.exchange is None or self.released or not self.exchange.done():
            return
        self.released = True
        if self.control_fd is not None:
            try:
                os.write(self.control_fd, b"done\n")
            except OSError:  # the child closed its end: it will not wait for us
                pass

    def _feed_results(self, data: bytes) -> None:
        for line in self.results.feed(data):
            if line is not None and line.startswith(gpu.REPORT_PREFIX):
                self._accept_gpu_report(line)
                continue
            self._accept_outcome(line)

    def _accept_gpu_report(self, line: bytes) -> None:
        """What torch saw in the learner process (shown only, never a verdict)."""
        try:
            report = gpu.accept_report(json.loads(line))
        except (ValueError, RecursionError):
            report = None
        if report is None:
            self.anomalies.append("an unreadable GPU report")
        else:
            self.gpu_report = report

    def _accept_outcome(self, line: bytes | None) -> None:
        now = time.monotonic()
        if self.timed_out:
            return  # the step already timed out: nothing after it counts
        if len(self.outcomes) >= len(self.steps):
            self.anomalies.append("an outcome arrived after the last step")
            return
        if now > self._deadline():
            self.timed_out = True  # read past the step's deadline, by our clock
            return
        step = self.steps[len(self.outcomes)]
        expected = step.get("id")
        if line is None:
            self._record(
                {
                    "id": expected,
                    "status": "error",
                    "message": "the step's outcome was larger than the result limit",
                },
                now,
            )
            return
        try:
            outcome = json.loads(line)
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's stack
            outcome = None
        if not isinstance(outcome, dict) or outcome.get("id") != expected:
            self.anomalies.append(f"an unreadable or out-of-order outcome for step {expected!r}")
            return
        if outcome.get("status") == "serving":
            self._start_exchange(step, outcome)
            return
        if outcome.get("status") not in ("ok", "raised", "error"):
            outcome = {
                "id": expected,
                "status": "error",
                "message": "the step reported an invalid status",
            }
        elif codec.nested_deeper_than(outcome):  # else fit()'s json.dumps could fail on it
            outcome = {
                "id": expected,
                "status": "error",
                "message": f"the returned value is nested more than {codec.MAX_DEPTH} levels deep",
            }
        if step.get("kind") == "http":
            outcome = self._http_outcome(step, outcome, now)
            if outcome is None:
                return
        self._record(outcome, now)

    def _record(self, outcome: dict, now: float) -> None:
        """Accept a step's outcome with the time it took by our clocks (never the child's)."""
        outcome["seconds"] = round(now - self.step_started, 6)
        cpu = self.cpu.now()
        outcome["cpu_seconds"] = (
            round(cpu - self.step_cpu, 6) if cpu is not None and self.step_cpu is not None else None
        )
        self.outcomes.append(outcome)
        self.step_started, self.step_cpu = now, cpu

    def _start_exchange(self, step: dict, outcome: dict) -> None:
        port = outcome.get("port")
        if step.get("kind") != "http" or self.exchange is not None:
            self.anomalies.append(f"an unexpected 'serving' message for step {step.get('id')!r}")
            return
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            self.anomalies.append(f"an invalid port for step {step.get('id')!r}")
            return
        requests = step.get("requests")
        from . import web

        self.exchange = web.Exchange(
            port,
            requests if isinstance(requests, list) else [],
            deadline=self._deadline(),
            body_cap=self.result_cap,
        )
        self.released = False
        self.exchange.start()

    def _http_outcome(self, step: dict, outcome: dict, now: float) -> dict | None:
        """The http step's outcome: our own answers, never a value from the child."""
        exchange, self.exchange, self.released = self.exchange, None, False
        if outcome["status"] != "ok":
            return {k: v for k, v in outcome.items() if k != "value"}
        if exchange is None:
            return {
                "id": step.get("id"),
                "status": "error",
                "message": "the app was never served, so no request could be sent",
            }
        exchange.thread.join(max(0.0, self._deadline() - now))
        if not exchange.done():
            self.timed_out = True
            return None
        return {"id": step.get("id"), "status": "ok", "value": exchange.value()}

    def _feed_metrics(self, data: bytes) -> None:
        for line in self.metrics_reader.feed(data):
            if line is None or len(self.metrics) >= MAX_METRICS:
                self.metrics_dropped += 1
                continue
            try:
                self.metrics.append(codec.encode(json.loads(line)))
            except (ValueError, TypeError, RecursionError):
                self.metrics_dropped += 1

    def result(self) -> dict[str, Any]:
        outcomes = list(self.outcomes)
        ended = _describe_end(self.status)
        out_of_gpu_memory = bool((self.gpu_report or {}).get("out_of_memory"))
        for index in range(len(outcomes), len(self.steps)):
            step_id = self.steps[index].get("id")
            if out_of_gpu_memory and not self.timed_out:
                message = "not run: an earlier step needed more GPU memory than the job may have"
                outcomes.append({"id": step_id, "status": "skipped", "message": message})
            elif index == len(self.outcomes):
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
    """Kill every learner process left in the container (kill(-1) spares us and PID 1), then
    wake PID 1 in case learner code stopped it: gVisor, unlike Linux, lets a SIGSTOP from
    inside the container reach it, and a stopped init would hold the container past its result."""
    for _ in range(3):
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            break
        time.sleep(0.01)
    try:
        os.kill(1, signal.SIGCONT)
    except OSError:
        pass


def _write_files(work: str, files: dict[str, str]) -> None:
    for relative, encoded in files.items():
        path = resolve_under(work, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(encoded))


VERSIONS_FILE = "/opt/backprop/versions.json"  # written when the image is built


def versions() -> dict[str, str | None]:
    """The image's library versions, read from the file its build wrote (the image never
    changes); from package metadata where there is none, which costs 25 ms more a run."""
    try:
        with open(VERSIONS_FILE, encoding="utf-8") as handle:
            found = json.load(handle)
        if isinstance(found, dict) and "python" in found:
            return found
    except (OSError, ValueError):
        pass
    return versions_from_metadata()


def versions_from_metadata() -> dict[str, str | None]:
    """Library versions from package metadata: importing torch here would cost seconds."""
    import platform  # only when the image build has written no versions file
    from importlib import metadata

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
    if len(payload) > cap and (result.get("figures") or {}).get("files"):
        dropped = result["figures"]["files"]
        result["figures"] = {
            "files": [],
            "skipped": [
                {"name": f["name"], "why": "the figures did not fit in the result size limit"}
                for f in dropped
            ],
        }
        trimmed.append("figures")
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
