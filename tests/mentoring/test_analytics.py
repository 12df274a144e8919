"""Analytics: pass rates, attempts and time to pass, failed checks, drop-off, waits, grading health."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from curriculum.models import Topic
from learning.models import Enrollment, ItemProgress
from mentoring import analytics
from mentoring import reviews as mentor_reviews
from submissions.models import Submission
from tests.factories import attempt, make_path, request_review

pytestmark = pytest.mark.django_db

FAIL = [
    {"id": "shape", "name": "Shapes", "status": "fail"},
    {"id": "ok", "name": "Values", "status": "pass"},
]


def test_exercise_stats(alice, charlie, matmul):
    start = timezone.now() - timedelta(hours=10)
    attempt(alice, matmul, status="failed", checks=FAIL, created_at=start)
    attempt(alice, matmul, status="failed", checks=FAIL, created_at=start + timedelta(hours=1))
    attempt(
        alice,
        matmul,
        status="passed",
        checks=[{"name": "Shapes", "status": "pass"}],
        created_at=start + timedelta(hours=4),
    )
    attempt(charlie, matmul, status="failed", checks=FAIL, created_at=start)
    stats = analytics.exercise_stats([matmul])[0]
    assert (stats.learners, stats.passed, stats.pass_rate) == (2, 1, 0.5)
    assert stats.median_attempts == 3 and stats.median_hours_to_pass == pytest.approx(4)
    assert stats.failed_checks == [("Shapes", 3)]


def test_percentile_is_nearest_rank():
    assert analytics.percentile([], 50) is None
    assert analytics.percentile([1, 2, 3, 4], 50) == 2
    assert analytics.percentile(list(range(1, 101)), 95) == 95


def test_drop_off_counts_learners_per_week(alice, charlie, matmul):
    path = make_path(matmul)
    for user in (alice, charlie):
        Enrollment.objects.create(
            user=user, path=path, started_on=timezone.localdate(), weekly_hours=5
        )
    ItemProgress.objects.create(
        user=alice, topic=Topic.objects.get(unit__path=path, number="2.1"), self_reported=True
    )
    attempt(charlie, matmul, status="passed", score=1.0)
    enrolled, funnel = analytics.drop_off(path)
    assert enrolled == 2 and [(u.number, u.reached) for u in funnel] == [(1, 1), (2, 1)]


def test_grading_health_over_the_last_hour(alice, matmul):
    now = timezone.now()
    for seconds in (2, 4, 30):
        attempt(
            alice,
            matmul,
            created_at=now - timedelta(minutes=10),
            finished_after=timedelta(seconds=seconds),
        )
    attempt(alice, matmul, created_at=now - timedelta(hours=3))  # too old
    Submission.objects.create(user=alice, exercise=matmul, files={}, seed=1)  # queued
    health = analytics.grading_health(now)
    assert (health.queued, health.running, health.finished_last_hour) == (1, 0, 3)
    assert health.p50_seconds == pytest.approx(4) and health.p95_seconds == pytest.approx(30)


def test_review_queue_waits(alice, bob, matmul):
    waiting = request_review(alice, matmul)
    claimed = request_review(alice, matmul)
    from mentoring.models import ReviewRequest

    ReviewRequest.objects.filter(pk=claimed.pk).update(
        created_at=timezone.now() - timedelta(hours=3)
    )
    ReviewRequest.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    claimed.refresh_from_db()
    mentor_reviews.review_claim(mentor=bob, request=claimed)
    health = analytics.review_queue_health()
    assert health.waiting == 1 and health.oldest_hours == pytest.approx(2, abs=0.01)
    assert health.median_wait_hours == pytest.approx(3, abs=0.01)


def test_the_page_draws_svg_charts(client, admin_user, alice, matmul):
    make_path(matmul)
    attempt(alice, matmul, status="passed", score=1.0)
    client.force_login(admin_user)
    html = client.get(reverse("mentoring:analytics")).content.decode()
    assert html.count("<svg") == 2 and 'class="bar"' in html and "100% of 1" in html
    assert "<script" not in html.split("<main")[1]
