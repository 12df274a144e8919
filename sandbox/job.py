"""One sandbox run, described as data and validated before any container exists."""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import gpu
from .harness.paths import check_relative
from .limits import DEFAULTS, Limits

MAX_FILES = 500
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 48 * 1024 * 1024
DEVICES = ("cpu", "gpu")
RUNTIMES = (None, "runc", "runsc")
RESERVED_LABELS = ("backprop.sandbox", "backprop.deadline")
STEP_KINDS = ("call", "http")


@dataclass(frozen=True)
class Job:
    """What to run: files for /work, a harness plan, limits and placement.

    ``plan`` is ``{"steps": [...]}``; the seed is injected from ``seed`` so the
    environment fingerprint always records it.
    """

    image: str
    files: Mapping[str, bytes]
    plan: Mapping[str, Any]
    limits: Limits = DEFAULTS
    labels: Mapping[str, str] = field(default_factory=dict)
    seed: int = 0
    device: str = "cpu"
    gpu_ids: tuple[str, ...] | None = None
    runtime: str | None = None

    def __post_init__(self) -> None:
        if not self.image or not isinstance(self.image, str):
            raise ValueError("a job needs an image tag")
        self._check_files()
        self._check_plan()
        if self.device not in DEVICES:
            raise ValueError(f"device must be one of {DEVICES}, got {self.device!r}")
        if self.gpu_ids is not None:
            if self.device != "gpu":
                raise ValueError("a CPU job never gets a GPU: gpu_ids must be None")
            gpu.parse_gpu_ids(self.gpu_ids)
        if self.runtime not in RUNTIMES:
            raise ValueError(f"runtime must be one of {RUNTIMES}, got {self.runtime!r}")
        if not isinstance(self.seed, int) or isinstance(self.seed, bool):
            raise ValueError(f"seed must be an integer, got {self.seed!r}")
        for key, value in self.labels.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise ValueError(f"labels must map strings to strings, got {key!r}: {value!r}")
            if key in RESERVED_LABELS:
                raise ValueError(f"label {key!r} is set by the sandbox itself")

    def _check_files(self) -> None:
        if len(self.files) > MAX_FILES:
            raise ValueError(f"a job may carry at most {MAX_FILES} files, got {len(self.files)}")
        if len(self.files) >= self.limits.tmpfs_inodes:
            raise ValueError(
                f"{len(self.files)} files do not fit in {self.limits.tmpfs_inodes} inodes"
            )
        total = 0
        for path, content in self.files.items():
            check_relative(path)
            if not isinstance(content, bytes | bytearray):
                raise ValueError(f"file {path!r} must be bytes, got {type(content).__name__}")
            if len(content) > MAX_FILE_BYTES:
                raise ValueError(f"file {path!r} is {len(content)} bytes; at most {MAX_FILE_BYTES}")
            total += len(content)
        cap = min(MAX_TOTAL_BYTES, self.limits.tmpfs_mb * 1024 * 1024 // 2)
        if total > cap:
            raise ValueError(f"the job's files total {total} bytes; at most {cap}")

    def _check_plan(self) -> None:
        try:
            json.dumps(self.plan, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise ValueError(f"the plan must be plain JSON: {error}") from None
        steps = self.plan.get("steps")
        if not isinstance(steps, list) or not steps:
            raise ValueError("the plan needs a non-empty list of steps")
        ids = [step.get("id") if isinstance(step, dict) else None for step in steps]
        if any(not isinstance(i, str) or not i for i in ids) or len(set(ids)) != len(ids):
            raise ValueError("every step needs a unique, non-empty string id")
        budget = 0.0
        for step in steps:
            seconds = step.get("timeout_seconds")
            if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds <= 0:
                raise ValueError(f"step {step['id']!r} needs a positive timeout_seconds")
            if step.get("kind") not in STEP_KINDS:
                raise ValueError(
                    f"step {step['id']!r} has an unsupported kind {step.get('kind')!r}"
                )
            if step["kind"] == "http":
                _check_http_step(step)
            budget += seconds
        if budget >= self.limits.wall_seconds:
            raise ValueError(
                f"the steps' timeouts add up to {budget} s, which leaves no room within "
                f"wall_seconds={self.limits.wall_seconds}"
            )

    def environment(self) -> dict[str, str]:
        """The container's environment: only the GPU variables, set by us (sandbox/gpu.py)."""
        return gpu.container_environment(self.device, self.gpu_ids)

    def harness_input(self, environment: Mapping[str, str] | None = None) -> bytes:
        """The JSON line sent on the container's stdin after the nonce.

        ``environment``: the GPU variables the harness asserts in the learner process (the
        container's, unless a run without a container passes its own)."""
        placement = gpu.harness_plan(
            self.device,
            self.environment() if environment is None else environment,
            self.limits.gpu_memory_mb or None,
        )
        document = {
            "files": {
                path: base64.b64encode(bytes(content)).decode("ascii")
                for path, content in self.files.items()
            },
            "plan": {
                **self.plan,
                "seed": self.seed,
                "threads": math.ceil(self.limits.cpus),
                "gpu": placement,
            },
            "limits": {
                "output_bytes": self.limits.output_bytes,
                "result_bytes": self.limits.result_bytes,
            },
        }
        return json.dumps(document, separators=(",", ":")).encode("utf-8") + b"\n"


def _check_http_step(step: Mapping[str, Any]) -> None:
    """An http step names the app (``module:attribute``) and lists requests the supervisor sends."""
    app = step.get("app", "solution:app")
    if not isinstance(app, str) or not app.partition(":")[0]:
        raise ValueError(f"step {step['id']!r} needs an app as 'module:attribute', got {app!r}")
    requests = step.get("requests")
    if not isinstance(requests, list) or not requests:
        raise ValueError(f"step {step['id']!r} needs a non-empty list of requests")
    for request in requests:
        if not isinstance(request, dict):
            raise ValueError(f"step {step['id']!r} has a request that is not an object")
        path = request.get("path")
        if not isinstance(path, str) or not path.startswith("/"):
            raise ValueError(f"step {step['id']!r} has a request path that does not start with /")
        if not isinstance(request.get("method", "GET"), str):
            raise ValueError(f"step {step['id']!r} has a request method that is not a string")
