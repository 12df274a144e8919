"""The learner's journey through its URLs: dashboard, enrollment, leaving, ticks, continue."""

import pytest
from django.urls import reverse
from django.utils import timezone

from curriculum.models import Topic
from learning.models import Enrollment
from submissions.models import Draft
from tests.factories import make_path, passed_attempt


@pytest.fixture
def path(matmul):
    return make_path(matmul)


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
    passed_attempt(alice, matmul)
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


def test_continue_points_at_the_exercise_being_worked_on(as_alice, alice, matmul, path):
    Draft.objects.create(user=alice, exercise=matmul, code="# wip")
    from learning.dashboard import continue_for

    assert continue_for(alice)["url"] == matmul.get_absolute_url()
    passed_attempt(alice, matmul)  # passed: now the next item of the path
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
