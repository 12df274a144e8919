"""The worker process's warm container pool (sandbox.pool), when SANDBOX_POOL_SIZE > 0.

One pool per process that runs tasks (a prefork child, or the worker itself with
`--pool solo`), started by a Celery signal and warmed with the shapes of the exercises
learners submitted most in the last week (`SANDBOX_POOL_WARM_EXERCISES` of them), so their
next submission already finds a container; another exercise's first submission runs cold and
its shape is kept warm from then on. Warming every package's shape (61 today, each
`SANDBOX_POOL_SIZE` times, torch imported in some) would keep a small host busy for minutes
and hold gigabytes in idle containers.
What to preload comes from the exercise itself: the heavy libraries its reference solution
imports, never one its checks forbid (importing it would only cost the learner memory).
"""

from __future__ import annotations

import ast
import logging
import threading
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from curriculum.content.exercise_packages import Package, load_packages
from sandbox.job import Job
from sandbox.pool import Shape, WarmPool, remove_orphans
from sandbox.result import RunResult, SandboxUnavailable
from sandbox.runner import connect, run_job
from submissions.models import Submission

from .job_spec import limits_for, sandbox_image
from .judge.static import parse_python

log = logging.getLogger(__name__)

HEAVY = frozenset({"numpy", "scipy", "sklearn", "pandas", "torch"})
_lock = threading.Lock()
_pool: WarmPool | None = None


def preload_for(package: Package) -> tuple[str, ...]:
    """Heavy modules the reference solution imports, minus those any check forbids."""
    forbidden = {
        name.split(".")[0]
        for check in package.spec.get("checks", [])
        for name in check.get("forbid_imports", [])
    }
    return _preload(tuple(sorted(package.reference.items())), frozenset(forbidden))


@lru_cache(maxsize=256)
def _preload(sources: tuple[tuple[str, str], ...], forbidden: frozenset[str]) -> tuple[str, ...]:
    found: set[str] = set()
    for name, text in sources:
        if not name.endswith(".py"):
            continue
        try:
            tree = parse_python(text)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            found.update(
                n for n in names if n.split(".")[0] in HEAVY and n.split(".")[0] not in forbidden
            )
    return tuple(sorted(found))


def get() -> WarmPool | None:
    """The process's pool, created on first use; None when SANDBOX_POOL_SIZE is 0."""
    global _pool
    if settings.SANDBOX_POOL_SIZE <= 0:
        return None
    with _lock:
        if _pool is None:
            _pool = WarmPool(
                settings.SANDBOX_POOL_SIZE, idle_seconds=settings.SANDBOX_POOL_IDLE_SECONDS
            )
        return _pool


def run(job: Job, package: Package) -> RunResult:
    pool = get()
    if pool is None:
        return run_job(job)
    return pool.run(job, preload=preload_for(package))


def start() -> None:
    """Remove warm containers of dead workers on this host, then warm every exercise's shape.

    Only CPU shapes are warmed: a GPU job runs cold, in a container that sees only the one
    device or MIG slice its slot holds (worker.gpu_slots), never in a warm one made earlier.
    """
    pool = get()
    if pool is None:
        return
    try:
        removed = remove_orphans(connect())
        if removed:
            log.info("sandbox pool: removed %s warm containers of dead workers", removed)
    except SandboxUnavailable as error:
        log.warning(
            "sandbox pool: engine unavailable at start (%s); the pool fills when it answers", error
        )
    packages, _problems = load_packages(settings.CONTENT_DIR / "exercises")
    busiest = recently_submitted()
    chosen = sorted(
        (package for package in packages if package.device == "cpu"),
        key=lambda package: (-busiest.get(package.slug, 0), package.slug),
    )
    shapes: dict[Shape, None] = {}  # ordered and without repeats: exercises can share a shape
    for package in chosen[: max(0, settings.SANDBOX_POOL_WARM_EXERCISES)]:
        shape = Shape(
            sandbox_image(package.image),
            limits_for(package),
            package.device,
            None,
            settings.SANDBOX_RUNTIME,
            preload_for(package),
        )
        shapes[shape] = None
    pool.warm(list(shapes))


def recently_submitted(days: int = 7) -> dict[str, int]:
    """Submissions per exercise slug over the last `days`: the exercises worth a warm container."""
    since = timezone.now() - timedelta(days=days)
    rows = (
        Submission.objects.filter(created_at__gte=since, exercise__isnull=False)
        .values("exercise__slug")
        .annotate(count=Count("id"))
    )
    return {row["exercise__slug"]: row["count"] for row in rows}


def stop() -> None:
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.close()
