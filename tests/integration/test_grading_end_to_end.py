"""Submit through Django, let a real Celery worker process take the task from the broker
and run it in Docker, then read the final result from the database."""

import pytest
from django.urls import reverse

from submissions.models import Status, Submission
from tests.conftest import wait_for_terminal

pytestmark = [pytest.mark.docker, pytest.mark.integration]

CORRECT = """def matmul(A, B):
    if len(A[0]) != len(B):
        raise ValueError(f"{len(A)}x{len(A[0])} times {len(B)}x{len(B[0])}")
    return [[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]
"""
NO_SHAPE_CHECK = """def matmul(A, B):
    return [[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]
"""


def submit(client, user, exercise, code):
    client.force_login(user)
    response = client.post(reverse("submissions:submit", args=[exercise.slug]), {"code": code})
    assert response.status_code == 302
    return Submission.objects.latest("pk")


def test_a_correct_solution_passes(client, alice, matmul, grading_worker):
    submission = wait_for_terminal(submit(client, alice, matmul, CORRECT))
    assert submission.status == Status.PASSED, (
        submission.message,
        submission.result,
        grading_worker.log_path.read_text()[-3000:],
    )
    assert submission.score == 1.0
    assert [c["status"] for c in submission.result["checks"]] == ["pass"] * 4
    assert submission.result["provenance"]["exercise_hash"] == matmul.package_hash
    assert submission.result["provenance"]["seed"] == submission.seed


def test_a_wrong_solution_fails_with_the_checks_message(client, alice, matmul, grading_worker):
    submission = wait_for_terminal(submit(client, alice, matmul, NO_SHAPE_CHECK))
    assert submission.status == Status.FAILED
    failing = {c["id"]: c for c in submission.result["checks"] if c["status"] != "pass"}
    assert list(failing) == ["shape_mismatch_raises"]
    assert (
        "expected ValueError to be raised, but it returned"
        in failing["shape_mismatch_raises"]["message"]
    )
    assert 0 < submission.score < 1
