"""A project attempt (no exercise) on the learner's pages that list attempts, and sign-off."""

import pytest

from curriculum.models import Exercise, UnitExercise
from learning import progress
from learning.dashboard import continue_for
from learning.export import attempt_rows
from submissions.projects import project_submission_create
from tests.factories import make_path, passed_attempt


@pytest.fixture
def setup(db, alice):
    matmul = Exercise.objects.create(
        slug="matmul", title="Matmul", statement="x", starter_files={}, package_hash="h"
    )
    path = make_path(matmul)
    passed_attempt(alice, matmul, status="failed", score=0.5)
    item = UnitExercise.objects.get(title="Project 2")
    project_submission_create(user=alice, unit_item=item, files={"README.md": "done"})
    return path, item


def test_a_later_project_attempt_leaves_continue_on_the_exercise(setup, alice):
    assert continue_for(alice)["title"] == "Matmul"


def test_the_export_lists_graded_attempts_and_skips_the_project(setup, alice):
    rows = attempt_rows(alice)
    assert [r["exercise"] for r in rows] == ["matmul"]


def test_a_project_item_links_its_page_and_waits_for_a_mentor(setup, alice, client):
    path, item = setup
    unit = progress.unit_progress(alice, item.unit)
    row = next(i for i in unit.items if i.id == item.pk)
    assert row.url == item.get_project_url() and not row.done and row.label == "project"
    assert unit.signed_off_by_mentor and not unit.milestone_reached
    client.force_login(alice)
    page = client.get(item.unit.get_absolute_url()).content.decode()
    assert "get them approved by a mentor" in page
