"""A starting worker warms the exercises learners submit most, not every package it knows."""

from __future__ import annotations

import pytest

from curriculum.models import Exercise
from submissions.models import Submission
from tests.worker.test_image_choice import write_package
from worker import warm_pool

pytestmark = pytest.mark.django_db

# Each reference imports another heavy library, so each package has a shape of its own.
PRELOADS = {"alpha": "numpy", "beta": "pandas", "gamma": "scipy"}


@pytest.fixture
def packages(tmp_path, settings):
    for slug, module in PRELOADS.items():
        folder = write_package(tmp_path / "exercises", slug, "  device: cpu\n  image: default")
        (folder / "reference" / "solution.py").write_text(
            f"import {module}\n\n\ndef answer():\n    return 42\n"
        )
    settings.CONTENT_DIR = tmp_path
    settings.SANDBOX_IMAGE = "backprop-sandbox:light"


@pytest.fixture
def warmed(monkeypatch):
    shapes = []

    class Pool:
        def warm(self, chosen):
            shapes.extend(chosen)

    monkeypatch.setattr(warm_pool, "get", lambda: Pool())
    monkeypatch.setattr(warm_pool, "remove_orphans", lambda client: 0)
    monkeypatch.setattr(warm_pool, "connect", lambda: None)
    return shapes


def submit(user, slug: str, times: int) -> None:
    exercise, _ = Exercise.objects.get_or_create(
        slug=slug, defaults={"title": slug, "statement": "x", "package_hash": "x"}
    )
    for _ in range(times):
        Submission.objects.create(user=user, exercise=exercise, files={"a.py": "x"}, seed=1)


def test_the_most_submitted_exercises_are_warmed_first_and_only_so_many(
    packages, warmed, settings, alice
):
    settings.SANDBOX_POOL_WARM_EXERCISES = 2
    submit(alice, "gamma", 3)
    submit(alice, "beta", 1)
    warm_pool.start()
    assert [shape.preload for shape in warmed] == [("scipy",), ("pandas",)]


def test_with_no_submissions_yet_the_first_exercises_by_name_are_warmed(packages, warmed, settings):
    settings.SANDBOX_POOL_WARM_EXERCISES = 2
    warm_pool.start()
    assert [shape.preload for shape in warmed] == [("numpy",), ("pandas",)]


def test_zero_warms_nothing_at_start(packages, warmed, settings):
    settings.SANDBOX_POOL_WARM_EXERCISES = 0
    warm_pool.start()
    assert warmed == []
