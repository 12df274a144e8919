"""Logged-in pages come from the page cache until the user's state token or the content moves.

Each test changes something the learner's page shows, through the code path users take (a
tick, a grade, a notification, a mentor's verdict, a profile edit), and checks the next page
shows it: a stale page is the risk this cache brings, and these are its guards.
"""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import ForeignKey
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from curriculum.models import Topic
from curriculum.page_cache import CSRF_HOLE, NONCE_HOLE, content_revision_forget
from learning.models import Enrollment
from mentoring.models import Cohort
from notifications.services import notification_send, notifications_mark_read
from submissions.models import Status, Submission
from tests.factories import make_path
from worker import lifecycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def path(matmul):
    return make_path(matmul)


def get(client, url, **headers):
    content_revision_forget()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response, len(ctx.captured_queries)


def unmasked(html: bytes) -> bytes:
    """The page without its CSRF tokens and nonces, which are new in every answer."""
    html = re.sub(rb'("X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', rb"\1", html)
    return re.sub(rb'(name="csp-nonce" content="|nonce=")[^"]+', rb"\1", html)


def pages(path, matmul):
    return {
        "catalog": reverse("curriculum:catalog"),
        "path": path.get_absolute_url(),
        "unit": reverse("curriculum:unit", args=[path.slug, 1]),
        "exercise": reverse("submissions:exercise", args=[matmul.slug]),
        "dashboard": reverse("learning:dashboard"),
    }


@pytest.fixture(params=["own memory", "shared cache"])
def cache_kind(request, settings):
    """Each process's memory (the demo): the session and the user are read from the database;
    a shared cache (Redis in production): from the cache, as CACHE_URL sets it up."""
    shared = request.param == "shared cache"
    settings.USER_ROW_CACHE = shared
    settings.SESSION_ENGINE = "django.contrib.sessions.backends." + (
        "cached_db" if shared else "db"
    )
    return request.param


@pytest.mark.parametrize("page", ["catalog", "path", "unit", "exercise", "dashboard"])
def test_a_learners_second_request_reads_at_most_the_session_the_user_and_the_revision(
    client, alice, path, matmul, page, cache_kind
):
    client.force_login(alice)
    url = pages(path, matmul)[page]
    first, rendered = get(client, url)
    again, cached = get(client, url)
    assert unmasked(again.content) == unmasked(first.content)
    assert cached == (3 if cache_kind == "own memory" else 1) and rendered > cached
    assert CSRF_HOLE.encode() not in again.content and NONCE_HOLE.encode() not in again.content


def test_one_learners_cached_page_is_never_anothers(client, alice, bob, path, matmul):
    for who, other in ((alice, b"bob"), (bob, b"alice")):
        client.force_login(who)
        page, _ = get(client, reverse("learning:dashboard"))
        assert who.username.encode() in page.content and other not in page.content


def test_every_answer_carries_a_fresh_token_that_the_csrf_check_accepts(alice, path, matmul):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    url = reverse("curriculum:unit", args=[path.slug, 1])
    tokens = []
    for _ in range(2):
        page = client.get(url).content.decode()
        tokens.append(re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1))
    assert tokens[0] != tokens[1]  # masked afresh, though the second page came from the cache
    topic = Topic.objects.get(number="1.1")
    response = client.post(
        reverse("learning:progress-tick"),
        {"kind": "topic", "item_id": topic.pk, "done": "on", "unit": topic.unit_id},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=tokens[1],
    )
    assert response.status_code == 200


def test_the_exercise_pages_nonce_is_new_in_every_answer_and_matches_its_header(
    client, alice, matmul
):
    url = reverse("submissions:exercise", args=[matmul.slug])
    for who in (None, alice):
        if who:
            client.force_login(who)
        nonces = []
        for _ in range(2):
            response, _ = get(client, url)
            nonce = re.search(rb'name="csp-nonce" content="([^"]+)"', response.content).group(1)
            assert f"'nonce-{nonce.decode()}'" in response["Content-Security-Policy"]
            nonces.append(nonce)
        assert nonces[0] != nonces[1]


def test_a_tick_shows_on_the_next_unit_page(client, alice, path):
    client.force_login(alice)
    url = reverse("curriculum:unit", args=[path.slug, 1])
    before, _ = get(client, url)
    topic = Topic.objects.get(number="1.1")
    client.post(
        reverse("learning:progress-tick"), {"kind": "topic", "item_id": topic.pk, "done": "on"}
    )
    after, _ = get(client, url)
    assert b"1 / 4" in after.content and b"1 / 4" not in before.content
    client.post(reverse("learning:progress-tick"), {"kind": "topic", "item_id": topic.pk})
    undone, _ = get(client, url)
    assert b"1 / 4" not in undone.content


def test_a_grade_the_worker_records_shows_on_the_exercise_page(client, alice, matmul):
    client.force_login(alice)
    url = reverse("submissions:exercise", args=[matmul.slug])
    submission = Submission.objects.create(
        user=alice, exercise=matmul, files={"solution.py": "x = 1"}, seed=1
    )
    queued, _ = get(client, url)
    claimed = lifecycle.claim(submission.pk)
    running, _ = get(client, url)
    lifecycle.finish(claimed, status=Status.PASSED, score=1.0, result={})
    passed, _ = get(client, url)
    assert b"Queued" in queued.content
    assert b"Running" in running.content
    assert b"Passed" in passed.content and b"Running" not in passed.content


def test_a_notification_and_reading_it_show_in_the_header(client, alice, path):
    client.force_login(alice)
    get(client, path.get_absolute_url())
    notification_send(user=alice, kind="grading", text="Your attempt passed.")
    told, _ = get(client, path.get_absolute_url())
    assert b'data-testid="unread-count">1<' in told.content
    notifications_mark_read(user=alice)
    read, _ = get(client, path.get_absolute_url())
    assert b'data-testid="unread-count"' not in read.content


def test_enrolling_and_a_profile_edit_show_at_once(client, alice, path):
    client.force_login(alice)
    get(client, reverse("learning:dashboard"))
    Enrollment.objects.create(
        user=alice, path=path, started_on=timezone.localdate(), weekly_hours=8
    )
    enrolled, _ = get(client, reverse("learning:dashboard"))
    assert path.title.encode() in enrolled.content
    alice.display_name = "Alice Liddell"
    alice.save()
    renamed, _ = get(client, reverse("learning:dashboard"))
    assert b"Alice Liddell" in renamed.content


def test_a_login_alone_keeps_the_token_and_joining_a_cohort_moves_it(alice, path):
    token = alice.state_token
    alice.last_login = timezone.now()
    alice.save(update_fields=["last_login"])
    alice.refresh_from_db()
    assert alice.state_token == token
    cohort = Cohort.objects.create(name="Autumn", path=path, starts_on=timezone.localdate())
    cohort.learners.add(alice)
    alice.refresh_from_db()
    assert alice.state_token != token
    token = alice.state_token
    cohort.learners.clear()
    alice.refresh_from_db()
    assert alice.state_token != token


# Rows that point at a user but are on no page of theirs that the page cache keeps.
NOT_ON_CACHED_PAGES = {
    "mentoring.CohortInvite",  # the invite page and the cohort roster are not cached
    "mentoring.CommentBankEntry",  # a mentor's saved comments: the review screens only
    "learning.ItemProgress.verified_by",  # the learner's own row is followed through `user`
    "mentoring.Review.mentor",  # followed through its request's learner
    "mentoring.LineComment.author",
}


def test_every_row_that_belongs_to_a_user_moves_their_token():
    """A new model with a user on it must say whether its user's pages show it."""
    from django.db.models.signals import post_save

    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in {"learning", "submissions", "mentoring", "notifications"}:
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, ForeignKey):
                continue
            if field.related_model._meta.label != settings.AUTH_USER_MODEL:
                continue
            label = model._meta.label
            if label in NOT_ON_CACHED_PAGES or f"{label}.{field.name}" in NOT_ON_CACHED_PAGES:
                continue
            followed = any(
                entry[0][0] == f"user-state-{label}-save" for entry in post_save.receivers
            )
            if not followed:
                missing.append(f"{label}.{field.name}")
    assert missing == []
