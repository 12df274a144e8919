"""What a sandbox job of an exercise is: its image, its limits, its files.

Shared by the cold path (worker.sandbox_jobs) and the warm pool (worker.warm_pool), which
must build jobs of the very same shape; it runs nothing itself.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from curriculum.content.exercise_packages import Package
from sandbox.images import image_tag
from sandbox.job import Job
from sandbox.limits import DEFAULTS, Limits
from sandbox.result import SandboxUnavailable

from .judge.plan import helper_files


@lru_cache(maxsize=1)
def sandbox_image() -> str:
    if settings.SANDBOX_IMAGE:
        return settings.SANDBOX_IMAGE
    try:
        return image_tag()  # asks the engine which base it has
    except Exception as error:  # docker's errors vary; all mean the engine is not usable now
        raise SandboxUnavailable(f"cannot resolve the sandbox image: {error}") from error


def limits_for(package: Package) -> Limits:
    return DEFAULTS.with_overrides(package.spec.get("limits", {}))


def gpu_ids() -> tuple[str, ...] | None:
    """The GPUs this worker is pinned to (SANDBOX_GPU_IDS); None lets a GPU job have them all."""
    return tuple(settings.SANDBOX_GPU_IDS) or None


def build_job(
    package: Package, files: dict[str, str], *, plan: dict, seed: int, labels: dict[str, str]
) -> Job:
    """`files` (learner's or reference) with the plan's helpers, the package's data and limits."""
    files = {**files, **helper_files(package)}
    payload = {name: text.encode("utf-8") for name, text in files.items()}
    payload.update(package.data)
    return Job(
        image=sandbox_image(),
        files=payload,
        plan=plan,
        limits=limits_for(package),
        labels={"backprop.exercise": package.slug, **labels},
        seed=seed,
        device=package.device,
        gpu_ids=gpu_ids(),
        runtime=settings.SANDBOX_RUNTIME,
    )
