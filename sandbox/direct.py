"""Run a Job's harness directly, in a child process of this machine: no container, no engine.

For ``scripts/gpu-selfcheck.sh`` on a GPU machine that has PyTorch but no Docker engine, and
for proving GPU exercises on a CPU. It is NOT a sandbox: the code runs as the calling user,
with the network and the files of this machine, so it only ever runs our own reference and
wrong solutions, never a learner's.

The same supervisor and learner child run as in a container (``sandbox/harness``), with three
differences, each because the host is not a container:

* the supervisor's end-of-run ``kill(-1)`` (every process of the container but PID 1) would
  kill every process of the user here, so it kills only the processes of its own session
  (the runner is started in a new one);
* CPU time is the learner process's own (``/proc/<pid>/stat``), and the memory peak is its
  peak RSS: the cgroup here is the whole machine's or the caller's;
* the GPU variables are the device ids themselves (``sandbox.gpu.direct_environment``):
  nothing renumbers them to 0 outside a container.

``python -m sandbox.direct`` (with a Python that has torch) is the runner: it reads the job
line on stdin and writes one JSON result line on stdout.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import gpu
from .job import Job
from .result import RunResult, exit_reason_for

REPO = Path(__file__).resolve().parents[1]
RESULT_MARK = "BACKPROP-DIRECT-RESULT "


def run_direct(job: Job, *, python: str, gpu_ids: tuple[str, ...] = ()) -> RunResult:
    """Run ``job``'s plan with ``python`` (which must import torch for torch exercises)."""
    environment = gpu.direct_environment(gpu_ids) if job.device == "gpu" else gpu.CPU_ENVIRONMENT
    with tempfile.TemporaryDirectory(prefix="backprop-direct-") as scratch:
        shim = Path(scratch) / "shim"
        shim.mkdir()
        # What the image's /opt/backprop/report.py is: learner code says `import report`.
        (shim / "report.py").write_text("from sandbox.harness.report import log  # noqa: F401\n")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": scratch,
            "PYTHONPATH": os.pathsep.join([str(REPO), str(shim)]),
            "PYTHONDONTWRITEBYTECODE": "1",
            **environment,
        }
        started = time.monotonic()
        completed = subprocess.run(
            [python, "-B", "-m", "sandbox.direct", str(Path(scratch) / "work")],
            input=job.harness_input(environment=environment),
            capture_output=True,
            env=env,
            cwd=scratch,
            timeout=job.limits.wall_seconds + 30,
            start_new_session=True,
            check=False,
        )
        wall = time.monotonic() - started
    result = None
    for line in completed.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith(RESULT_MARK):
            result = json.loads(line[len(RESULT_MARK) :])
    run = RunResult(
        exit_reason=exit_reason_for(result, oom_killed=False, timed_out=False),
        exit_code=completed.returncode,
        result=result,
        wall_seconds=round(wall, 3),
        image="direct:" + python,
        diagnostics={"harness_stderr": completed.stderr.decode("utf-8", "replace")[-4000:]},
    )
    if result is not None:
        run.stdout, run.stderr = result.get("stdout", ""), result.get("stderr", "")
        run.peak_memory_bytes = (result.get("child") or {}).get("peak_rss_bytes")
        run.cpu_seconds = (result.get("child") or {}).get("cpu_seconds")
        run.harness_error = result.get("harness_error")
        run.gpu = gpu.gpu_facts(result.get("gpu"))
        if run.gpu and run.gpu["out_of_memory"]:
            run.message = gpu.out_of_memory_message(job.limits.gpu_memory_mb or None)
    return run


def _kill_my_session() -> None:
    """The host-safe stand-in for the supervisor's ``kill(-1)``: this session only."""
    me, session = os.getpid(), os.getsid(0)
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            if os.getsid(int(name)) == session:
                os.kill(int(name), signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            continue


def _main(work: str) -> int:
    from .harness import measure, supervisor

    supervisor._kill_everyone_else = _kill_my_session
    measure.cpu_seconds = lambda root=measure.CGROUP_ROOT: None  # the host's, not the job's
    os.makedirs(work, exist_ok=True)
    job = json.loads(sys.stdin.buffer.readline())
    try:
        result = supervisor.supervise(job, bytearray(64), work=work)
    except Exception as error:  # noqa: BLE001 - reported, like the container's harness_error
        result = {"harness_error": repr(error)}
    result["container"] = {"peak_memory_bytes": None, "cpu_seconds": None, "source": "direct"}
    sys.stdout.write(RESULT_MARK + json.dumps(result, allow_nan=False) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1]))
