"""Nothing is lost, against real processes: a Celery worker subprocess, a Redis server of our
own (never the shared one: it is stopped and started here), the Docker engine, PostgreSQL.

* the worker is SIGKILLed mid-grade → the lease expires, the sweep re-enqueues, a new worker
  grades it: terminal exactly once (two attempts, one result, one notification);
* Redis is down while the learner submits → the row stays `queued`, graded once Redis is back;
* the Docker engine is unreachable for the worker → `error` "grading is unavailable, we will
  retry" (not final), graded once a worker with an engine takes the retry.
"""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from notifications.models import Notification
from submissions.models import Status, Submission
from tests.integration.conftest import submit, sweep_until_terminal, wait_until

pytestmark = [pytest.mark.docker, pytest.mark.integration, pytest.mark.timeout(300)]


def graded_notifications(submission: Submission) -> int:
    return Notification.objects.filter(
        user=submission.user, url=submission.get_absolute_url()
    ).count()


def _sandbox_containers_of(submission: Submission):
    import docker

    client = docker.from_env(timeout=30)
    return client.containers.list(
        all=True, filters={"label": f"backprop.submission={submission.pk}"}
    )


def test_a_worker_killed_mid_grade_loses_nothing_and_records_once(
    client, alice, matmul, workers, grading
):
    first = workers.start("doomed")
    submission = submit(client, alice, matmul)
    wait_until(lambda: _sandbox_containers_of(submission), 60, "the learner's container to start")
    submission.refresh_from_db()
    assert submission.status == Status.RUNNING and submission.attempts == 1
    workers.kill(first)

    workers.start("rescuer")
    submission = sweep_until_terminal(submission)
    assert submission.status == Status.PASSED, (submission.message, workers.logs())
    assert submission.attempts == 2
    assert graded_notifications(submission) == 1

    # A late redelivery of the killed worker's task finds a final row and records nothing.
    from config.celery import app

    app.send_task("worker.tasks.grade_submission", args=[submission.pk], queue="grading-cpu")
    wait_until(
        lambda: "skipped" in workers.procs[-1].log_path.read_text(),
        30,
        "the redelivery to be skipped",
    )
    submission.refresh_from_db()
    assert (submission.status, submission.attempts) == (Status.PASSED, 2)
    assert graded_notifications(submission) == 1
    for container in _sandbox_containers_of(submission):
        container.remove(force=True)  # the killed worker's orphan (the reaper's job, by deadline)


def test_a_submission_made_while_redis_is_down_is_kept_and_graded_later(
    client, alice, matmul, workers, grading
):
    workers.start("patient")
    workers.redis.stop()
    started = time.monotonic()
    submission = submit(client, alice, matmul)
    assert time.monotonic() - started < 10, "the learner must not wait for the broker"
    submission.refresh_from_db()
    assert submission.status == Status.QUEUED
    time.sleep(2)
    submission.refresh_from_db()
    assert submission.status == Status.QUEUED

    workers.redis.start()
    submission = sweep_until_terminal(submission)
    assert submission.status == Status.PASSED, (submission.message, workers.logs())
    assert submission.attempts == 1
    assert graded_notifications(submission) == 1


def test_without_a_docker_engine_it_errors_with_a_promise_and_is_retried(
    client, alice, matmul, workers, grading
):
    blind = workers.start("blind", DOCKER_HOST="unix:///tmp/no-such-docker.sock")
    submission = submit(client, alice, matmul)

    def deferred():
        submission.refresh_from_db()
        return submission.status == Status.ERROR and submission.retry_at is not None

    wait_until(deferred, 60, "the submission to be deferred")
    assert "grading is unavailable" in submission.message.lower()
    assert "we will retry" in submission.message
    assert not submission.is_terminal
    status = client.get(
        reverse("submissions:submission-status", args=[submission.pk]), HTTP_HX_REQUEST="true"
    )
    assert status.status_code == 200  # still polling (286 would stop it)
    assert "we will retry" in status.content.decode()
    workers.stop(blind)

    workers.start("sighted")
    submission = sweep_until_terminal(submission)
    assert submission.status == Status.PASSED, (submission.message, workers.logs())
    assert submission.retry_at is None
    assert submission.attempts >= 2
    assert graded_notifications(submission) == 1
