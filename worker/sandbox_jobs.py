"""Run the sandbox jobs of exercise packages: in a warm container when the pool is on, else cold."""

from __future__ import annotations

from django.conf import settings

from curriculum.content.exercise_packages import Package
from sandbox.result import RunResult
from sandbox.runner import run_job

from . import warm_pool
from .job_spec import build_job


def run_files(
    package: Package, files: dict[str, str], *, plan: dict, seed: int, labels: dict[str, str]
) -> RunResult:
    """Run `files` (learner's or reference) with the package's data and limits."""
    job = build_job(package, files, plan=plan, seed=seed, labels=labels)
    if settings.SANDBOX_POOL_SIZE > 0:
        return warm_pool.run(job, package)
    return run_job(job)
