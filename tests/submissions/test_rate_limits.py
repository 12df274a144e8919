"""Per-learner submission limits (SUBMISSION_RATE, SUBMISSION_MAX_PENDING): enforced in the
submit service, so the page, the upload, the API and the CLI all refuse alike, store nothing
past the limit and say when to try again."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from submissions import services
from submissions.limits import parse_rate, wait_text
from submissions.models import Status, Submission
from tests.api.conftest import token_client
from tests.cli.conftest import BACKPROP, Cli
from tests.factories import CORRECT, attempt

FILES = {"solution.py": CORRECT}


def graded(user, exercise, *, seconds_ago: float, n: int = 1) -> None:
    """`n` finished attempts made `seconds_ago`: they count towards the rate, not the queue."""
    for _ in range(n):
        attempt(user, exercise, created_at=timezone.now() - timedelta(seconds=seconds_ago))


def waiting(user, exercise, n: int, **fields) -> None:
    for _ in range(n):
        Submission.objects.create(user=user, exercise=exercise, files=FILES, seed=1, **fields)


# --- The service -----------------------------------------------------------------------------


def test_the_defaults_are_six_a_minute_and_three_waiting(settings):
    assert parse_rate(settings.SUBMISSION_RATE) == (6, 60)
    assert settings.SUBMISSION_MAX_PENDING == 3


def test_the_rate_is_written_like_the_api_throttle_rates(settings):
    """One format for both: DRF's own parser reads the submission rate the same way."""
    drf = SimpleRateThrottle.parse_rate
    for rate in (settings.SUBMISSION_RATE, "10/hour", "2/s", "100/day"):
        assert parse_rate(rate) == drf(None, rate)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not a rate"):
        parse_rate("six a minute")


def test_the_seventh_submission_in_a_minute_is_refused_and_not_stored(alice, matmul, enqueued):
    graded(alice, matmul, seconds_ago=20, n=6)
    with pytest.raises(services.SubmissionThrottled) as refused:
        services.submission_create(user=alice, exercise=matmul, files=FILES)
    assert "limit of 6 submissions per minute" in str(refused.value)
    assert refused.value.retry_after == pytest.approx(40, abs=2)
    assert f"Try again in {wait_text(refused.value.retry_after)}." in str(refused.value)
    assert Submission.objects.count() == 6 and enqueued == []


def test_the_wait_is_until_the_oldest_submission_leaves_the_window(alice, matmul, enqueued):
    graded(alice, matmul, seconds_ago=55)
    graded(alice, matmul, seconds_ago=5, n=5)
    with pytest.raises(services.SubmissionThrottled) as refused:
        services.submission_create(user=alice, exercise=matmul, files=FILES)
    assert 1 <= refused.value.retry_after <= 6


def test_submissions_older_than_the_window_do_not_count(alice, matmul, enqueued):
    graded(alice, matmul, seconds_ago=61, n=6)
    graded(alice, matmul, seconds_ago=10, n=5)
    services.submission_create(user=alice, exercise=matmul, files=FILES)
    assert Submission.objects.count() == 12


def test_a_fourth_waiting_submission_is_refused(alice, matmul, enqueued):
    waiting(alice, matmul, 2)  # queued
    waiting(alice, matmul, 1, status=Status.RUNNING)
    with pytest.raises(services.SubmissionThrottled) as refused:
        services.submission_create(user=alice, exercise=matmul, files=FILES)
    assert (
        "You have 3 submissions waiting to be graded, the most that can wait at once (3)."
        in str(refused.value)
    )
    assert refused.value.retry_after == services.PENDING_RETRY_SECONDS
    assert Submission.objects.count() == 3 and enqueued == []


def test_an_error_the_platform_will_retry_is_still_waiting(alice, matmul, enqueued):
    waiting(alice, matmul, 2)
    waiting(alice, matmul, 1, status=Status.ERROR, retry_at=timezone.now())
    with pytest.raises(services.SubmissionThrottled):
        services.submission_create(user=alice, exercise=matmul, files=FILES)


def test_finished_attempts_free_the_queue(alice, matmul, enqueued):
    waiting(alice, matmul, 2)
    waiting(alice, matmul, 1, status=Status.ERROR)  # final: no retry promised
    services.submission_create(user=alice, exercise=matmul, files=FILES)
    assert Submission.objects.filter(status=Status.QUEUED).count() == 3


def test_another_learners_submissions_do_not_count(alice, charlie, matmul, enqueued):
    waiting(charlie, matmul, 3)
    graded(charlie, matmul, seconds_ago=5, n=6)
    services.submission_create(user=alice, exercise=matmul, files=FILES)
    assert Submission.objects.filter(user=alice).count() == 1


def test_the_numbers_are_settings(settings, alice, matmul, enqueued):
    settings.SUBMISSION_RATE = "2/hour"
    settings.SUBMISSION_MAX_PENDING = 10
    graded(alice, matmul, seconds_ago=30 * 60, n=2)
    with pytest.raises(services.SubmissionThrottled) as refused:
        services.submission_create(user=alice, exercise=matmul, files=FILES)
    assert "limit of 2 submissions per hour" in str(refused.value)
    assert "Try again in 30 minutes." in str(refused.value)


def test_an_upload_is_refused_before_it_is_parsed(alice, matmul, enqueued):
    waiting(alice, matmul, 3)
    with pytest.raises(services.SubmissionThrottled):  # not "not a zip file": never opened
        services.submission_upload(
            user=alice, exercise=matmul, filename="work.zip", data=b"not a zip"
        )
    assert Submission.objects.count() == 3


def test_a_gradable_check_comes_first(alice, matmul, enqueued):
    """Empty code is a 422 to fix, whatever the limits say; the limit is no excuse to hide it."""
    waiting(alice, matmul, 3)
    with pytest.raises(services.SubmissionRejected) as refused:
        services.submission_create(user=alice, exercise=matmul, files={"solution.py": " "})
    assert not isinstance(refused.value, services.SubmissionThrottled)


@pytest.mark.skipif(
    not connection.vendor == "postgresql", reason="row locks: PostgreSQL (CI's database)"
)
@pytest.mark.django_db(transaction=True)
def test_submits_at_the_same_moment_never_pass_the_cap_together(settings, alice, matmul, enqueued):
    settings.SUBMISSION_MAX_PENDING = 1
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def submit() -> None:
        try:
            barrier.wait()
            services.submission_create(user=alice, exercise=matmul, files=FILES)
            outcomes.append("stored")
        except services.SubmissionThrottled:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "refused", "refused", "stored"]
    assert Submission.objects.count() == 1


# --- The exercise page -----------------------------------------------------------------------


def test_the_editor_result_area_says_the_limit_and_when_to_retry(as_alice, alice, matmul, enqueued):
    graded(alice, matmul, seconds_ago=30, n=6)
    response = as_alice.post(
        reverse("submissions:submit", args=[matmul.slug]), {"code": CORRECT}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 429
    assert 25 <= int(response["Retry-After"]) <= 31
    page = response.content.decode()
    assert "Not submitted" in page and "limit of 6 submissions per minute" in page
    assert "Your code is still in the editor" in page
    assert 'id="result-summary" hx-swap-oob' in page  # the live summary says it too
    assert Submission.objects.count() == 6


def test_the_exercise_page_lets_htmx_swap_a_429_into_the_result_area(as_alice, matmul):
    page = as_alice.get(reverse("submissions:exercise", args=[matmul.slug])).content.decode()
    assert '"41[13]|422|429", "swap": true, "error": false' in page


def test_without_htmx_the_page_comes_back_with_the_message(as_alice, alice, matmul, enqueued):
    waiting(alice, matmul, 3)
    response = as_alice.post(reverse("submissions:submit", args=[matmul.slug]), {"code": CORRECT})
    assert response.status_code == 429 and response["Retry-After"] == "10"
    assert "submissions waiting to be graded" in response.content.decode()
    assert CORRECT.splitlines()[0] in response.content.decode()  # the code stays in the editor
    assert Submission.objects.count() == 3


def test_an_upload_over_the_cap_says_so(as_alice, alice, matmul, enqueued):
    from django.core.files.uploadedfile import SimpleUploadedFile

    waiting(alice, matmul, 3)
    upload = SimpleUploadedFile("solution.py", CORRECT.encode())
    response = as_alice.post(
        reverse("submissions:upload", args=[matmul.slug]),
        {"upload": upload},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 429 and response["Retry-After"] == "10"
    assert "submissions waiting to be graded" in response.content.decode()
    assert Submission.objects.count() == 3


# --- The API ---------------------------------------------------------------------------------


@pytest.fixture
def alice_api(alice):
    return token_client(alice)


def test_the_api_answers_429_problem_with_retry_after(alice_api, alice, matmul, enqueued):
    graded(alice, matmul, seconds_ago=50, n=6)
    response = alice_api.post(
        reverse("api:submit", args=[matmul.slug]), {"code": CORRECT}, format="json"
    )
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "throttled" and body["status"] == 429  # as the API's throttles say
    assert body["detail"].startswith("You have reached the limit of 6 submissions per minute.")
    assert "Expected available" not in body["detail"]
    assert 5 <= int(response["Retry-After"]) <= 11
    assert Submission.objects.count() == 6


def test_an_api_upload_over_the_cap_is_refused_too(alice_api, alice, matmul, enqueued):
    from django.core.files.uploadedfile import SimpleUploadedFile

    waiting(alice, matmul, 3)
    upload = SimpleUploadedFile("solution.py", CORRECT.encode())
    response = alice_api.post(
        reverse("api:submit", args=[matmul.slug]), {"file": upload}, format="multipart"
    )
    assert response.status_code == 429 and response["Retry-After"] == "10"
    assert "submissions waiting" in response.json()["detail"]
    assert Submission.objects.count() == 3


# --- The CLI ---------------------------------------------------------------------------------


def test_the_cli_prints_the_limit(live_server, tmp_path, alice, matmul, enqueued):
    import os

    from accounts.services import api_token_regenerate

    assert BACKPROP.exists()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("BACKPROP_")},
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "COLUMNS": "250",
        "NO_COLOR": "1",
    }
    (tmp_path / "work").mkdir()
    cli = Cli(env, tmp_path / "work")
    assert cli("configure", "--url", live_server.url, "--token", api_token_regenerate(user=alice))
    cli("download", matmul.slug)
    waiting(alice, matmul, 3)
    result = cli("submit", cwd=cli.cwd / matmul.slug)
    assert result.returncode == 2, result.stdout + result.stderr
    assert (
        "You have 3 submissions waiting to be graded, the most that can wait at once (3)."
        in result.stderr
    )
    assert Submission.objects.count() == 3
