"""The status lifecycle: compare-and-set transitions, redelivery, the sweep."""

from datetime import timedelta

import pytest
from django.utils import timezone

from submissions.models import Status, Submission
from worker import lifecycle, sweep


@pytest.fixture
def queued(alice, matmul):
    return Submission.objects.create(
        user=alice, exercise=matmul, files={"solution.py": "x = 1"}, seed=7
    )


def test_a_new_submission_is_queued(queued):
    assert queued.status == Status.QUEUED
    assert not queued.is_terminal


def test_claim_moves_queued_to_running_and_counts_the_attempt(queued):
    claimed = lifecycle.claim(queued.pk)
    assert claimed.status == Status.RUNNING
    assert claimed.attempts == 1
    assert claimed.lease_expires_at > timezone.now()


def test_a_second_delivery_cannot_claim_a_running_submission(queued):
    assert lifecycle.claim(queued.pk) is not None
    assert lifecycle.claim(queued.pk) is None


def test_finish_records_once_and_a_redelivered_task_does_nothing(queued):
    claimed = lifecycle.claim(queued.pk)
    assert lifecycle.finish(claimed, status=Status.PASSED, score=1.0, result={"checks": []})
    assert not lifecycle.finish(claimed, status=Status.FAILED, score=0.0)
    assert lifecycle.claim(queued.pk) is None
    queued.refresh_from_db()
    assert (queued.status, queued.score) == (Status.PASSED, 1.0)


@pytest.mark.parametrize(
    "terminal", [Status.PASSED, Status.FAILED, Status.ERROR, Status.TIMED_OUT, Status.REJECTED]
)
def test_every_terminal_status_is_terminal(queued, terminal):
    claimed = lifecycle.claim(queued.pk)
    lifecycle.finish(claimed, status=terminal)
    queued.refresh_from_db()
    assert queued.is_terminal


def test_an_old_attempt_cannot_overwrite_a_newer_one(queued):
    first = lifecycle.claim(queued.pk)
    Submission.objects.filter(pk=queued.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    second = lifecycle.claim(queued.pk)
    assert second.attempts == 2
    assert not lifecycle.finish(first, status=Status.FAILED)
    assert lifecycle.finish(second, status=Status.PASSED)


def test_release_puts_it_back_in_the_queue_with_a_message(queued):
    claimed = lifecycle.claim(queued.pk)
    assert lifecycle.release(claimed, message="Grading is unavailable")
    queued.refresh_from_db()
    assert queued.status == Status.QUEUED
    assert "unavailable" in queued.message


def test_sweep_requeues_stale_queued_rows(queued, settings, monkeypatch):
    sent = []
    monkeypatch.setattr("submissions.grading_queue.enqueue", lambda s: sent.append(s.pk) or True)
    Submission.objects.filter(pk=queued.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )
    assert sweep.sweep() == {"requeued": 1, "given_up": 0}
    assert sent == [queued.pk]


def test_sweep_leaves_fresh_queued_rows_alone(queued, monkeypatch):
    monkeypatch.setattr(
        "submissions.grading_queue.enqueue", lambda s: pytest.fail("must not enqueue")
    )
    assert sweep.sweep() == {"requeued": 0, "given_up": 0}


def test_sweep_requeues_running_rows_whose_lease_expired(queued, monkeypatch):
    monkeypatch.setattr("submissions.grading_queue.enqueue", lambda s: True)
    lifecycle.claim(queued.pk)
    Submission.objects.filter(pk=queued.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert sweep.sweep()["requeued"] == 1
    queued.refresh_from_db()
    assert queued.status == Status.QUEUED


def test_sweep_gives_up_after_the_maximum_attempts(queued, settings, monkeypatch):
    monkeypatch.setattr("submissions.grading_queue.enqueue", lambda s: True)
    settings.GRADING_MAX_ATTEMPTS = 2
    Submission.objects.filter(pk=queued.pk).update(
        status=Status.RUNNING, attempts=2, lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert sweep.sweep()["given_up"] == 1
    queued.refresh_from_db()
    assert queued.status == Status.ERROR
    assert "gave up" in queued.message


# --- The platform failed (no Docker engine): `error` with a retry, not terminal yet ----------


def test_defer_ends_the_attempt_in_error_with_a_retry_time_and_it_is_not_final(queued):
    claimed = lifecycle.claim(queued.pk)
    assert lifecycle.defer(
        claimed,
        message="Grading is unavailable right now; we will retry automatically.",
        retry_in=30,
    )
    queued.refresh_from_db()
    assert queued.status == Status.ERROR
    assert queued.retry_at > timezone.now()
    assert not queued.is_terminal
    assert lifecycle.claim(queued.pk) is None  # not due yet


def test_a_due_retry_is_claimed_once_and_its_result_is_final(queued):
    first = lifecycle.claim(queued.pk)
    lifecycle.defer(first, message="unavailable", retry_in=0)
    second = lifecycle.claim(queued.pk)
    assert (second.status, second.attempts, second.retry_at) == (Status.RUNNING, 2, None)
    assert lifecycle.claim(queued.pk) is None
    assert not lifecycle.finish(first, status=Status.FAILED)
    assert lifecycle.finish(second, status=Status.PASSED, score=1.0)
    queued.refresh_from_db()
    assert queued.is_terminal and queued.retry_at is None


def test_retry_delay_backs_off_up_to_the_cap(settings):
    settings.GRADING_RETRY_BASE_SECONDS, settings.GRADING_RETRY_MAX_SECONDS = 5, 60
    assert [lifecycle.retry_delay(n) for n in range(1, 7)] == [5, 10, 20, 40, 60, 60]


def test_the_pipeline_defers_when_the_sandbox_is_unavailable(queued, monkeypatch):
    from sandbox.result import SandboxUnavailable
    from worker import pipeline

    def no_engine(submission, **_):
        raise SandboxUnavailable("the Docker engine does not answer")

    monkeypatch.setattr(pipeline, "_grade", no_engine)
    with pytest.raises(pipeline.RetryLater) as raised:
        pipeline.grade_submission(queued.pk)
    queued.refresh_from_db()
    assert queued.status == Status.ERROR
    assert "grading is unavailable" in queued.message.lower() and "we will retry" in queued.message
    assert raised.value.countdown == lifecycle.retry_delay(1)
    assert queued.retry_at is not None


def test_the_pipeline_gives_up_when_the_sandbox_stays_unavailable(queued, monkeypatch, settings):
    from sandbox.result import SandboxUnavailable
    from worker import pipeline

    settings.GRADING_MAX_ATTEMPTS = 2
    monkeypatch.setattr(
        pipeline, "_grade", lambda s, **_: (_ for _ in ()).throw(SandboxUnavailable("down"))
    )
    with pytest.raises(pipeline.RetryLater):
        pipeline.grade_submission(queued.pk)
    Submission.objects.filter(pk=queued.pk).update(retry_at=timezone.now())
    assert pipeline.grade_submission(queued.pk) == Status.ERROR
    queued.refresh_from_db()
    assert queued.is_terminal and "gave up" in queued.message


def test_a_redelivered_task_for_a_finished_submission_does_nothing(queued, monkeypatch):
    from worker import pipeline

    monkeypatch.setattr(pipeline, "_grade", lambda s, **_: (Status.PASSED, 1.0, {"checks": []}, ""))
    assert pipeline.grade_submission(queued.pk) == Status.PASSED
    assert pipeline.grade_submission(queued.pk) == "skipped"
    queued.refresh_from_db()
    assert queued.attempts == 1


def test_sweep_re_enqueues_an_overdue_retry(queued, monkeypatch):
    sent = []
    monkeypatch.setattr("submissions.grading_queue.enqueue", lambda s: sent.append(s.pk) or True)
    lifecycle.defer(lifecycle.claim(queued.pk), message="unavailable", retry_in=0)
    Submission.objects.filter(pk=queued.pk).update(retry_at=timezone.now() - timedelta(minutes=10))
    assert sweep.sweep()["requeued"] == 1
    assert sent == [queued.pk]
    assert lifecycle.claim(queued.pk).attempts == 2


def test_sweep_leaves_a_retry_that_is_not_overdue_to_its_task(queued, monkeypatch):
    monkeypatch.setattr(
        "submissions.grading_queue.enqueue", lambda s: pytest.fail("must not enqueue")
    )
    lifecycle.defer(lifecycle.claim(queued.pk), message="unavailable", retry_in=5)
    assert sweep.sweep()["requeued"] == 0


def test_an_unexpected_error_is_ours_and_retried_not_left_running(queued, monkeypatch):
    from worker import pipeline

    def bug(submission, **_):
        raise KeyError("a bug in the grader")

    monkeypatch.setattr(pipeline, "_grade", bug)
    with pytest.raises(pipeline.RetryLater):
        pipeline.grade_submission(queued.pk)
    queued.refresh_from_db()
    assert queued.status == Status.ERROR and queued.retry_at is not None
    assert "on our side" in queued.message and "we will retry" in queued.message


def test_a_gpu_submission_waits_visibly_for_a_gpu_worker(client, alice, matmul):
    matmul.device = "gpu"
    matmul.save()
    submission = Submission.objects.create(
        user=alice, exercise=matmul, files={"solution.py": "x = 1"}, seed=3
    )
    client.force_login(alice)
    page = client.get(f"/submissions/{submission.pk}/status/").content.decode()
    assert "Waiting for a GPU worker" in page
    assert submission.exercise.queue == "grading-gpu"


# --- The named transitions the sweep, the retry and the regrade go through ---------------------


def _expire_lease(submission):
    Submission.objects.filter(pk=submission.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )


def test_requeue_expired_moves_a_dead_attempt_back_to_queued_once(queued):
    claimed = lifecycle.claim(queued.pk)
    _expire_lease(claimed)
    now = timezone.now()
    assert lifecycle.requeue_expired(claimed, now=now)
    assert not lifecycle.requeue_expired(claimed, now=now)
    queued.refresh_from_db()
    assert (queued.status, queued.enqueued_at, queued.lease_expires_at) == (
        Status.QUEUED,
        now,
        None,
    )


def test_requeue_expired_leaves_a_live_lease_and_a_newer_attempt_alone(queued):
    first = lifecycle.claim(queued.pk)
    assert not lifecycle.requeue_expired(first, now=timezone.now())  # its lease still runs
    _expire_lease(first)
    second = lifecycle.claim(queued.pk)
    _expire_lease(second)
    assert not lifecycle.requeue_expired(first, now=timezone.now())  # read before the new claim
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Status.RUNNING, 2)


def test_give_up_expired_ends_the_last_attempt_in_a_final_error(queued):
    claimed = lifecycle.claim(queued.pk)
    _expire_lease(claimed)
    assert lifecycle.give_up_expired(claimed, now=timezone.now(), message="we gave up")
    queued.refresh_from_db()
    assert (queued.status, queued.message, queued.lease_expires_at) == (
        Status.ERROR,
        "we gave up",
        None,
    )
    assert queued.is_terminal and queued.finished_at is not None


def test_give_up_expired_leaves_a_row_claimed_again_since_it_was_read(queued):
    first = lifecycle.claim(queued.pk)
    _expire_lease(first)
    lifecycle.claim(queued.pk)
    assert not lifecycle.give_up_expired(first, now=timezone.now(), message="we gave up")
    queued.refresh_from_db()
    assert queued.status == Status.RUNNING


def test_touch_stale_queued_applies_once_for_the_row_as_read(queued):
    now = timezone.now()
    assert lifecycle.touch_stale_queued(queued, now=now)
    assert not lifecycle.touch_stale_queued(queued, now=now)  # a second sweep read the same row
    queued.refresh_from_db()
    assert (queued.status, queued.enqueued_at) == (Status.QUEUED, now)
    claimed = lifecycle.claim(queued.pk)
    assert not lifecycle.touch_stale_queued(claimed, now=timezone.now())  # running now


def test_touch_overdue_retry_makes_it_due_now_once(queued):
    deferred = lifecycle.claim(queued.pk)
    lifecycle.defer(deferred, message="unavailable", retry_in=0)
    queued.refresh_from_db()
    now = timezone.now()
    assert lifecycle.touch_overdue_retry(queued, now=now)
    assert not lifecycle.touch_overdue_retry(queued, now=now)  # its retry_at changed
    stale = Submission.objects.get(pk=queued.pk)
    assert (stale.status, stale.retry_at) == (Status.ERROR, now)
    lifecycle.claim(queued.pk)
    assert not lifecycle.touch_overdue_retry(stale, now=timezone.now())  # claimed meanwhile


def test_defer_or_give_up_defers_with_backoff_until_the_last_attempt(queued, settings):
    settings.GRADING_MAX_ATTEMPTS = 2
    first = lifecycle.claim(queued.pk)
    countdown = lifecycle.defer_or_give_up(first, message="unavailable", final_message="gave up")
    assert countdown == lifecycle.retry_delay(1)
    queued.refresh_from_db()
    assert (queued.status, queued.message) == (Status.ERROR, "unavailable")
    assert queued.retry_at is not None and not queued.is_terminal
    Submission.objects.filter(pk=queued.pk).update(retry_at=timezone.now())
    second = lifecycle.claim(queued.pk)
    assert (
        lifecycle.defer_or_give_up(second, message="unavailable", final_message="gave up") is None
    )
    queued.refresh_from_db()
    assert (queued.status, queued.message, queued.retry_at) == (Status.ERROR, "gave up", None)
    assert queued.is_terminal


def _finished(queued, status=Status.FAILED, score=0.2):
    lifecycle.finish(lifecycle.claim(queued.pk), status=status, score=score)
    return Submission.objects.get(pk=queued.pk)


def _record_regrade(submission, expected_status):
    return lifecycle.record_regrade(
        submission,
        expected_status=expected_status,
        status=Status.PASSED,
        score=1.0,
        result={"status": "pass"},
        message="",
        package_hash="new",
    )


def test_record_regrade_writes_the_new_result_over_the_row_as_read(queued):
    finished = _finished(queued)
    assert _record_regrade(finished, Status.FAILED)
    queued.refresh_from_db()
    assert (queued.status, queued.score, queued.package_hash) == (Status.PASSED, 1.0, "new")
    assert queued.result == {"status": "pass"}


def test_record_regrade_leaves_a_row_whose_status_changed_meanwhile(queued):
    finished = _finished(queued)
    Submission.objects.filter(pk=queued.pk).update(status=Status.TIMED_OUT)
    assert not _record_regrade(finished, Status.FAILED)
    queued.refresh_from_db()
    assert (queued.status, queued.score, queued.package_hash) == (Status.TIMED_OUT, 0.2, "")


def test_record_regrade_leaves_a_row_graded_again_or_waiting_for_a_retry(queued):
    finished = _finished(queued, status=Status.ERROR, score=None)
    Submission.objects.filter(pk=queued.pk).update(attempts=finished.attempts + 1)
    assert not _record_regrade(finished, Status.ERROR)  # another attempt since the read
    Submission.objects.filter(pk=queued.pk).update(
        attempts=finished.attempts, retry_at=timezone.now()
    )
    assert not _record_regrade(finished, Status.ERROR)  # a retry is promised: not finished
    queued.refresh_from_db()
    assert (queued.status, queued.score) == (Status.ERROR, None)


def test_record_regrade_never_touches_a_queued_or_running_row(queued):
    assert not _record_regrade(queued, Status.QUEUED)
    claimed = lifecycle.claim(queued.pk)
    assert not _record_regrade(claimed, Status.RUNNING)
    queued.refresh_from_db()
    assert (queued.status, queued.score) == (Status.RUNNING, None)


def test_the_stored_result_is_what_the_notification_tells_without_reading_the_row_again(
    queued, monkeypatch, django_assert_num_queries
):
    """finish() updates the worker's instance, so the notification needs no second SELECT."""
    from notifications.models import Notification
    from worker import pipeline

    monkeypatch.setattr(
        pipeline, "_grade", lambda s, **_: (Status.FAILED, 0.25, {"checks": []}, "not yet")
    )
    # claim: UPDATE, SELECT, the learner's page-cache token; then (a savepoint only because the
    # test runs in a transaction) finish's UPDATE and token, the notification's INSERT and token
    with django_assert_num_queries(9):
        assert pipeline.grade_submission(queued.pk) == Status.FAILED
    note = Notification.objects.get()
    assert (
        note.text
        == f"Attempt #{queued.pk} at {queued.exercise.title} did not pass yet (score 0.25)."
    )
