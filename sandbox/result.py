"""What happened in one run, for the worker's judge. Learner faults are data, not exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EXIT_REASONS = ("ok", "timeout", "memory", "output_limit", "crash", "harness_lost")

HARNESS_LOST_MESSAGE = (
    "Your code stopped the grading harness before it could report (for example by killing "
    "its parent process or closing its pipes), so no result could be trusted."
)


class SandboxUnavailable(RuntimeError):
    """The engine or the image is missing: a platform fault, retry later; never the learner's."""


@dataclass
class RunResult:
    exit_reason: str
    exit_code: int | None
    result: dict[str, Any] | None
    stdout: str = ""
    stderr: str = ""
    stdout_truncated: bool = False
    stderr_truncated: bool = False
    wall_seconds: float = 0.0
    peak_memory_bytes: int | None = None  # the whole container's (its cgroup), never one process's
    cpu_seconds: float | None = None  # the whole container's, where its cgroup could be read
    image: str = ""
    image_id: str = ""
    message: str = ""
    harness_error: str | None = None
    diagnostics: dict[str, Any] = field(default_factory=dict)
    # A GPU run's device, driver and CUDA versions, peak GPU memory and time on the device
    # (sandbox.gpu.gpu_facts); None for every CPU run.
    gpu: dict[str, Any] | None = None
    # Wall-clock moments (epoch seconds) of this run's phases: `container_started` (the harness
    # got the job) and `code_finished` (the result line or the end of the stream arrived).
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def steps(self) -> list[dict[str, Any]]:
        return list((self.result or {}).get("steps", []))

    @property
    def metrics(self) -> list[Any]:
        return list((self.result or {}).get("metrics", []))

    @property
    def versions(self) -> dict[str, Any]:
        return dict((self.result or {}).get("versions", {}))


def exit_reason_for(result: dict[str, Any] | None, *, oom_killed: bool, timed_out: bool) -> str:
    """Worst first: memory, then time, then a crash, then cut output."""
    if oom_killed:
        return "memory"
    if result is None:
        return "timeout" if timed_out else "harness_lost"
    statuses = {step.get("status") for step in result.get("steps", [])}
    if result.get("harness_error"):
        return "crash"
    if (result.get("gpu") or {}).get("out_of_memory") is True:
        return "memory"  # over the job's GPU memory cap (torch.cuda.OutOfMemoryError)
    if timed_out or "timeout" in statuses:
        return "timeout"
    if "crashed" in statuses:
        return "crash"
    if result.get("stdout_truncated") or result.get("stderr_truncated"):
        return "output_limit"
    return "ok"
