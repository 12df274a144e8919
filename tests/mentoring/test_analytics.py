"""Analytics: pass rates, attempts and time to pass, failed checks, drop-off, waits, grading health."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from curriculum.models import Path, Topic
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


def test_the_page_sends_its_charts_as_json_for_the_chart_script(client, admin_user, alice, matmul):
    make_path(matmul)
    attempt(alice, matmul, status="passed", score=1.0)
    client.force_login(admin_user)
    html = client.get(reverse("mentoring:analytics")).content.decode()
    assert "<svg" not in html and html.count('<figure class="chart-figure chart-bar"') == 2
    specs = [
        json.loads(body)
        for body in re.findall(
            r'<script id="chart-[0-9a-f]+" type="application/json">(.*?)</script>', html
        )
    ]
    assert specs[0]["series"][0]["texts"] == ["100% of 1 learner"] and specs[0]["y"]["percent"]
    assert specs[1]["x"]["names"] == ["Week 1: Week 1 topic", "Week 2: Week 2 topic"]
    main = html.split("<main")[1]
    scripts = re.findall(r"<script[^>]*>", main)
    assert scripts and all('type="application/json"' in t or " src=" in t for t in scripts)


def test_drop_off_defaults_to_the_path_with_most_enrolments(client, admin_user, alice, charlie):
    empty = make_path(slug="a-empty")  # first by title order, nobody enrolled
    busy = make_path(slug="b-busy")
    Path.objects.filter(pk=empty.pk).update(title="A path nobody takes")
    Path.objects.filter(pk=busy.pk).update(title="Busy path")
    for user in (alice, charlie):
        Enrollment.objects.create(
            user=user, path=busy, started_on=timezone.localdate(), weekly_hours=5
        )
    assert analytics.busiest_path([empty, busy]) == busy
    assert analytics.busiest_path([]) is None
    client.force_login(admin_user)
    response = client.get(reverse("mentoring:analytics"))
    assert response.context["chosen"] == busy and response.context["enrolled"] == 2
    chosen = client.get(reverse("mentoring:analytics"), {"path": empty.slug}).context["chosen"]
    assert chosen == empty


def test_busiest_path_breaks_ties_by_the_given_order(alice):
    first, second = make_path(slug="first"), make_path(slug="second")
    assert analytics.busiest_path([first, second]) == first
    Enrollment.objects.create(
        user=alice, path=second, started_on=timezone.localdate(), weekly_hours=5
    )
    assert analytics.busiest_path([first, second]) == second
