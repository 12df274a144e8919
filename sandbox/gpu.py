"""GPU placement of a sandbox job, host side: which device a container sees, and what it says.

A GPU worker serves one job per device or MIG slice at a time (the worker's slot allocator
hands each job one id); this module turns that id into the container's options:

* a Docker ``DeviceRequest`` for exactly that id (never ``count=-1`` when an id is known);
* ``NVIDIA_VISIBLE_DEVICES=<id>`` (read by the NVIDIA container toolkit on the host side, so
  only that device's nodes are mounted), ``CUDA_VISIBLE_DEVICES=0`` (inside the container the
  one device it sees is CUDA device 0, a MIG slice included) and
  ``NVIDIA_DRIVER_CAPABILITIES=compute,utility`` (CUDA and ``nvidia-smi``), all set in the
  container's environment by us; the harness sets them again in the learner process before
  any learner code runs (``sandbox/harness/gpu.py``), so a value a learner file tries to
  bring has no effect, and changing them at run time can only hide the one device there is;
* a CPU job gets no device request and ``NVIDIA_VISIBLE_DEVICES=void``,
  ``CUDA_VISIBLE_DEVICES=`` (empty), so even a host whose default runtime is ``nvidia`` gives
  it no GPU.

``SANDBOX_GPU_IDS`` names the worker's slots: device indexes (``0,1``), GPU UUIDs
(``GPU-…``) or MIG UUIDs (``MIG-…``, also the older ``MIG-GPU-<uuid>/<gi>/<ci>``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

# Shared with the in-container half, which cannot import this module.
from .harness.gpu import OUT_OF_MEMORY_TYPE as OUT_OF_MEMORY_TYPE
from .harness.gpu import out_of_memory_message as out_of_memory_message

INDEX = re.compile(r"^(0|[1-9][0-9]{0,2})$")
GPU_UUID = re.compile(r"^GPU-[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
MIG_UUID = re.compile(
    r"^MIG-(?:[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}"
    r"|GPU-[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}/[0-9]{1,2}/[0-9]{1,2})$"
)
CAPABILITIES = "compute,utility"
CPU_ENVIRONMENT = {"NVIDIA_VISIBLE_DEVICES": "void", "CUDA_VISIBLE_DEVICES": ""}
GPU_VARIABLES = ("NVIDIA_VISIBLE_DEVICES", "CUDA_VISIBLE_DEVICES", "NVIDIA_DRIVER_CAPABILITIES")


def kind_of(gpu_id: str) -> str:
    """``index``, ``gpu`` (a whole GPU by UUID) or ``mig`` (a MIG slice); ValueError otherwise."""
    if INDEX.match(gpu_id):
        return "index"
    if GPU_UUID.match(gpu_id):
        return "gpu"
    if MIG_UUID.match(gpu_id):
        return "mig"
    raise ValueError(
        f"not a GPU id: {gpu_id!r}; SANDBOX_GPU_IDS takes device indexes (0,1), "
        "GPU UUIDs (GPU-…) or MIG UUIDs (MIG-…), as `nvidia-smi -L` prints them"
    )


def parse_gpu_ids(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """The worker's GPU slots, in order, each checked; an empty value means no GPU."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else list(value)
    ids = tuple(item.strip() for item in items if item.strip())
    for gpu_id in ids:
        kind_of(gpu_id)
    duplicated = sorted({gpu_id for gpu_id in ids if ids.count(gpu_id) > 1})
    if duplicated:
        raise ValueError(f"SANDBOX_GPU_IDS names {', '.join(duplicated)} more than once")
    return ids


def container_environment(device: str, gpu_ids: tuple[str, ...] | None) -> dict[str, str]:
    """The container's whole environment: the GPU variables, set by us, and nothing else."""
    if device != "gpu":
        return dict(CPU_ENVIRONMENT)
    if not gpu_ids:  # every GPU of the host: only for a job that holds them all
        return {"NVIDIA_VISIBLE_DEVICES": "all", "NVIDIA_DRIVER_CAPABILITIES": CAPABILITIES}
    return {
        "NVIDIA_VISIBLE_DEVICES": ",".join(gpu_ids),
        # Inside the container its devices are renumbered from 0, MIG slices too.
        "CUDA_VISIBLE_DEVICES": ",".join(str(i) for i in range(len(gpu_ids))),
        "NVIDIA_DRIVER_CAPABILITIES": CAPABILITIES,
    }


def direct_environment(gpu_ids: tuple[str, ...]) -> dict[str, str]:
    """The same variables for a run without a container (scripts/gpu-selfcheck.sh): there
    nothing renumbers the devices, so CUDA sees the ids themselves (CUDA takes MIG UUIDs)."""
    if not gpu_ids:
        return dict(CPU_ENVIRONMENT)
    return {
        "NVIDIA_VISIBLE_DEVICES": ",".join(gpu_ids),
        "CUDA_VISIBLE_DEVICES": ",".join(gpu_ids),
        "NVIDIA_DRIVER_CAPABILITIES": CAPABILITIES,
    }


def harness_plan(
    device: str, environment: Mapping[str, str], memory_mb: int | None
) -> dict[str, Any]:
    """What the harness needs to know: the variables to assert in the learner process and the
    GPU memory cap (``None``: no cap). A CPU plan asserts that no device is visible."""
    return {
        "device": device,
        "environment": {name: environment.get(name, "") for name in GPU_VARIABLES[:2]},
        "memory_mb": memory_mb if device == "gpu" else None,
    }


# --- What a GPU run reports, parsed defensively (part of it comes from the learner process) --

_TEXT = 200
_FACTS = ("name", "driver_version", "cuda_version", "torch_cuda", "uuid")
_NUMBERS = (
    "peak_memory_bytes",
    "peak_reserved_bytes",
    "memory_total_bytes",
    "memory_cap_bytes",
    "device_seconds",
)


def gpu_facts(raw: Any) -> dict[str, Any] | None:
    """The ``gpu`` part of a harness result, bounded: short texts, finite non-negative
    numbers, one boolean. None when the run had no GPU section (every CPU run)."""
    if not isinstance(raw, dict):
        return None
    facts: dict[str, Any] = {}
    for key in _FACTS:
        value = raw.get(key)
        facts[key] = value[:_TEXT] if isinstance(value, str) and value else None
    for key in _NUMBERS:
        value = raw.get(key)
        in_range = (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and 0 <= value < 1e15  # NaN fails the range too
        )
        facts[key] = value if in_range else None
    facts["out_of_memory"] = raw.get("out_of_memory") is True
    facts["source"] = raw.get("source") if raw.get("source") in ("nvml", "nvidia-smi") else None
    return facts
