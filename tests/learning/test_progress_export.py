"""A learner exports their own progress and attempts as CSV and JSON, linked from the dashboard."""

import csv
import io
import json
from datetime import date

import pytest
from django.urls import reverse

from curriculum.models import Topic
from learning.models import Enrollment
from submissions.models import Status
from tests.factories import attempt, make_path, passed_attempt


@pytest.fixture
def history(alice, charlie, matmul):
    path = make_path(matmul)
    Enrollment.objects.create(user=alice, path=path, started_on=date(2026, 1, 5), weekly_hours=8)
    attempt(alice, matmul, status=Status.FAILED, score=0.5)
    passed_attempt(alice, matmul)
    attempt(charlie, matmul, status=Status.FAILED, score=0.1)  # someone else's: never exported
    topic = Topic.objects.get(number="1.1")
    from learning.progress import progress_tick

    progress_tick(user=alice, kind="topic", item_id=topic.pk, done=True)
    return path


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_dashboard_links_to_the_exports(as_alice, history):
    html = as_alice.get(reverse("learning:dashboard")).content.decode()
    for url in (
        reverse("learning:export-csv", args=["progress"]),
        reverse("learning:export-csv", args=["attempts"]),
        reverse("learning:export-json"),
    ):
        assert f'href="{url}"' in html


def test_attempts_csv_lists_only_my_attempts_numbered_per_exercise(as_alice, history):
    response = as_alice.get(reverse("learning:export-csv", args=["attempts"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    got = rows(response)
    assert [(r["exercise"], r["attempt"], r["status"], r["score"]) for r in got] == [
        ("matmul-from-scratch", "1", "failed", "0.5"),
        ("matmul-from-scratch", "2", "passed", "1.0"),
    ]
    assert got[1]["points"] == "10.0" and got[1]["url"].startswith("/submissions/")


def test_progress_csv_has_one_row_per_item_with_its_track(as_alice, history):
    got = rows(as_alice.get(reverse("learning:export-csv", args=["progress"])))
    by_item = {(r["unit"], r["item"]): r for r in got}
    assert by_item[("1", "1.1 Idea 1.1")] | {} == {
        "path": "two-weeks",
        "path_title": "Two weeks of ML",
        "unit": "1",
        "unit_title": "Week 1 topic",
        "item_kind": "topic",
        "item": "1.1 Idea 1.1",
        "track": "self-reported",
        "done": "yes",
    }
    assert by_item[("1", "1.2 Idea 1.2")]["done"] == "no"
    exercise = by_item[("1", "Matrix multiplication")]
    assert (exercise["track"], exercise["done"]) == ("verified", "yes")


def test_json_holds_enrollments_with_their_items_and_the_attempts(as_alice, history):
    response = as_alice.get(reverse("learning:export-json"))
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["user"] == "alice"
    [enrollment] = data["enrollments"]
    assert enrollment["path"] == "two-weeks" and enrollment["weekly_hours"] == 8
    assert enrollment["started_on"] == "2026-01-05" and enrollment["finishes_on"] == "2026-01-18"
    assert enrollment["verified"]["done"] == 1 and enrollment["self_reported"]["done"] == 1
    topic = next(i for i in enrollment["items"] if i["item"] == "1.1 Idea 1.1")
    assert (topic["unit"], topic["track"], topic["done"]) == (1, "self-reported", True)
    assert [a["status"] for a in data["attempts"]] == ["failed", "passed"]


def test_exports_need_a_login_and_a_known_kind(client, as_alice, history):
    assert as_alice.get(reverse("learning:export-csv", args=["secrets"])).status_code == 404
    as_alice.logout()
    response = client.get(reverse("learning:export-json"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_cell_that_looks_like_a_formula_is_defused(as_alice, alice, history, matmul):
    attempt(alice, matmul, status=Status.FAILED, score=0.0).__class__.objects.filter(
        user=alice, score=0.0
    ).update(message='=HYPERLINK("http://evil")')
    got = rows(as_alice.get(reverse("learning:export-csv", args=["attempts"])))
    assert got[-1]["message"].startswith("'=HYPERLINK")
