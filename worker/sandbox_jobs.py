"""Build sandbox jobs from exercise packages and run them (the worker's only door to sandbox/)."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from curriculum.content.exercise_packages import Package
from sandbox.job import Job
from sandbox.limits import DEFAULTS, Limits
from sandbox.result import RunResult, SandboxUnavailable
from sandbox.runner import run_job

from .judge.plan import helper_files


@lru_cache(maxsize=1)
def sandbox_image() -> str:
    if settings.SANDBOX_IMAGE:
        return settings.SANDBOX_IMAGE
    from sandbox.images import image_tag

    try:
        return image_tag()  # asks the engine which base it has
    except Exception as error:  # docker's errors vary; all mean the engine is not usable now
        raise SandboxUnavailable(f"cannot resolve the sandbox image: {error}") from error


def limits_for(package: Package) -> Limits:
    return DEFAULTS.with_overrides(package.spec.get("limits", {}))


def run_files(
    package: Package, files: dict[str, str], *, plan: dict, seed: int, labels: dict[str, str]
) -> RunResult:
    """Run `files` (learner's or reference) with the package's data and limits."""
    files = {**files, **helper_files(package)}
    payload = {name: text.encode("utf-8") for name, text in files.items()}
    payload.update(package.data)
    job = Job(
        image=sandbox_image(),
        files=payload,
        plan=plan,
        limits=limits_for(package),
        labels={"backprop.exercise": package.slug, **labels},
        seed=seed,
        device=package.device,
        gpu_ids=tuple(settings.SANDBOX_GPU_IDS) or None,
        runtime=settings.SANDBOX_RUNTIME,
    )
    if settings.SANDBOX_POOL_SIZE > 0:
        from . import warm_pool

        return warm_pool.run(job, package)
    return run_job(job)
