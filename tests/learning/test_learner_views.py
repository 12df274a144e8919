"""The learner's pages through their URLs: dashboard, enrollment, ticks, drafts, uploads,
attempts, review requests, notifications."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from curriculum.models import Topic
from learning.models import Enrollment
from mentoring.models import ReviewRequest
from notifications.models import Notification
from notifications.services import notify
from submissions.models import Draft, Status, Submission
from submissions.services import notify_graded
from tests.factories import make_path

CORRECT = "def matmul(A, B):\n    return [[sum(a * b for a, b in zip(r, c)) for c in zip(*B)] for r in A]\n"


@pytest.fixture
def enqueued(monkeypatch):
    sent = []
    monkeypatch.setattr("submissions.grading_queue.enqueue", lambda s: sent.append(s.pk) or True)
    return sent


@pytest.fixture
def path(matmul):
    return make_path(matmul)


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


def attempt(user, exercise, code=CORRECT, status=Status.PASSED, score=1.0):
    return Submission.objects.create(
        user=user,
        exercise=exercise,
        files={"solution.py": code},
        seed=1,
        status=status,
        score=score,
        finished_at=timezone.now(),
    )


def test_the_dashboard_needs_a_login(client, db):
    response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_enrolling_shows_a_schedule_and_the_dashboard_lists_the_path(as_alice, alice, path):
    preview = as_alice.get(
        reverse("learning:enroll", args=[path.slug]),
        {"started_on": "2026-01-05", "weekly_hours": 4},
    )
    assert (
        b"5 Jan" in preview.content and b"18 Jan 2026" in preview.content
    )  # 8 h units at 4 h/week: 14 days
    response = as_alice.post(
        reverse("learning:enroll", args=[path.slug]),
        {"started_on": "2026-01-05", "weekly_hours": 4},
    )
    assert response.status_code == 302
    enrollment = Enrollment.objects.get(user=alice)
    assert (str(enrollment.started_on), enrollment.weekly_hours) == ("2026-01-05", 4)
    page = as_alice.get(reverse("learning:dashboard")).content.decode()
    assert "Two weeks of ML" in page and "Matrix multiplication" in page  # next item
    assert 'aria-valuenow="0"' in page


def test_leaving_keeps_progress(as_alice, alice, path):
    Enrollment.objects.create(
        user=alice, path=path, started_on=timezone.localdate(), weekly_hours=8
    )
    topic = Topic.objects.get(number="1.1")
    as_alice.post(
        reverse("learning:progress-tick"), {"kind": "topic", "item_id": topic.pk, "done": "on"}
    )
    as_alice.post(reverse("learning:leave", args=[path.slug]))
    assert not Enrollment.objects.exists()
    assert alice.item_progress.count() == 1


def test_a_pass_moves_the_verified_bar_and_the_streak(as_alice, alice, path, matmul):
    Enrollment.objects.create(
        user=alice, path=path, started_on=timezone.localdate(), weekly_hours=8
    )
    attempt(alice, matmul)
    page = as_alice.get(reverse("learning:dashboard")).content.decode()
    assert '<strong data-testid="streak">1</strong>' in page
    assert "1 / 2 · 50%" in page  # verified: matmul passed, the project awaits a mentor


def test_ticking_via_htmx_returns_the_unit_panel(as_alice, path):
    topic = Topic.objects.get(number="1.1")
    response = as_alice.post(
        reverse("learning:progress-tick"),
        {"kind": "topic", "item_id": topic.pk, "done": "on", "unit": topic.unit_id},
        HTTP_HX_REQUEST="true",
    )
    assert b'id="unit-progress"' in response.content and b"1 / 4" in response.content


def test_the_unit_panel_tag_renders_the_checklist(as_alice, path, rf, alice):
    from django.template import Context, Template

    request = rf.get("/")
    request.user = alice
    html = Template("{% load learning %}{% unit_progress_panel unit %}").render(
        Context({"request": request, "unit": path.units.get(number=1)})
    )
    assert (
        "Needs a passing submission" in html
        and "Needs mentor approval" in html
        and "Idea 1.1" in html
    )


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
    attempt(alice, matmul, code="# submitted later\n")
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
    old = attempt(
        alice, matmul, code="def matmul(A, B):\n    return []\n", status=Status.FAILED, score=0.25
    )
    new = attempt(alice, matmul)
    page = as_alice.get(reverse("submissions:attempts", args=[matmul.slug])).content.decode()
    assert "<svg" in page and f"#{old.pk} 0.25" in page
    diff = as_alice.get(
        reverse("submissions:attempt-diff", args=[new.pk]), {"against": old.pk}
    ).content.decode()
    assert (
        '<span class="diff-del"><span class="visually-hidden">removed: </span>-    return []</span>'
        in diff
    )
    assert "diff-add" in diff


def test_a_stranger_cannot_diff_or_review_someone_elses_attempt(client, alice, charlie, matmul):
    mine = attempt(alice, matmul)
    client.force_login(charlie)
    assert client.get(reverse("submissions:attempt-diff", args=[mine.pk])).status_code == 404
    assert (
        client.post(
            reverse("mentoring:review-request", args=[mine.pk]), {"question": "?"}
        ).status_code
        == 404
    )


def test_requesting_a_review_shows_the_requested_state(as_alice, alice, matmul):
    submission = attempt(alice, matmul, status=Status.FAILED, score=0.5)
    page = as_alice.get(submission.get_absolute_url()).content.decode()
    assert "Request mentor review" in page
    as_alice.post(
        reverse("mentoring:review-request", args=[submission.pk]),
        {"question": "Why is shape wrong?"},
    )
    as_alice.post(
        reverse("mentoring:review-request", args=[submission.pk]), {"question": "Still stuck"}
    )
    request = ReviewRequest.objects.get()
    assert (request.status, request.question, request.learner) == ("open", "Still stuck", alice)
    assert "Review requested" in as_alice.get(submission.get_absolute_url()).content.decode()


def test_grading_notifies_and_the_header_counts_unread(as_alice, alice, matmul):
    submission = attempt(alice, matmul)
    notify_graded(submission)
    page = as_alice.get(reverse("learning:dashboard")).content.decode()
    assert 'data-testid="unread-count">1<' in page
    note = Notification.objects.get()
    assert "passed" in note.text and note.url == submission.get_absolute_url()
    response = as_alice.post(reverse("notifications:read"), {"id": note.pk, "go": note.url})
    assert response["Location"] == note.url
    assert (
        'data-testid="unread-count"'
        not in as_alice.get(reverse("learning:dashboard")).content.decode()
    )


def test_email_is_sent_only_to_learners_who_asked(
    alice, charlie, mailoutbox, django_capture_on_commit_callbacks
):
    alice.email_notifications = True
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(alice, "review", "Bob replied", "/x/")
        notify(charlie, "review", "Bob replied", "/x/")
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]


def test_continue_points_at_the_exercise_being_worked_on(as_alice, alice, matmul, path):
    Draft.objects.create(user=alice, exercise=matmul, code="# wip")
    from learning.dashboard import continue_for

    assert continue_for(alice)["url"] == matmul.get_absolute_url()
    attempt(alice, matmul)  # passed: now the next item of the path
    Enrollment.objects.create(
        user=alice, path=path, started_on=timezone.localdate(), weekly_hours=8
    )
    other = make_path(slug="other-path")  # enrolled later, but matmul is not in it
    other.title = "Another path"
    other.save()
    Enrollment.objects.create(
        user=alice, path=other, started_on=timezone.localdate(), weekly_hours=8
    )
    assert continue_for(alice)["title"] == "Project 1"
    assert "Two weeks of ML" in continue_for(alice)["why"]
