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


@pytest.fixture
def attack_exercise(db, attack_package, sandbox_ready, settings):
    """The exercise row, with its reference outputs computed once per session (not per test)."""
    from curriculum.content.exercise_sync import sync_exercises
    from curriculum.models import Exercise
    from worker.job_spec import limits_for
    from worker.judge.plan import build_plan
    from worker.models import ReferenceRun
    from worker.reference import reference_outputs

    settings.SANDBOX_IMAGE = sandbox_ready
    sync_exercises([attack_package])
    exercise = Exercise.objects.get(slug=SLUG)
    outputs = _reference_outputs.get(attack_package.hash)
    if outputs is None:
        plan = build_plan(
            attack_package,
            seed=0,
            wall_seconds=limits_for(attack_package).wall_seconds,
            for_reference=True,
        )
        outputs = reference_outputs(exercise, attack_package, plan)
        _reference_outputs[attack_package.hash] = outputs
    else:
        ReferenceRun.objects.create(
            exercise=exercise, package_hash=attack_package.hash, outputs=outputs
        )
    return exercise
