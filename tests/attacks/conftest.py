"""Fixtures of the attack suite: the container runtimes to attack, the attack exercise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).parent / "package"
SLUG = "sandbox-attacks"
RUNTIMES = ("runc", "runsc")
# The cases are hostile uploads (one of them is a conftest.py): never let pytest import them.
collect_ignore = ["cases", "package"]
_reference_outputs: dict[str, dict] = {}


def registered_runtimes() -> set[str]:
    import docker

    client = docker.from_env(timeout=10)
    try:
        return set(client.info().get("Runtimes") or {})
    finally:
        client.close()


@pytest.fixture(params=RUNTIMES)
def sandbox_runtime(request, docker_engine) -> str:
    """Each attack runs under runc and under gVisor; runsc skips only when it is not
    registered and REQUIRE_DOCKER is unset (CI sets it, so CI always runs both)."""
    name = request.param
    if name not in registered_runtimes():
        reason = (
            f"the {name} runtime is not registered with dockerd "
            "(scripts/start-dockerd.sh registers runsc when it is installed)"
        )
        if os.environ.get("REQUIRE_DOCKER"):
            pytest.fail(f"{reason}; REQUIRE_DOCKER is set")
        pytest.skip(reason)
    return name


@pytest.fixture
def attack_package(settings):
    """The tiny exercise every attack is graded against; the pipeline finds it by slug."""
    from curriculum.content.exercise_packages import find_package

    settings.CONTENT_DIR = PACKAGE_ROOT
    return find_package(PACKAGE_ROOT / "exercises", SLUG)


def exercise_row(package):
    """The exercise row of a package of the attack suite, with its reference outputs computed
    once per session (not per test). Needs the database and the sandbox image (settings)."""
    from curriculum.content.exercise_sync import exercise_rows_sync
    from curriculum.models import Exercise
    from worker.job_spec import limits_for
    from worker.judge.plan import build_plan
    from worker.models import ReferenceRun
    from worker.reference import reference_outputs

    exercise_rows_sync([package])
    exercise = Exercise.objects.get(slug=package.slug)
    outputs = _reference_outputs.get(package.hash)
    if outputs is None:
        plan = build_plan(
            package,
            seed=0,
            wall_seconds=limits_for(package).wall_seconds,
            for_reference=True,
        )
        outputs = reference_outputs(exercise, package, plan)
        _reference_outputs[package.hash] = outputs
    else:
        ReferenceRun.objects.create(exercise=exercise, package_hash=package.hash, outputs=outputs)
    return exercise


@pytest.fixture
def attack_exercise(db, attack_package, sandbox_ready, settings):
    """The exercise row, with its reference outputs computed once per session (not per test)."""
    settings.SANDBOX_IMAGE = sandbox_ready
    return exercise_row(attack_package)


@pytest.fixture
def other_attack_exercise(db, attack_package, sandbox_ready, settings):
    """Another exercise of the attack package by slug (a case's `exercise` key)."""
    from curriculum.content.exercise_packages import find_package

    settings.SANDBOX_IMAGE = sandbox_ready
    return lambda slug: exercise_row(find_package(PACKAGE_ROOT / "exercises", slug))
