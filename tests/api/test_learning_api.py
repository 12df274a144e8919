"""Enrolling, leaving, ticking self-reported items and reading verified progress."""

from django.urls import reverse

from curriculum.models import Topic, UnitExercise
from learning.models import Enrollment, ItemProgress
from tests.factories import make_path, passed_attempt


def test_enrolling_creates_then_repaces_and_leaving_keeps_progress(alice, alice_api, matmul):
    path = make_path(matmul)
    url = reverse("api:enrollment", args=[path.slug])
    assert alice_api.get(url).status_code == 404
    made = alice_api.put(url, {"weekly_hours": 5}, format="json")
    assert made.status_code == 201 and made["Location"] == url
    assert made.json()["weekly_hours"] == 5
    again = alice_api.put(url, {"weekly_hours": 9, "started_on": "2026-01-05"}, format="json")
    assert again.status_code == 200 and again.json()["started_on"] == "2026-01-05"
    assert [e["path"] for e in alice_api.get(reverse("api:enrollments")).json()["results"]] == [
        path.slug
    ]
    topic = Topic.objects.filter(unit__path=path).first()
    alice_api.post(
        reverse("api:progress-tick"),
        {"kind": "topic", "item_id": topic.pk, "done": True},
        format="json",
    )
    assert alice_api.delete(url).status_code == 204
    assert not Enrollment.objects.filter(user=alice).exists()
    assert ItemProgress.objects.filter(user=alice, topic=topic).exists()


def test_bad_enrollment_input_is_refused(alice_api, matmul):
    path = make_path(matmul)
    response = alice_api.put(
        reverse("api:enrollment", args=[path.slug]), {"weekly_hours": 0}, format="json"
    )
    assert response.status_code == 422 and "weekly_hours" in response.json()["errors"]


def test_ticks_and_unticks_show_in_progress_and_verified_items_refuse(alice, alice_api, matmul):
    path = make_path(matmul)
    topic = Topic.objects.filter(unit__path=path, unit__number=1).first()
    tick = reverse("api:progress-tick")
    done = alice_api.post(tick, {"kind": "topic", "item_id": topic.pk, "done": True}, format="json")
    assert done.status_code == 200 and done.json()["done"] is True
    progress_url = reverse("api:path-progress", args=[path.slug])
    body = alice_api.get(progress_url).json()
    assert body["self_done"] == 1 and body["verified_done"] == 0
    passed_attempt(alice, matmul)
    body = alice_api.get(progress_url).json()
    assert body["verified_done"] == 1 and body["units"][0]["milestone_reached"] is True
    undone = alice_api.post(
        tick, {"kind": "topic", "item_id": topic.pk, "done": False}, format="json"
    )
    assert undone.status_code == 200
    assert alice_api.get(progress_url).json()["self_done"] == 0
    project = UnitExercise.objects.get(unit__path=path, unit__number=1, kind="project")
    refused = alice_api.post(
        tick, {"kind": "unit_item", "item_id": project.pk, "done": True}, format="json"
    )
    assert refused.status_code == 422 and "verified" in refused.json()["detail"]
    missing = alice_api.post(
        tick, {"kind": "topic", "item_id": 999999, "done": True}, format="json"
    )
    assert missing.status_code == 404
