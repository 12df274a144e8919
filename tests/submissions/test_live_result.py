"""The live result: one short status sentence is the only live text, an unchanged status is not
swapped again, and the exercise page's attempts list follows each submission."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from submissions.live import cadence_only, poll_interval_ms, status_summary, status_version
from submissions.models import Status, Submission
from tests.factories import CORRECT

HTMX = {"HTTP_HX_REQUEST": "true"}


def queued(user, exercise, **fields):
    return Submission.objects.create(
        user=user, exercise=exercise, files={"solution.py": CORRECT}, seed=1, **fields
    )


def poll(client, submission, seen):
    url = reverse("submissions:submission-status", args=[submission.pk])
    return client.get(url, {"seen": seen}, **HTMX)


def test_the_poll_sends_the_version_it_shows(as_alice, alice, matmul):
    submission = queued(alice, matmul)
    html = as_alice.get(reverse("submissions:exercise", args=[matmul.slug])).content.decode()
    assert f'hx-vals=\'{{"seen": "{status_version(submission)}"}}\'' in html


def test_an_unchanged_status_answers_204_so_nothing_is_swapped_or_read_out(as_alice, alice, matmul):
    submission = queued(alice, matmul)
    response = poll(as_alice, submission, status_version(submission))
    assert response.status_code == 204 and response.content == b""


def test_a_changed_status_swaps_with_one_summary_sentence_and_nudges_the_attempts(
    as_alice, alice, matmul
):
    submission = queued(alice, matmul)
    seen = status_version(submission)
    Submission.objects.filter(pk=submission.pk).update(status=Status.RUNNING, attempts=1)
    response = poll(as_alice, submission, seen)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "attempts-changed"
    summary = re.search(
        r'<p id="result-summary" hx-swap-oob="innerHTML">(.*?)</p>', response.content.decode()
    )
    assert summary and summary.group(1) == f"Attempt #{submission.pk} running in the sandbox."


def test_a_final_status_stops_polling_and_its_summary_is_short(as_alice, alice, matmul):
    submission = queued(alice, matmul)
    seen = status_version(submission)
    Submission.objects.filter(pk=submission.pk).update(status=Status.FAILED, score=0.2)
    response = poll(as_alice, submission, seen)
    assert response.status_code == 286
    assert b">Failed, score 0.20 of 1.00.</p>" in response.content
    submission.refresh_from_db()
    assert status_summary(submission) == "Failed, score 0.20 of 1.00."


def test_a_retry_of_an_error_is_a_new_version():
    from datetime import UTC, datetime

    submission = Submission(status=Status.ERROR, attempts=1)
    before = status_version(submission)
    submission.retry_at = datetime(2026, 1, 1, tzinfo=UTC)
    assert status_version(submission) != before


def test_only_the_summary_is_live_on_the_exercise_page(as_alice, alice, matmul):
    queued(alice, matmul, status=Status.FAILED, score=0.2)
    html = as_alice.get(reverse("submissions:exercise", args=[matmul.slug])).content.decode()
    assert "aria-live" not in html
    assert html.count('role="status"') == 2  # the result summary, and the draft line
    assert '<p id="result-summary" class="visually-hidden" role="status"></p>' in html


def test_a_submission_tells_the_attempts_list_to_refresh(as_alice, matmul, enqueued):
    response = as_alice.post(
        reverse("submissions:submit", args=[matmul.slug]), {"code": CORRECT}, **HTMX
    )
    assert response["HX-Trigger"] == "attempts-changed"
    submission = Submission.objects.get()
    assert (
        f"Attempt #{submission.pk} queued, waiting for a grading worker."
        in response.content.decode()
    )


def test_the_attempts_list_reloads_alone_and_names_each_attempt(as_alice, alice, matmul):
    first = queued(alice, matmul, status=Status.FAILED, score=0.2)
    second = queued(alice, matmul)
    page = as_alice.get(reverse("submissions:exercise", args=[matmul.slug])).content.decode()
    assert 'hx-trigger="attempts-changed from:body"' in page
    response = as_alice.get(
        reverse("submissions:exercise", args=[matmul.slug]), HTTP_HX_TARGET="attempts", **HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="attempts" id="attempts"')
    assert "<html" not in html and "<ol" not in html
    assert f">Attempt #{second.pk}</a>" in html and f">Attempt #{first.pk}</a>" in html
    assert "score 0.20" in html


def test_the_attempts_list_is_there_to_fill_before_the_first_attempt(as_alice, matmul):
    page = as_alice.get(reverse("submissions:exercise", args=[matmul.slug])).content.decode()
    assert 'id="attempts"' in page and "Your attempts" not in page


def aged(submission, seconds):
    """The submission as if made `seconds` ago."""
    Submission.objects.filter(pk=submission.pk).update(
        created_at=timezone.now() - timedelta(seconds=seconds)
    )
    submission.refresh_from_db()
    return submission


def test_the_poll_is_fast_at_first_and_slows_as_the_wait_grows(alice, matmul):
    submission = queued(alice, matmul)
    made = submission.created_at
    assert poll_interval_ms(submission, made + timedelta(seconds=0.5)) == 100
    assert poll_interval_ms(submission, made + timedelta(seconds=3)) == 250
    assert poll_interval_ms(submission, made + timedelta(seconds=30)) == 1000


def test_the_fragment_polls_at_the_cadence_of_its_age(as_alice, alice, matmul):
    submission = aged(queued(alice, matmul), 3)
    response = poll(as_alice, submission, "")
    assert b'hx-trigger="every 250ms"' in response.content
    assert f'"seen": "{status_version(submission)}"' in response.content.decode()


def test_a_slower_cadence_swaps_once_with_nothing_to_read_out(as_alice, alice, matmul):
    submission = queued(alice, matmul)
    fast = status_version(submission)
    aged(submission, 2)
    response = poll(as_alice, submission, fast)
    assert response.status_code == 200
    assert b'hx-trigger="every 250ms"' in response.content
    assert b"result-summary" not in response.content  # the live sentence is not said again
    assert "HX-Trigger" not in response  # nor is the attempts list reloaded
    again = poll(as_alice, submission, status_version(submission))
    assert again.status_code == 204


def test_a_new_status_with_a_new_cadence_is_news():
    assert cadence_only("queued.0.0.p100", "queued.0.0.p250")
    assert not cadence_only("queued.0.0.p100", "running.1.0.p250")
    assert not cadence_only("queued.0.0.p100", "passed.1.0")  # a final version has no cadence
    assert not cadence_only("", "queued.0.0.p100")  # the first poll: the page shows nothing yet


def test_a_final_version_carries_no_cadence(alice, matmul):
    submission = queued(alice, matmul, status=Status.PASSED, score=1.0)
    assert status_version(submission) == "passed.0.0"
