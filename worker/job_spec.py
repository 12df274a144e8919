"""What a sandbox job of an exercise is: its image, its limits, its files.

Shared by the cold path (worker.sandbox_jobs) and the warm pool (worker.warm_pool), which
must build jobs of the very same shape; it runs nothing itself.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed

from curriculum.content.exercise_packages import Package
from sandbox.gpu import parse_gpu_ids
from sandbox.images import image_tag
from sandbox.job import Job
from sandbox.limits import DEFAULTS, Limits
from sandbox.result import SandboxUnavailable

from .judge.plan import helper_files


@lru_cache(maxsize=3)
def sandbox_image(kind: str = "cpu") -> str:
    """The image of this kind (`Package.image`): the light CPU image, the deep-learning CPU
    one (`dl`), or the CUDA one for GPU jobs; a setting names a prebuilt one instead."""
    chosen = {
        "cpu": settings.SANDBOX_IMAGE,
        "dl": settings.SANDBOX_DL_IMAGE,
        "gpu": settings.SANDBOX_GPU_IMAGE,
    }[kind]
    if chosen:
        return chosen
    try:
        return image_tag(kind=kind)  # asks the engine which base it has
    except Exception as error:  # docker's errors vary; all mean the engine is not usable now
        raise SandboxUnavailable(f"cannot resolve the sandbox image: {error}") from error


def _forget_images(*, setting: str, **kwargs) -> None:
    """A changed image setting (override_settings, a test's `settings`) is seen at once."""
    if setting in {"SANDBOX_IMAGE", "SANDBOX_DL_IMAGE", "SANDBOX_GPU_IMAGE"}:
        sandbox_image.cache_clear()


setting_changed.connect(_forget_images, dispatch_uid="worker.job_spec.forget_images")


def limits_for(package: Package) -> Limits:
    return DEFAULTS.with_overrides(package.spec.get("limits", {}))


def gpu_ids() -> tuple[str, ...]:
    """This worker's GPU slots (SANDBOX_GPU_IDS: device indexes or MIG UUIDs), checked."""
    return parse_gpu_ids(settings.SANDBOX_GPU_IDS)


def build_job(
    package: Package,
    files: dict[str, str],
    *,
    plan: dict,
    seed: int,
    labels: dict[str, str],
    gpu_id: str | None = None,
) -> Job:
    """`files` (learner's or reference) with the plan's helpers, the package's data and limits.

    A GPU job sees only `gpu_id`, the one slot its run holds (worker.gpu_slots); a CPU job
    never gets a device, whatever it is given."""
    if package.device == "gpu" and gpu_id is None:
        raise ValueError(f"{package.slug} is a GPU exercise: its job needs a GPU slot")
    files = {**files, **helper_files(package)}
    payload = {name: text.encode("utf-8") for name, text in files.items()}
    payload.update(package.data)
    return Job(
        image=sandbox_image(package.image),
        files=payload,
        plan=plan,
        limits=limits_for(package),
        labels={"backprop.exercise": package.slug, **labels},
        seed=seed,
        device=package.device,
        gpu_ids=(gpu_id,) if package.device == "gpu" and gpu_id is not None else None,
        runtime=settings.SANDBOX_RUNTIME,
    )
