"""Every sandbox limit as data, with its unit, so docs, settings and tests share one table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any


def _limit(default: float, unit: str, minimum: float, maximum: float, doc: str, *, integer=True):
    return field(
        default=default,
        metadata={"unit": unit, "min": minimum, "max": maximum, "doc": doc, "integer": integer},
    )


@dataclass(frozen=True)
class Limits:
    """Resource limits of one sandbox run. Field names carry their unit."""

    wall_seconds: float = _limit(
        30, "s", 1, 3600, "wall clock deadline; the container is killed after it", integer=False
    )
    memory_mb: int = _limit(1024, "MiB", 32, 65536, "memory; swap is set equal, so no swapping")
    cpus: float = _limit(1.0, "CPUs", 0.1, 64, "CPU share (Docker nano_cpus)", integer=False)
    pids: int = _limit(128, "processes", 8, 4096, "process and thread count (stops fork bombs)")
    tmpfs_mb: int = _limit(
        256, "MiB", 8, 8192, "writable space of /work and /dev/shm together (shm: a quarter)"
    )
    tmpfs_inodes: int = _limit(
        4096, "inodes", 64, 1_000_000, "file count of /work and /dev/shm together (shm: an eighth)"
    )
    output_bytes: int = _limit(
        64 * 1024, "bytes", 1024, 16 * 1024 * 1024, "learner stdout and stderr kept, each"
    )
    result_bytes: int = _limit(
        1_000_000, "bytes", 4096, 16 * 1024 * 1024, "cap on the harness result line"
    )
    nofile: int = _limit(256, "files", 32, 65536, "open file descriptors (ulimit nofile)")
    fsize_mb: int = _limit(64, "MiB", 1, 8192, "largest file a process may write (ulimit fsize)")
    gpu_memory_mb: int = _limit(
        0, "MiB", 0, 1_048_576, "GPU memory a GPU job's torch may allocate (0: no cap)"
    )

    def __post_init__(self) -> None:
        for f in fields(self):
            _check(f.name, getattr(self, f.name), f.metadata)

    def with_overrides(self, overrides: Mapping[str, Any]) -> Limits:
        """A copy with some limits changed; unknown names and out-of-range values raise ValueError."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ValueError(
                f"unknown sandbox limit(s) {', '.join(unknown)}; known limits: "
                + ", ".join(f"{f.name} ({f.metadata['unit']})" for f in fields(self))
            )
        return replace(self, **dict(overrides))

    @classmethod
    def describe(cls) -> list[dict[str, Any]]:
        """Rows of name, default, unit and meaning, for documentation and admin pages."""
        return [
            {
                "name": f.name,
                "default": f.default,
                "unit": f.metadata["unit"],
                "doc": f.metadata["doc"],
            }
            for f in fields(cls)
        ]

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _check(name: str, value: Any, meta: Mapping[str, Any]) -> None:
    unit = meta["unit"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"limit {name} must be a number of {unit}, got {value!r}")
    if meta["integer"] and not float(value).is_integer():
        raise ValueError(f"limit {name} must be a whole number of {unit}, got {value!r}")
    if not meta["min"] <= value <= meta["max"]:
        raise ValueError(
            f"limit {name} must be between {meta['min']} and {meta['max']} {unit}, got {value!r}"
        )


DEFAULTS = Limits()
