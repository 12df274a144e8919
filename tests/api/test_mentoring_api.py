"""The mentor's side through the API: queue, claim (and its conflict), release, line comments,
replies, the verdict; cohorts and gradebooks; who may do what."""

import csv
import io

from django.urls import reverse
from django.utils import timezone

from mentoring.models import Cohort, LineComment, Review, ReviewRequest
from notifications.models import Notification
from tests.api.conftest import token_client
from tests.factories import make_path, request_review


def test_a_mentor_claims_comments_and_approves(alice, bob, alice_api, bob_api, matmul):
    rr = request_review(alice, matmul)
    queue = bob_api.get(reverse("api:mentor-queue")).json()
    assert [row["id"] for row in queue["results"]] == [rr.pk]
    assert queue["results"][0]["waiting_seconds"] >= 0
    claimed = bob_api.post(reverse("api:review-claim", args=[rr.pk]))
    assert claimed.status_code == 200 and claimed.json()["holds_claim"] is True
    assert bob_api.get(reverse("api:mentor-queue")).json()["count"] == 0
    assert [t["id"] for t in bob_api.get(reverse("api:mentor-threads")).json()["results"]] == [
        rr.pk
    ]
    comment = bob_api.post(
        reverse("api:review-comments", args=[rr.pk]),
        {"submission": rr.submission_id, "file": "solution.py", "line": 1, "body": "Look here"},
        format="json",
    )
    assert comment.status_code == 201 and comment["Location"] == reverse("api:review", args=[rr.pk])
    reply = alice_api.post(
        reverse("api:comment-replies", args=[comment.json()["id"]]),
        {"body": "Thanks"},
        format="json",
    )
    assert reply.status_code == 201 and reply.json()["parent"] == comment.json()["id"]
    verdict = bob_api.post(
        reverse("api:review-verdict", args=[rr.pk]),
        {"submission": rr.submission_id, "verdict": "approved", "summary": "Good."},
        format="json",
    )
    assert verdict.status_code == 200
    thread = alice_api.get(reverse("api:review", args=[rr.pk])).json()
    assert thread["status"] == "closed" and thread["review"]["verdict"] == "approved"
    assert [c["body_markdown"] for c in thread["comments"]] == ["Look here", "Thanks"]
    assert Notification.objects.filter(user=alice, text__contains="approved").exists()


def test_a_second_mentor_gets_a_409_and_release_gives_it_back(
    alice, bob, bob_api, matmul, django_user_model
):
    rr = request_review(alice, matmul)
    dora = django_user_model.objects.create_user(
        "dora", "d@example.com", "pw-dora-123", role="mentor"
    )
    dora_api = token_client(dora)
    assert bob_api.post(reverse("api:review-claim", args=[rr.pk])).status_code == 200
    taken = dora_api.post(reverse("api:review-claim", args=[rr.pk]))
    assert taken.status_code == 409 and "already claimed" in taken.json()["detail"]
    assert dora_api.post(reverse("api:review-release", args=[rr.pk])).status_code == 409
    assert bob_api.post(reverse("api:review-release", args=[rr.pk])).status_code == 204
    assert ReviewRequest.objects.get().status == "open" and not Review.objects.exists()


def test_comments_and_verdicts_need_the_claim_and_a_real_line(alice, bob_api, matmul):
    rr = request_review(alice, matmul)
    url = reverse("api:review-comments", args=[rr.pk])
    body = {"submission": rr.submission_id, "file": "solution.py", "line": 1, "body": "x"}
    unclaimed = bob_api.post(url, body, format="json")
    assert unclaimed.status_code == 422 and "Claim this review first" in unclaimed.json()["detail"]
    bob_api.post(reverse("api:review-claim", args=[rr.pk]))
    far = bob_api.post(url, {**body, "line": 999}, format="json")
    assert far.status_code == 422 and "has no line 999" in far.json()["detail"]
    other = bob_api.post(url, {**body, "submission": 999999}, format="json")
    assert other.status_code == 404
    assert not LineComment.objects.exists()


def test_learners_cannot_act_as_mentors(alice, alice_api, charlie_api, matmul):
    rr = request_review(alice, matmul)
    for name in ("api:review-claim", "api:review-release", "api:review-verdict"):
        assert alice_api.post(reverse(name, args=[rr.pk]), {}, format="json").status_code == 403
    assert charlie_api.get(reverse("api:review", args=[rr.pk])).status_code == 404
    assert [r["id"] for r in alice_api.get(reverse("api:reviews")).json()["results"]] == [rr.pk]
    assert charlie_api.get(reverse("api:reviews")).json()["count"] == 0


def test_cohorts_and_gradebooks_follow_the_pages_rules(
    alice, bob, alice_api, bob_api, ada_api, matmul
):
    path = make_path(matmul)
    created = ada_api.post(
        reverse("api:cohorts"),
        {"name": "Spring", "path": path.slug, "starts_on": "2026-03-01", "mentors": ["bob"]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    cohort = Cohort.objects.get()
    assert created["Location"] == reverse("api:cohort", args=[cohort.pk])
    assert bob_api.post(reverse("api:cohorts"), {}, format="json").status_code == 403
    invited = ada_api.post(
        reverse("api:cohort-invites", args=[cohort.pk]),
        {"emails": "alice@example.com\nnobody@example.com\nnot-an-email"},
        format="json",
    )
    assert invited.json()["added"] == ["alice@example.com"]
    assert invited.json()["invited"] == ["nobody@example.com"] and invited.json()["invalid"]
    assert [c["name"] for c in bob_api.get(reverse("api:cohorts")).json()["results"]] == ["Spring"]
    detail = bob_api.get(reverse("api:cohort", args=[cohort.pk])).json()
    assert [row["username"] for row in detail["learners"]] == ["alice"]
    book = bob_api.get(reverse("api:cohort-gradebook", args=[cohort.pk]))
    assert book["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(book.content.decode())))
    assert rows[0][0] == "username" and any(h.startswith(matmul.slug) for h in rows[0])
    assert [row[0] for row in rows[1:]] == ["alice"]
    assert alice_api.get(reverse("api:cohorts")).status_code == 403
    assert bob_api.get(reverse("api:path-gradebook", args=[path.slug])).status_code == 403
    assert ada_api.get(reverse("api:path-gradebook", args=[path.slug])).status_code == 200


def test_an_unknown_mentor_or_path_is_a_field_error(ada_api, matmul):
    make_path(matmul)
    response = ada_api.post(
        reverse("api:cohorts"),
        {"name": "X", "path": "nope", "starts_on": str(timezone.localdate()), "mentors": ["zed"]},
        format="json",
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"path", "mentors"}
