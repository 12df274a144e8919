"""The exercise page's side pieces through their URLs: drafts, uploads, attempt history and diffs."""

import io
import json
import zipfile

from django.urls import reverse

from submissions.models import Draft, Status, Submission
from tests.factories import CORRECT, passed_attempt


def test_a_draft_is_saved_and_reopened_in_the_editor(as_alice, alice, matmul):
    response = as_alice.post(
        reverse("submissions:draft-save", args=[matmul.slug]),
        {"code": "# my draft\n"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["saved"] is True
    page = as_alice.get(reverse("submissions:exercise", args=[matmul.slug])).content.decode()
    assert "# my draft" in page and "Your saved draft." in page


def test_a_later_attempt_wins_over_an_older_draft(as_alice, alice, matmul):
    Draft.objects.create(user=alice, exercise=matmul, code="# old draft")
    passed_attempt(alice, matmul, code="# submitted later\n")
    page = as_alice.get(reverse("submissions:exercise", args=[matmul.slug])).content.decode()
    assert "# submitted later" in page and "# old draft" not in page


def test_a_draft_is_private(client, alice, charlie, matmul):
    Draft.objects.create(user=alice, exercise=matmul, code="# alice's secret")
    client.force_login(charlie)
    assert (
        b"alice's secret"
        not in client.get(reverse("submissions:exercise", args=[matmul.slug])).content
    )


def test_an_oversized_draft_is_refused_and_the_old_one_kept(as_alice, alice, matmul):
    Draft.objects.create(user=alice, exercise=matmul, code="# kept")
    response = as_alice.post(
        reverse("submissions:draft-save", args=[matmul.slug]),
        {"code": "x" * 300_000},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 422 and Draft.objects.get().code == "# kept"


def test_uploading_a_notebook_submits_its_code_cells(as_alice, matmul, enqueued):
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Notes"},
            {
                "cell_type": "code",
                "id": "b",
                "metadata": {},
                "source": CORRECT,
                "outputs": [],
                "execution_count": None,
            },
        ],
    }
    upload = io.BytesIO(json.dumps(nb).encode())
    upload.name = "work.ipynb"
    response = as_alice.post(
        reverse("submissions:upload", args=[matmul.slug]),
        {"upload": upload},
        HTTP_HX_REQUEST="true",
    )
    submission = Submission.objects.get()
    assert response.status_code == 200 and b"Waiting for a grading worker" in response.content
    assert submission.files["solution.py"].startswith("# %% [cell 2]\n" + CORRECT.splitlines()[0])


def test_a_bad_upload_says_why_and_keeps_the_draft(as_alice, alice, matmul, enqueued):
    Draft.objects.create(user=alice, exercise=matmul, code="# my work")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../solution.py", CORRECT)
    buffer.seek(0)
    buffer.name = "evil.zip"
    response = as_alice.post(reverse("submissions:upload", args=[matmul.slug]), {"upload": buffer})
    assert response.status_code == 422 and b"climbs out of the folder" in response.content
    assert not Submission.objects.exists() and Draft.objects.get().code == "# my work"


def test_attempt_history_draws_scores_and_diffs_two_attempts(as_alice, alice, matmul):
    old = passed_attempt(
        alice, matmul, code="def matmul(A, B):\n    return []\n", status=Status.FAILED, score=0.25
    )
    new = passed_attempt(alice, matmul)
    page = as_alice.get(reverse("submissions:attempts", args=[matmul.slug])).content.decode()
    assert (
        'data-chart="chart-' in page and f'<th scope="row">1. #{old.pk}</th><td>0.25</td>' in page
    )
    diff = as_alice.get(
        reverse("submissions:attempt-diff", args=[new.pk]), {"against": old.pk}
    ).content.decode()
    assert (
        '<span class="diff-del"><span class="visually-hidden">removed: </span>-    return []</span>'
        in diff
    )
    assert "diff-add" in diff


def test_a_stranger_cannot_diff_or_review_someone_elses_attempt(client, alice, charlie, matmul):
    mine = passed_attempt(alice, matmul)
    client.force_login(charlie)
    assert client.get(reverse("submissions:attempt-diff", args=[mine.pk])).status_code == 404
    assert (
        client.post(
            reverse("mentoring:review-request", args=[mine.pk]), {"question": "?"}
        ).status_code
        == 404
    )
