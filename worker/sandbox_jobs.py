"""Run the sandbox jobs of exercise packages: in a warm container when the pool is on, else cold.

A GPU exercise's job first takes one of this worker's GPU slots (worker.gpu_slots) and holds
it for the whole run, so a device or MIG slice serves one job at a time; it always runs cold.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from curriculum.content.exercise_packages import Package
from sandbox.result import RunResult
from sandbox.runner import run_job

from . import warm_pool
from .gpu_slots import gpu_slot
from .job_spec import build_job, gpu_ids


def run_files(
    package: Package, files: dict[str, str], *, plan: dict, seed: int, labels: dict[str, str]
) -> RunResult:
    """Run `files` (learner's or reference) with the package's data and limits."""
    if package.device == "gpu":
        lock_dir = settings.SANDBOX_GPU_LOCK_DIR
        with gpu_slot(
            gpu_ids(),
            lock_dir=Path(lock_dir) if lock_dir else None,
            wait_seconds=settings.SANDBOX_GPU_WAIT_SECONDS,
        ) as gpu_id:
            job = build_job(package, files, plan=plan, seed=seed, labels=labels, gpu_id=gpu_id)
            return run_job(job)
    job = build_job(package, files, plan=plan, seed=seed, labels=labels)
    if settings.SANDBOX_POOL_SIZE > 0:
        return warm_pool.run(job, package)
    return run_job(job)
