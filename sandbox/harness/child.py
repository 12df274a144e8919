"""The learner process: forked once by the supervisor, runs the plan's steps in order.

Everything here runs beside learner code, so nothing here is trusted: the
supervisor checks every outcome it receives, and the nonce is wiped first.
"""

from __future__ import annotations

import ctypes
import importlib
import importlib.util
import json
import os
import random
import sys
import traceback

from . import codec, gpu, report
from .bans import Bans
from .paths import resolve_under

TYPE_CHECKING = False  # typing costs every run 4 ms to import; mypy reads the name
if TYPE_CHECKING:
    from typing import Any

PR_SET_DUMPABLE = 4
WORK = "/work"
TRACEBACK_LINES = 12
MESSAGE_CHARS = 2000


def run(
    nonce: bytearray,
    plan: dict,
    result_fd: int,
    metrics_fd: int,
    stdout_fd: int,
    stderr_fd: int,
    work: str = WORK,
    value_cap: int = 1_000_000,
    control_fd: int | None = None,
) -> None:
    """Never returns: runs every step, then ``os._exit``.

    ``control_fd`` is the read end of the supervisor's control pipe: an ``http`` step serves
    the learner's app until the supervisor writes a line on it (its requests are done).
    """
    nonce[:] = bytes(len(nonce))
    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)  # learner tools may read /proc/self
    keep = {result_fd, metrics_fd} | ({control_fd} if control_fd is not None else set())
    _isolate_fds(stdout_fd, stderr_fd, keep=keep)
    _limit_threads(int(plan.get("threads", 1)))
    gpu.assert_environment(plan)  # the host's device variables, before any learner code
    os.chdir(work)
    sys.path.insert(0, work)
    report._configure(metrics_fd)  # the image's top-level `report` re-exports this module's log
    bans = Bans(**{k: v for k, v in (plan.get("bans") or {}).items() if k in ("imports", "calls")})
    if bans:
        bans.install()  # before anything imports a banned library (the seeding below skips it)
    _seed(int(plan.get("seed", 0)), plan)
    for step in plan.get("steps", []):
        outcome = run_step(step, work=work, result_fd=result_fd, control_fd=control_fd)
        _send(result_fd, _bounded(outcome, value_cap))
        if gpu.stopped_for_memory():
            break  # over the GPU memory cap: the run ends here, the rest is skipped
    if gpu.is_gpu_plan(plan):
        _send(result_fd, json.dumps(gpu.child_report()).encode("utf-8") + b"\n")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _isolate_fds(stdout_fd: int, stderr_fd: int, keep: set[int]) -> None:
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(stdout_fd, 1)
    os.dup2(stderr_fd, 2)
    keep = {0, 1, 2} | keep
    for fd in _open_fds():
        if fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass
    sys.stdin = open(0, closefd=False)
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False, buffering=1)
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False, buffering=1)


def _limit_threads(threads: int) -> None:
    """BLAS and torch start one thread per host CPU; threads count against the pids limit."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(max(1, threads))


def _open_fds() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return list(range(3, 1024))


# Seeded when first imported (by learner code, by the codec decoding an array argument, or by
# torch importing numpy), or at once when a warm container imported them before the fork:
# importing them here would cost every run 0.2 s (numpy) or a second (torch) even when the
# learner's code uses neither.
SEEDED_ON_IMPORT = ("numpy", "torch")


def _seed(seed: int, plan: dict | None = None) -> None:
    random.seed(seed)
    hook = _SeedOnImport(seed, plan or {})
    for name in SEEDED_ON_IMPORT:
        module = sys.modules.get(name)
        if module is not None:
            hook.seed_module(name, module)
    if hook.pending:
        sys.meta_path.insert(0, hook)


class _SeedOnImport:
    """Seeds numpy's global generator and torch (and caps a GPU job's GPU memory) as each is
    first imported.

    A meta path finder by protocol, like `bans.Bans`: importlib.abc costs 10 ms to import."""

    def __init__(self, seed: int, plan: dict):
        self.seed = seed
        self.plan = plan
        self.pending = set(SEEDED_ON_IMPORT)

    def seed_module(self, name: str, module) -> None:
        self.pending.discard(name)
        if name == "numpy":
            module.random.seed(self.seed % 2**32)
        else:
            module.manual_seed(self.seed)
            gpu.configure_torch(module, self.plan)

    def find_spec(self, name, path=None, target=None):
        if name not in self.pending:
            return None
        self.pending.discard(name)
        if not self.pending:
            sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)  # the real one: we no longer answer for `name`
        if spec is None or spec.loader is None:
            return spec
        loader, hook = spec.loader, self

        class SeedingLoader:
            def create_module(self, spec):
                return loader.create_module(spec)

            def exec_module(self, module):
                loader.exec_module(module)
                hook.seed_module(name, module)

        spec.loader = SeedingLoader()  # type: ignore[assignment]  # a Loader by protocol
        return spec


def run_step(
    step: dict, work: str = WORK, result_fd: int | None = None, control_fd: int | None = None
) -> dict[str, Any]:
    """The step's outcome. How long it took is measured by the supervisor, not here: this
    process runs learner code, which can patch any clock it reads."""
    kind = step.get("kind")
    if kind == "call":
        outcome = _run_call(step, work)
    elif kind == "http" and result_fd is not None and control_fd is not None:
        outcome = _run_http(step, result_fd, control_fd)
    else:
        outcome = {"status": "error", "message": f"unknown step kind {kind!r}"}
    outcome["id"] = step.get("id")
    return outcome


def _run_http(step: dict, result_fd: int, control_fd: int) -> dict[str, Any]:
    """Serve the learner's app on loopback; the supervisor sends the requests and keeps the
    answers (the ``ok`` sent here carries no value: the supervisor attaches its own)."""
    try:
        module_name, _, attribute = str(step.get("app", "solution:app")).partition(":")
        app = getattr(importlib.import_module(module_name), attribute or "app")
        from . import web  # only a serving step needs http.server

        server = web.serve(app)
    except BaseException as exc:  # the learner's import errors, a missing app
        return {"status": "raised", "exception": _describe(exc)}
    try:
        serving = {"id": step.get("id"), "status": "serving", "port": server.server_port}
        _send(result_fd, json.dumps(serving).encode("utf-8") + b"\n")
        web.wait_for_release(control_fd)
    finally:
        server.shutdown()
        server.server_close()
    return {"status": "ok"}


def _run_call(step: dict, work: str) -> dict[str, Any]:
    def load_file(relative: str):
        import numpy

        return numpy.load(resolve_under(work, relative), allow_pickle=False)

    try:
        args = codec.decode(step.get("args", []), load_file=load_file)
        kwargs = codec.decode(step.get("kwargs", {}), load_file=load_file)
    except Exception as exc:  # a broken plan is our fault, not the learner's
        return {"status": "error", "message": f"bad arguments in the grading plan: {exc!r}"}
    try:
        module = importlib.import_module(step.get("module", "solution"))
        target = _resolve_target(module, step)
        value = target(*args, **kwargs)
    except BaseException as exc:  # SystemExit and KeyboardInterrupt are the learner's too
        if gpu.is_out_of_memory(exc):
            return _out_of_memory(exc)
        return {"status": "raised", "exception": _describe(exc)}
    try:
        return {"status": "ok", "value": codec.encode(value)}
    except codec.Unencodable as exc:  # a noun phrase: "a value nested more than 64 levels deep"
        return {"status": "error", "message": f"returned {exc}"}


def _out_of_memory(exc: BaseException) -> dict[str, Any]:
    """torch.cuda.OutOfMemoryError: the job's GPU memory cap (or the device) was reached."""
    gpu.note_out_of_memory()
    described = _describe(exc)
    return {
        "status": "raised",
        "exception": {
            **described,
            "type": gpu.OUT_OF_MEMORY_TYPE,
            "message": gpu.out_of_memory_message(gpu.memory_cap_mb())
            + f" (torch said: {described['message'][:300]})",
        },
    }


def _resolve_target(module, step: dict):
    owner = module
    construct = step.get("construct")
    if construct:
        cls = getattr(module, construct["class"])
        owner = cls(
            *codec.decode(construct.get("args", [])), **codec.decode(construct.get("kwargs", {}))
        )
    target = owner
    for part in step["function"].split("."):
        target = getattr(target, part)
    return target


def _describe(exc: BaseException) -> dict[str, str]:
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    text = "".join(lines).splitlines()
    return {
        "type": type(exc).__name__,
        "message": str(exc)[:MESSAGE_CHARS],
        "traceback": "\n".join(text[-TRACEBACK_LINES:])[-MESSAGE_CHARS * 2 :],
    }


def _bounded(outcome: dict, cap: int) -> bytes:
    line = json.dumps(outcome, allow_nan=False).encode("utf-8")
    if len(line) > cap:
        small = {k: v for k, v in outcome.items() if k != "value"}
        small.update(
            status="error",
            message=f"the returned value is too large to grade ({len(line)} bytes encoded, at most {cap})",
        )
        line = json.dumps(small).encode("utf-8")
    return line + b"\n"


def _send(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
