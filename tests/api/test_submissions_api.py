"""Submitting from JSON or a file, one's attempts, an attempt, its status (ETag), its result in
three formats, the draft, and asking for a review."""

import io
import json
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring.models import ReviewRequest
from submissions.models import Draft, Status, Submission
from tests.factories import attempt

CODE = "def matmul(A, B):\n    return A\n"

CHECKS = [
    {
        "id": "shapes",
        "name": "Correct on random shapes",
        "kind": "probe",
        "status": "fail",
        "score": 0.0,
        "max_score": 3.0,
        "message": "C[0][1] should be 2 but was 1",
        "hint": "Row i times column j.",
    },
    {
        "id": "no_numpy",
        "name": "Written without NumPy",
        "kind": "static",
        "status": "pass",
        "score": 1.0,
        "max_score": 1.0,
        "message": "",
        "hint": "",
    },
]


def graded(user, exercise):
    submission = attempt(user, exercise, status=Status.FAILED, score=0.25, checks=CHECKS)
    Submission.objects.filter(pk=submission.pk).update(
        result={
            "status": "fail",
            "score": 0.25,
            "message": "",
            "checks": CHECKS,
            "stdout": "hi\n",
            "resources": {"wall_seconds": 0.5},
        }
    )
    submission.refresh_from_db()
    return submission


def test_a_multipart_zip_upload_is_graded_like_typed_code(alice_api, matmul, enqueued):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project/solution.py", CODE)
        archive.writestr("project/helpers.py", "X = 1\n")
    upload = SimpleUploadedFile("work.zip", buffer.getvalue(), content_type="application/zip")
    response = alice_api.post(
        reverse("api:submit", args=[matmul.slug]), {"file": upload}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["files"] == {"solution.py": CODE, "helpers.py": "X = 1\n"}


def test_a_notebook_upload_joins_its_code_cells(alice_api, matmul, enqueued):
    notebook = {
        "cells": [
            {"id": "a1", "cell_type": "markdown", "metadata": {}, "source": "# Notes"},
            {
                "id": "b2",
                "cell_type": "code",
                "metadata": {},
                "source": CODE,
                "outputs": [],
                "execution_count": None,
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    upload = SimpleUploadedFile("work.ipynb", json.dumps(notebook).encode())
    response = alice_api.post(
        reverse("api:submit", args=[matmul.slug]), {"file": upload}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    assert "# %% [cell 2]" in response.json()["files"]["solution.py"]


def test_a_bad_upload_is_refused_with_the_pages_message(alice_api, matmul, enqueued):
    upload = SimpleUploadedFile("work.exe", b"MZ")
    response = alice_api.post(
        reverse("api:submit", args=[matmul.slug]), {"file": upload}, format="multipart"
    )
    assert response.status_code == 422 and "not a type we grade" in response.json()["detail"]
    assert not Submission.objects.exists()


def test_the_list_holds_only_ones_own_attempts_filtered(alice, charlie, alice_api, matmul):
    mine = attempt(alice, matmul, status=Status.PASSED, score=1.0)
    attempt(alice, matmul, status=Status.FAILED)
    attempt(charlie, matmul)
    body = alice_api.get(reverse("api:submissions"), {"status": "passed"}).json()
    assert [row["id"] for row in body["results"]] == [mine.pk]
    assert alice_api.get(reverse("api:submissions"), {"exercise": matmul.slug}).json()["count"] == 2


def test_the_status_answers_304_while_nothing_changed(alice, alice_api, matmul):
    submission = Submission.objects.create(
        user=alice, exercise=matmul, files={"solution.py": CODE}, seed=1
    )
    url = reverse("api:submission-status", args=[submission.pk])
    first = alice_api.get(url)
    assert first.status_code == 200 and first.json()["status"] == "queued"
    etag = first["ETag"]
    assert alice_api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Submission.objects.filter(pk=submission.pk).update(status=Status.RUNNING)
    changed = alice_api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["is_terminal"] is False


def test_results_come_in_our_format_exercism_v3_and_gradescope(alice, alice_api, matmul):
    submission = graded(alice, matmul)
    ours = alice_api.get(reverse("api:submission-result", args=[submission.pk])).json()
    assert [c["message"] for c in ours["checks"]] == [CHECKS[0]["message"], ""]
    exercism = alice_api.get(reverse("api:submission-result-exercism", args=[submission.pk])).json()
    assert exercism["version"] == 3 and exercism["status"] == "fail"
    assert exercism["tests"][0]["message"] == (
        "C[0][1] should be 2 but was 1\nHint: Row i times column j."
    )
    gradescope = alice_api.get(
        reverse("api:submission-result-gradescope", args=[submission.pk])
    ).json()
    assert gradescope["max_score"] == matmul.points
    assert gradescope["score"] == 0.25 * matmul.points
    assert [t["status"] for t in gradescope["tests"]] == ["failed", "passed"]


def test_a_pending_attempt_has_no_result_yet(alice, alice_api, matmul):
    submission = Submission.objects.create(
        user=alice, exercise=matmul, files={"solution.py": CODE}, seed=1
    )
    for name in ("api:submission-result", "api:submission-result-exercism"):
        response = alice_api.get(reverse(name, args=[submission.pk]))
        assert response.status_code == 409 and response.json()["code"] == "conflict"


def test_a_rejected_attempt_without_a_document_still_converts(alice, alice_api, matmul):
    submission = Submission.objects.create(
        user=alice,
        exercise=matmul,
        files={"solution.py": CODE},
        seed=1,
        status=Status.REJECTED,
        message="The code is empty.",
    )
    exercism = alice_api.get(reverse("api:submission-result-exercism", args=[submission.pk])).json()
    assert exercism == {
        "version": 3,
        "status": "error",
        "tests": [],
        "message": "The code is empty.",
    }


def test_strangers_get_404_for_every_view_of_an_attempt(alice, charlie_api, matmul):
    submission = graded(alice, matmul)
    for name in (
        "api:submission",
        "api:submission-status",
        "api:submission-result",
        "api:submission-result-gradescope",
    ):
        assert charlie_api.get(reverse(name, args=[submission.pk])).status_code == 404


def test_the_draft_is_shared_with_the_editor(alice, alice_api, matmul):
    url = reverse("api:draft", args=[matmul.slug])
    first = alice_api.get(url).json()
    assert first["source"] == "starter" and first["code"] == matmul.starter_code
    saved = alice_api.put(url, {"code": CODE}, format="json")
    assert saved.status_code == 200 and saved.json()["source"] == "draft"
    assert Draft.objects.get(user=alice, exercise=matmul).code == CODE
    assert alice_api.get(url).json()["code"] == CODE
    too_big = alice_api.put(url, {"code": "x" * (257 * 1024)}, format="json")
    assert too_big.status_code == 422 and "draft" in too_big.json()["detail"]


def test_a_review_request_is_created_then_updated(alice, alice_api, charlie_api, matmul):
    submission = graded(alice, matmul)
    url = reverse("api:review-request", args=[submission.pk])
    made = alice_api.post(url, {"question": "Why?"}, format="json")
    assert made.status_code == 201
    request = ReviewRequest.objects.get()
    assert made["Location"] == reverse("api:review", args=[request.pk])
    again = alice_api.post(url, {"question": "Why, really?"}, format="json")
    assert again.status_code == 200 and ReviewRequest.objects.get().question == "Why, really?"
    assert charlie_api.post(url, {"question": "Mine?"}, format="json").status_code == 404


def test_a_project_attempt_has_no_grading_result_in_any_format(alice, alice_api):
    # It used to answer 500: the Gradescope form asked for the exercise's points.
    from curriculum.models import UnitExercise
    from submissions.projects import project_submission_create
    from tests.factories import make_path

    make_path()
    item = UnitExercise.objects.get(title="Project 1")
    project_attempt = project_submission_create(user=alice, unit_item=item, files={"a.md": "done"})
    for name in ("submission-result", "submission-result-exercism", "submission-result-gradescope"):
        response = alice_api.get(reverse(f"api:{name}", args=[project_attempt.pk]))
        assert response.status_code == 404, (name, response.status_code)
        assert "project attempt" in response.json()["detail"]
