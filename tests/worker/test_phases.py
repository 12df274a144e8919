"""Every phase of a grade is timed and kept: the moments on the row, durations, p50 / p95."""

from __future__ import annotations

import time
from datetime import timedelta

from django.utils import timezone

from sandbox.result import RunResult
from submissions import services
from submissions.models import Submission
from submissions.phases import (
    MOMENTS,
    durations,
    moments,
    percentile,
    phase_stats,
    recent_phase_stats,
)
from tests.worker.test_hostile_results import SOURCE, FakeSandbox, graded_with_retries
from worker import pipeline


class TimedSandbox(FakeSandbox):
    """A learner run that reports when its container started and its code finished."""

    def __call__(self, package, files, *, plan, seed, labels):
        run: RunResult = super().__call__(package, files, plan=plan, seed=seed, labels=labels)
        started = time.time()
        time.sleep(0.26)
        run.phases = {"container_started": started, "code_finished": started + 0.25}
        return run


def test_a_graded_submission_keeps_every_moment_in_order(matmul, alice, settings, monkeypatch):
    sandbox = TimedSandbox({})
    monkeypatch.setattr(pipeline, "run_files", sandbox)
    monkeypatch.setattr("worker.reference.run_files", sandbox)
    submission = services.submission_create(
        user=alice, exercise=matmul, files={"solution.py": SOURCE}
    )
    submission = graded_with_retries(submission, settings)

    seen = moments(submission)
    assert list(seen) == list(MOMENTS), seen
    assert seen["received"] <= seen["judged"] <= seen["stored"]
    assert seen["container_started"] < seen["code_finished"] <= seen["judged"]
    took = durations(seen)
    assert took["learner code"] == 250.0
    assert took["submit to result"] >= took["learner code"]


def test_a_run_without_sandbox_phases_still_records_what_the_worker_saw(
    matmul, alice, settings, monkeypatch
):
    sandbox = FakeSandbox({})
    monkeypatch.setattr(pipeline, "run_files", sandbox)
    monkeypatch.setattr("worker.reference.run_files", sandbox)
    submission = services.submission_create(
        user=alice, exercise=matmul, files={"solution.py": SOURCE}
    )
    submission = graded_with_retries(submission, settings)
    assert set(durations(moments(submission))) == {"queue wait", "storing", "submit to result"}


def test_nearest_rank_percentiles():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile([7.0], 95) == 7.0


def test_phase_stats_over_recent_submissions_only(matmul, alice):
    now = timezone.now()
    for ms, finished in ((100, now), (300, now), (10_000, now - timedelta(days=2))):
        row = services.submission_create(user=alice, exercise=matmul, files={"solution.py": SOURCE})
        start = now.timestamp()
        Submission.objects.filter(pk=row.pk).update(
            finished_at=finished,
            timings={
                "received": start,
                "container_started": start + 0.01,
                "code_finished": start + 0.01 + ms / 1000,
            },
        )
    stats = {s.phase: s for s in recent_phase_stats(timedelta(hours=1), now=now)}
    assert stats["learner code"].count == 2
    assert (stats["learner code"].p50_ms, stats["learner code"].p95_ms) == (100.0, 300.0)
    assert phase_stats([]) == []


def test_staff_analytics_show_the_phases(client, matmul, alice, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-boss-123")
    row = services.submission_create(user=alice, exercise=matmul, files={"solution.py": SOURCE})
    start = timezone.now().timestamp()
    Submission.objects.filter(pk=row.pk).update(
        finished_at=timezone.now(),
        timings={
            "received": start,
            "container_started": start + 0.2,
            "code_finished": start + 0.45,
        },
    )
    client.force_login(admin)
    page = client.get("/staff/analytics/").content.decode()
    assert "Where grading time goes" in page
    assert "Learner code" in page and "250 ms" in page
