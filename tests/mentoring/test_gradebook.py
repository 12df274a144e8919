"""Gradebook: best score and status per learner × exercise, the CSV, the learner report."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring import gradebook
from mentoring.models import Cohort
from tests.factories import attempt, make_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(matmul, bob, alice, charlie):
    cohort = Cohort.objects.create(
        name="Spring", path=make_path(matmul), starts_on=timezone.localdate()
    )
    cohort.mentors.add(bob)
    cohort.learners.add(alice, charlie)
    return cohort


def test_best_score_and_status(cohort, alice, charlie, matmul, django_assert_max_num_queries):
    attempt(alice, matmul, status="failed", score=0.4)
    attempt(alice, matmul, status="passed", score=1.0)
    attempt(alice, matmul, status="failed", score=0.7)
    with django_assert_max_num_queries(3):
        book = gradebook.gradebook(cohort.path, [alice, charlie])
    rows = dict(book.rows())
    assert (rows[alice][0].best, rows[alice][0].attempts, rows[alice][0].status) == (
        1.0,
        3,
        "passed",
    )
    assert rows[charlie][0].status == "not started" and rows[charlie][0].best is None


def test_the_csv_export(client, cohort, bob, alice, matmul):
    attempt(alice, matmul, status="failed", score=0.25)
    client.force_login(bob)
    response = client.get(reverse("mentoring:cohort-gradebook", args=[cohort.pk]) + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    slug = matmul.slug
    assert rows[0] == [
        "username",
        "name",
        "email",
        f"{slug} best",
        f"{slug} status",
        f"{slug} attempts",
        f"{slug} approved",
    ]
    assert rows[1] == ["alice", "alice", "alice@example.com", "0.25", "attempted", "1", "no"]
    assert rows[2] == ["charlie", "charlie", "charlie@example.com", "", "not started", "0", "no"]


def test_the_csv_carries_the_attempts_and_approvals_the_page_shows(
    client, cohort, bob, alice, matmul
):
    """Issue 12: the page showed '· 2× · approved', the CSV only best and status."""
    from mentoring.models import Review
    from tests.factories import request_review

    attempt(alice, matmul, status="failed", score=0.5)
    review_request = request_review(alice, matmul, status="passed", score=1.0)
    Review.objects.create(
        request=review_request,
        mentor=bob,
        claimed_at=timezone.now(),
        verdict=Review.Verdict.APPROVED,
        decided_at=timezone.now(),
    )
    client.force_login(bob)
    url = reverse("mentoring:cohort-gradebook", args=[cohort.pk])
    page = client.get(url).content.decode()
    assert "2×" in page and "approved" in page
    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode())))
    alice_row = dict(zip(rows[0], rows[1], strict=True))
    assert alice_row[f"{matmul.slug} attempts"] == "2"
    assert alice_row[f"{matmul.slug} approved"] == "yes"
    assert alice_row[f"{matmul.slug} status"] == "passed"


def test_the_html_gradebook_and_the_learner_report(client, cohort, bob, alice, matmul):
    passed = attempt(alice, matmul, status="passed", score=1.0)
    client.force_login(bob)
    page = client.get(reverse("mentoring:cohort-gradebook", args=[cohort.pk])).content.decode()
    assert "1.00" in page and "passed" in page
    report = client.get(reverse("mentoring:learner-report", args=[alice.pk])).content.decode()
    assert f"#{passed.pk}" in report and "Passed" in report


def test_the_path_gradebook_lists_enrolled_learners(client, admin_user, alice, matmul):
    from learning.models import Enrollment

    path = make_path(matmul)
    Enrollment.objects.create(
        user=alice, path=path, started_on=timezone.localdate(), weekly_hours=5
    )
    client.force_login(admin_user)
    page = client.get(reverse("mentoring:path-gradebook", args=[path.slug])).content.decode()
    assert "alice" in page and "not started" in page
