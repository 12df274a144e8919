"""GPU jobs inside the container: the device variables, the memory cap, and what is reported.

Learner process (``child.py``), before any learner code runs: ``assert_environment`` sets
``NVIDIA_VISIBLE_DEVICES`` and ``CUDA_VISIBLE_DEVICES`` to the values the host chose (for a
CPU job: no device at all), whatever the process inherited; when learner code imports torch,
``configure_torch`` caps the caching allocator at the job's ``memory_mb``
(``torch.cuda.set_per_process_memory_fraction``) so an over-budget job ends with
``torch.cuda.OutOfMemoryError``, which ``child.py`` turns into ``out_of_memory_message``
and the end of the run. After the last step, ``child_report`` sends what torch saw: the
device name, torch's CUDA version, the peak memory its allocator handed out. That report
comes from the learner's process, so it is shown, never used for a verdict.

Supervisor: ``device_facts`` asks NVML (``pynvml``) or ``nvidia-smi`` for the device name,
the driver and its CUDA version, outside the learner's process; the supervisor measures the
time on the device itself (the learner process's lifetime). Everything here is guarded:
without torch, CUDA, NVML or ``nvidia-smi`` a field is ``None``, and a CPU job reports no
``gpu`` section at all.
"""

from __future__ import annotations

import os
import re
import sys

TYPE_CHECKING = False  # typing costs every run 4 ms to import; mypy reads the name
if TYPE_CHECKING:
    from typing import Any

REPORT_ID = "__gpu__"
REPORT_PREFIX = b'{"id": "__gpu__"'
SMI_TIMEOUT_SECONDS = 5.0
OUT_OF_MEMORY_TYPE = "OutOfMemoryError"

_state: dict[str, Any] = {"memory_cap_bytes": None, "out_of_memory": False}


def placement(plan: dict) -> dict:
    value = plan.get("gpu")
    return value if isinstance(value, dict) else {}


def is_gpu_plan(plan: dict) -> bool:
    return placement(plan).get("device") == "gpu"


def assert_environment(plan: dict) -> None:
    """The host's device variables, set again in this process before learner code runs."""
    for name, value in (placement(plan).get("environment") or {}).items():
        if name in ("NVIDIA_VISIBLE_DEVICES", "CUDA_VISIBLE_DEVICES") and isinstance(value, str):
            os.environ[name] = value


def out_of_memory_message(memory_mb: int | None) -> str:
    """What a learner reads when their job needed more GPU memory than it may have."""
    if memory_mb:
        return (
            f"Your code needed more GPU memory than this exercise allows ({memory_mb} MiB), so "
            "the run was stopped. Use smaller batches, free tensors you no longer need "
            "(del, torch.no_grad() for evaluation) or a smaller model."
        )
    return (
        "Your code needed more GPU memory than the device has, so the run was stopped. "
        "Use smaller batches or a smaller model."
    )


def configure_torch(torch: Any, plan: dict) -> None:
    """Cap torch's GPU allocator at the job's ``memory_mb`` (a GPU job on a GPU only)."""
    memory_mb = placement(plan).get("memory_mb")
    if not is_gpu_plan(plan) or not memory_mb:
        return
    try:
        if not torch.cuda.is_available():
            return
        total = int(torch.cuda.get_device_properties(0).total_memory)
        cap = min(total, int(memory_mb) * 1024 * 1024)
        torch.cuda.set_per_process_memory_fraction(cap / total, 0)
        _state["memory_cap_bytes"] = cap
    except Exception as error:  # a driver problem: the job runs uncapped, and says so
        print(f"backprop harness: could not cap GPU memory: {error}", file=sys.stderr)


def is_out_of_memory(exc: BaseException) -> bool:
    torch = sys.modules.get("torch")
    oom = getattr(getattr(torch, "cuda", None), "OutOfMemoryError", None)
    return isinstance(oom, type) and isinstance(exc, oom)


def note_out_of_memory() -> None:
    _state["out_of_memory"] = True


def memory_cap_mb() -> int | None:
    cap = _state["memory_cap_bytes"]
    return None if cap is None else int(cap) // (1024 * 1024)


def stopped_for_memory() -> bool:
    return bool(_state["out_of_memory"])


def child_report() -> dict[str, Any]:
    """What torch saw in this process (all None when torch never touched CUDA)."""
    report: dict[str, Any] = {
        "id": REPORT_ID,
        "status": "gpu",
        "torch_cuda": None,
        "torch_device_name": None,
        "peak_memory_bytes": None,
        "peak_reserved_bytes": None,
        "memory_total_bytes": None,
        "memory_cap_bytes": _state["memory_cap_bytes"],
        "out_of_memory": bool(_state["out_of_memory"]),
    }
    torch = sys.modules.get("torch")
    if torch is None:
        return report
    try:
        report["torch_cuda"] = getattr(torch.version, "cuda", None)
        if torch.cuda.is_available() and torch.cuda.is_initialized():
            report.update(
                torch_device_name=torch.cuda.get_device_name(0),
                peak_memory_bytes=int(torch.cuda.max_memory_allocated(0)),
                peak_reserved_bytes=int(torch.cuda.max_memory_reserved(0)),
                memory_total_bytes=int(torch.cuda.get_device_properties(0).total_memory),
            )
    except Exception:  # a broken driver or a learner who replaced torch.cuda: report less
        pass
    return report


def accept_report(raw: Any) -> dict[str, Any] | None:
    """The supervisor's bounded copy of the child's report (shown only)."""
    if not isinstance(raw, dict) or raw.get("id") != REPORT_ID:
        return None
    out: dict[str, Any] = {}
    for key in ("torch_cuda", "torch_device_name"):
        value = raw.get(key)
        out[key] = value[:200] if isinstance(value, str) else None
    for key in (
        "peak_memory_bytes",
        "peak_reserved_bytes",
        "memory_total_bytes",
        "memory_cap_bytes",
    ):
        value = raw.get(key)
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**15
        out[key] = value if ok else None
    out["out_of_memory"] = raw.get("out_of_memory") is True
    return out


def device_facts() -> dict[str, Any]:
    """Name, driver and CUDA versions of the device this container sees, asked outside the
    learner's process: NVML first, then ``nvidia-smi -q``; None for what neither tells."""
    facts: dict[str, Any] = {
        "name": None,
        "uuid": None,
        "driver_version": None,
        "cuda_version": None,
        "source": None,
    }
    try:
        facts.update(_nvml())
        facts["source"] = "nvml"
        return facts
    except Exception:  # no pynvml, no library, no device: try nvidia-smi
        pass
    import shutil  # the fallback only: with subprocess, 7 ms of every CPU run
    import subprocess

    smi = shutil.which("nvidia-smi")
    if smi is None:
        return facts
    try:
        text = subprocess.run(
            [smi, "-q"],
            capture_output=True,
            text=True,
            timeout=SMI_TIMEOUT_SECONDS,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return facts
    parsed = parse_smi(text)
    if any(parsed.values()):
        facts.update(parsed, source="nvidia-smi")
    return facts


def _nvml() -> dict[str, Any]:
    import pynvml  # optional: in the GPU image when the wheel is there

    pynvml.nvmlInit()
    try:
        handle = pynvml.nvmlDeviceGetHandleByIndex(0)
        cuda = pynvml.nvmlSystemGetCudaDriverVersion_v2()

        def text(value: Any) -> str:
            return value.decode() if isinstance(value, bytes) else str(value)

        return {
            "name": text(pynvml.nvmlDeviceGetName(handle)),
            "uuid": text(pynvml.nvmlDeviceGetUUID(handle)),
            "driver_version": text(pynvml.nvmlSystemGetDriverVersion()),
            "cuda_version": f"{cuda // 1000}.{cuda % 1000 // 10}",
        }
    finally:
        pynvml.nvmlShutdown()


_SMI_FIELDS = {
    "name": re.compile(r"^\s*Product Name\s*:\s*(.+?)\s*$", re.MULTILINE),
    "uuid": re.compile(r"^\s*GPU UUID\s*:\s*(.+?)\s*$", re.MULTILINE),
    "driver_version": re.compile(r"^\s*Driver Version\s*:\s*(.+?)\s*$", re.MULTILINE),
    "cuda_version": re.compile(r"^\s*CUDA Version\s*:\s*(.+?)\s*$", re.MULTILINE),
}


def parse_smi(text: str) -> dict[str, str | None]:
    """The first device's facts from ``nvidia-smi -q`` (``-q`` lists the parent GPU of a MIG
    slice, which is what its name and driver are)."""
    out: dict[str, str | None] = {}
    for key, pattern in _SMI_FIELDS.items():
        found = pattern.search(text or "")
        out[key] = found.group(1)[:200] if found else None
    return out


def run_facts(report: dict[str, Any] | None, device_seconds: float | None) -> dict[str, Any]:
    """The result's ``gpu`` section: the supervisor's facts, then the child's (shown only)."""
    child = report or {}
    facts = device_facts()
    return {
        "name": facts["name"] or child.get("torch_device_name"),
        "uuid": facts["uuid"],
        "driver_version": facts["driver_version"],
        "cuda_version": facts["cuda_version"],
        "torch_cuda": child.get("torch_cuda"),
        "peak_memory_bytes": child.get("peak_memory_bytes"),
        "peak_reserved_bytes": child.get("peak_reserved_bytes"),
        "memory_total_bytes": child.get("memory_total_bytes"),
        "memory_cap_bytes": child.get("memory_cap_bytes"),
        "out_of_memory": bool(child.get("out_of_memory")),
        "device_seconds": None if device_seconds is None else round(device_seconds, 3),
        "source": facts["source"],
    }
