"""Every URL pattern the project defines × every role: who gets the page, a 403, a 404 or the log-in page.

The matrix must name every pattern: a new URL without an entry fails
`test_every_url_pattern_has_an_entry`. The Django admin is covered by one rule: everything
under admin/ sends non-staff to the admin log-in page.

Roles: anonymous; alice, a learner in the cohort, who owns the objects; charlie, another
learner; bob, the cohort's mentor; dora, a mentor outside the cohort; ada, an admin.
"""

from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

ROLES = ("anon", "alice", "charlie", "bob", "dora", "ada")
LOGIN = "login"  # a redirect to the log-in page


def _row(anon, alice, charlie, bob, dora, ada) -> dict:
    return dict(zip(ROLES, (anon, alice, charlie, bob, dora, ada), strict=True))


PUBLIC = _row(200, 200, 200, 200, 200, 200)
SIGNED_IN = _row(LOGIN, 200, 200, 200, 200, 200)
POST_ONLY = _row(LOGIN, 405, 405, 405, 405, 405)  # a GET; the POST is checked by the CSRF test
OWNER_OR_MENTOR = _row(
    LOGIN, 200, 404, 200, 404, 200
)  # alice's attempt: her, her cohort's mentor, admins
OWNER_ONLY = _row(LOGIN, 200, 404, 404, 404, 404)  # actions only the learner takes
MENTORS = _row(LOGIN, 403, 403, 200, 200, 200)
COHORT_MENTOR = _row(LOGIN, 403, 403, 200, 404, 200)
ADMINS = _row(LOGIN, 403, 403, 403, 403, 200)
GUEST_FORM = _row(200, 302, 302, 302, 302, 302)  # sign-up: signed-in users are sent on
API_OWNER_OR_MENTOR = _row(401, 200, 404, 200, 404, 200)  # the API answers 401, never a redirect
API_POST_ONLY = _row(401, 405, 405, 405, 405, 405)
API_SIGNED_IN = _row(401, 200, 200, 200, 200, 200)
API_MENTORS = _row(401, 403, 403, 200, 200, 200)
API_COHORT_MENTOR = _row(401, 403, 403, 200, 404, 200)
API_MENTOR_POST_ONLY = _row(401, 403, 403, 405, 405, 405)


@dataclass
class Entry:
    expected: dict
    kwargs: callable = lambda w: {}
    post: bool = False  # accepts POST: CSRF must be enforced
    post_as: str = "alice"  # who posts in the CSRF test (someone allowed)
    query: str = ""
    note: str = field(default="")


def ex(w):
    return {"slug": w.exercise.slug}


def project_pk(w):
    from curriculum.models import UnitExercise

    return UnitExercise.objects.get(unit__path=w.path, title="Project 1").pk


def path_slug(w):
    return {"slug": w.path.slug}


MATRIX: dict[str, Entry] = {
    # accounts
    "accounts:signup": Entry(GUEST_FORM, post=True, post_as="anon"),
    "accounts:login": Entry(PUBLIC, post=True, post_as="anon"),
    "accounts:logout": Entry(_row(405, 405, 405, 405, 405, 405), post=True),
    "accounts:profile": Entry(SIGNED_IN, post=True),
    "accounts:delete": Entry(SIGNED_IN, post=True),
    "accounts:password_reset": Entry(PUBLIC, post=True, post_as="anon"),
    "accounts:password_reset_done": Entry(PUBLIC),
    "accounts:password_reset_confirm": Entry(
        PUBLIC, lambda w: {"uidb64": "MQ", "token": "bad-token"}
    ),
    "accounts:password_reset_complete": Entry(PUBLIC),
    "accounts:password_change": Entry(SIGNED_IN, post=True),
    "accounts:api-token": Entry(POST_ONLY, post=True),
    # the REST API (session clients must send the CSRF token too)
    "api:paths": Entry(PUBLIC),
    "api:exercise": Entry(PUBLIC, ex),
    "api:submit": Entry(API_POST_ONLY, ex, post=True),
    "api:submission": Entry(API_OWNER_OR_MENTOR, lambda w: {"pk": w.submission.pk}),
    "api:schema": Entry(PUBLIC),
    "api:docs": Entry(PUBLIC),
    "api:me": Entry(API_SIGNED_IN),
    "api:path": Entry(PUBLIC, path_slug),
    "api:unit": Entry(PUBLIC, lambda w: {"slug": w.path.slug, "number": 1}),
    "api:exercises": Entry(PUBLIC),
    "api:exercise-starter": Entry(PUBLIC, ex),
    "api:enrollments": Entry(API_SIGNED_IN),
    # nobody in the world is enrolled (the cohort adds alice directly)
    "api:enrollment": Entry(_row(401, 404, 404, 404, 404, 404), path_slug, post=True),
    "api:path-progress": Entry(API_SIGNED_IN, path_slug),
    "api:progress-tick": Entry(API_POST_ONLY, post=True),
    "api:draft": Entry(API_SIGNED_IN, ex, post=True),
    "api:submissions": Entry(API_SIGNED_IN),
    "api:submission-status": Entry(API_OWNER_OR_MENTOR, lambda w: {"pk": w.submission.pk}),
    "api:submission-result": Entry(API_OWNER_OR_MENTOR, lambda w: {"pk": w.submission.pk}),
    "api:submission-result-exercism": Entry(API_OWNER_OR_MENTOR, lambda w: {"pk": w.submission.pk}),
    "api:submission-result-gradescope": Entry(
        API_OWNER_OR_MENTOR, lambda w: {"pk": w.submission.pk}
    ),
    "api:review-request": Entry(API_POST_ONLY, lambda w: {"pk": w.submission.pk}, post=True),
    "api:reviews": Entry(API_SIGNED_IN),
    "api:review": Entry(API_OWNER_OR_MENTOR, lambda w: {"pk": w.request.pk}),
    "api:review-claim": Entry(
        API_MENTOR_POST_ONLY, lambda w: {"pk": w.request.pk}, post=True, post_as="bob"
    ),
    "api:review-release": Entry(
        API_MENTOR_POST_ONLY, lambda w: {"pk": w.request.pk}, post=True, post_as="bob"
    ),
    "api:review-comments": Entry(
        API_MENTOR_POST_ONLY, lambda w: {"pk": w.request.pk}, post=True, post_as="bob"
    ),
    "api:review-verdict": Entry(
        API_MENTOR_POST_ONLY, lambda w: {"pk": w.request.pk}, post=True, post_as="bob"
    ),
    "api:comment-replies": Entry(API_POST_ONLY, lambda w: {"pk": w.comment.pk}, post=True),
    "api:mentor-queue": Entry(API_MENTORS),
    "api:mentor-threads": Entry(API_MENTORS),
    "api:cohorts": Entry(API_MENTORS, post=True, post_as="ada"),
    "api:cohort": Entry(API_COHORT_MENTOR, lambda w: {"pk": w.cohort.pk}),
    "api:cohort-invites": Entry(
        _row(401, 403, 403, 403, 403, 405), lambda w: {"pk": w.cohort.pk}, post=True, post_as="ada"
    ),
    "api:cohort-gradebook": Entry(API_COHORT_MENTOR, lambda w: {"pk": w.cohort.pk}),
    "api:path-gradebook": Entry(_row(401, 403, 403, 403, 403, 200), path_slug),
    "api:notifications": Entry(API_SIGNED_IN),
    "api:notifications-read": Entry(API_POST_ONLY, post=True),
    "api:not-found": Entry(_row(404, 404, 404, 404, 404, 404), lambda w: {}),
    # browsing
    "curriculum:catalog": Entry(PUBLIC),
    "curriculum:resources": Entry(PUBLIC),
    "curriculum:glossary": Entry(PUBLIC),
    "curriculum:path": Entry(PUBLIC, path_slug),
    "curriculum:path-print": Entry(PUBLIC, path_slug),
    "curriculum:skill-tree": Entry(PUBLIC, path_slug),
    "curriculum:unit": Entry(PUBLIC, lambda w: {"slug": w.path.slug, "number": 1}),
    "submissions:exercise": Entry(PUBLIC, ex),
    "healthz": Entry(PUBLIC),
    "favicon": Entry(_row(301, 301, 301, 301, 301, 301)),  # to the static SVG
    # the learner's own things
    "learning:dashboard": Entry(SIGNED_IN),
    "learning:export-json": Entry(SIGNED_IN),  # each learner gets only their own rows
    "learning:export-csv": Entry(SIGNED_IN, lambda w: {"kind": "attempts"}),
    "learning:enroll": Entry(SIGNED_IN, path_slug, post=True),
    # nobody in the world is enrolled: the schedule page sends them to enroll first
    "learning:schedule": Entry(_row(LOGIN, 302, 302, 302, 302, 302), path_slug, post=True),
    "learning:leave": Entry(POST_ONLY, path_slug, post=True),
    "learning:progress-tick": Entry(POST_ONLY, post=True),
    "submissions:draft-save": Entry(POST_ONLY, ex, post=True),
    "submissions:upload": Entry(POST_ONLY, ex, post=True),
    "submissions:submit": Entry(POST_ONLY, ex, post=True),
    "submissions:attempts": Entry(SIGNED_IN, ex),
    "notifications:list": Entry(SIGNED_IN),
    "notifications:read": Entry(POST_ONLY, post=True),
    "submissions:project": Entry(PUBLIC, lambda w: {"pk": project_pk(w)}),
    "submissions:project-submit": Entry(POST_ONLY, lambda w: {"pk": project_pk(w)}, post=True),
    "submissions:submission": Entry(OWNER_OR_MENTOR, lambda w: {"pk": w.submission.pk}),
    "submissions:submission-status": Entry(OWNER_OR_MENTOR, lambda w: {"pk": w.submission.pk}),
    "submissions:attempt-diff": Entry(OWNER_OR_MENTOR, lambda w: {"pk": w.submission.pk}),
    "mentoring:review-request": Entry(  # the attempt has a thread: its request page is the thread
        _row(LOGIN, 302, 404, 404, 404, 404), lambda w: {"pk": w.submission.pk}, post=True
    ),
    # mentoring
    "mentoring:mentor-queue": Entry(MENTORS),
    "mentoring:comment-bank": Entry(MENTORS, ex, post=True, post_as="bob"),
    "mentoring:review-thread": Entry(OWNER_OR_MENTOR, lambda w: {"pk": w.request.pk}),
    "mentoring:review-claim": Entry(
        _row(LOGIN, 403, 403, 405, 405, 405),
        lambda w: {"pk": w.request.pk},
        post=True,
        post_as="bob",
    ),
    "mentoring:review-release": Entry(
        _row(LOGIN, 403, 403, 405, 405, 405),
        lambda w: {"pk": w.request.pk},
        post=True,
        post_as="bob",
    ),
    "mentoring:review-comment": Entry(
        _row(LOGIN, 403, 403, 405, 405, 405),
        lambda w: {"pk": w.request.pk},
        post=True,
        post_as="bob",
    ),
    "mentoring:review-verdict": Entry(
        _row(LOGIN, 403, 403, 405, 405, 405),
        lambda w: {"pk": w.request.pk},
        post=True,
        post_as="bob",
    ),
    "mentoring:comment-reply": Entry(POST_ONLY, lambda w: {"pk": w.comment.pk}, post=True),
    # cohorts, gradebook, analytics, content
    "mentoring:cohorts": Entry(MENTORS),
    "mentoring:cohort-create": Entry(ADMINS, post=True, post_as="ada"),
    "mentoring:cohort": Entry(COHORT_MENTOR, lambda w: {"pk": w.cohort.pk}),
    "mentoring:cohort-invite": Entry(
        _row(LOGIN, 403, 403, 403, 403, 200),
        lambda w: {"pk": w.cohort.pk},
        post=True,
        post_as="ada",
    ),
    "mentoring:cohort-gradebook": Entry(COHORT_MENTOR, lambda w: {"pk": w.cohort.pk}),
    "mentoring:cohort-join": Entry(
        SIGNED_IN, lambda w: {"token": w.invite.token}, post=True, post_as="charlie"
    ),
    "mentoring:path-gradebook": Entry(ADMINS, path_slug),
    "mentoring:learner-report": Entry(COHORT_MENTOR, lambda w: {"pk": w.alice.pk}),
    "mentoring:analytics": Entry(ADMINS),
    "curriculum:content-ops": Entry(ADMINS),
    "curriculum:exercise-check-run": Entry(
        _row(LOGIN, 403, 403, 403, 403, 405), ex, post=True, post_as="ada"
    ),
    "curriculum:exercise-check": Entry(ADMINS, lambda w: {"pk": w.check.pk}),
}


def url_patterns(patterns=None, prefix="", namespace=""):
    """(route, namespaced name) of every pattern, recursively."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield (
                prefix + str(pattern.pattern),
                f"{namespace}{pattern.name}" if pattern.name else None,
            )


def project_patterns():
    return [(route, name) for route, name in url_patterns() if not route.startswith("admin/")]


def test_every_url_pattern_has_an_entry():
    missing = [f"{route} ({name})" for route, name in project_patterns() if name not in MATRIX]
    assert not missing, "add these URLs to the permission matrix:\n" + "\n".join(missing)
    stale = set(MATRIX) - {name for _, name in project_patterns()}
    assert not stale, f"entries for URLs that no longer exist: {sorted(stale)}"


@dataclass
class World:
    alice: object
    exercise: object
    path: object
    submission: object
    request: object
    comment: object
    cohort: object
    invite: object
    check: object
    users: dict


@pytest.fixture
def world(db, alice, bob, charlie, admin_user, matmul, django_user_model):
    from curriculum.models import ExerciseCheck
    from mentoring import reviews as mentor_reviews
    from mentoring.models import Cohort, CohortInvite
    from tests.factories import make_path, request_review

    dora = django_user_model.objects.create_user(
        "dora", "dora@example.com", "pw-dora-12345", role="mentor"
    )
    path = make_path(matmul)
    cohort = Cohort.objects.create(name="Spring", path=path, starts_on=timezone.localdate())
    cohort.mentors.add(bob)
    cohort.learners.add(alice)
    rr = request_review(alice, matmul)
    mentor_reviews.review_claim(mentor=bob, request=rr)
    comment = mentor_reviews.line_comment_add(
        author=bob,
        request=rr,
        submission=rr.submission,
        file="solution.py",
        line=1,
        body="Look here",
    )
    invite = CohortInvite.objects.create(cohort=cohort, email="new@example.com")
    check = ExerciseCheck.objects.create(exercise=matmul, state="ok", output="ok")
    users = {"alice": alice, "charlie": charlie, "bob": bob, "dora": dora, "ada": admin_user}
    return World(alice, matmul, path, rr.submission, rr, comment, cohort, invite, check, users)


def client_for(world, role, **kwargs) -> Client:
    client = Client(**kwargs)
    if role != "anon":
        client.force_login(world.users[role])
    return client


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _mismatch(response, expected) -> str | None:
    if expected == LOGIN:
        location = response.get("Location", "")
        if response.status_code != 302 or not location.startswith(reverse("accounts:login")):
            return f"{response.status_code} {location}".strip()
    elif response.status_code != expected:
        return str(response.status_code)
    return None


@pytest.mark.parametrize("name", list(MATRIX))
def test_get_by_role(world, name):
    """Every role opens the URL; all mismatches are listed at once."""
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry.kwargs(world)) + entry.query
    wrong = []
    for role in ROLES:
        got = _mismatch(client_for(world, role).get(url), entry.expected[role])
        if got:
            wrong.append(f"{role}: expected {entry.expected[role]}, got {got}")
    assert not wrong, f"{url}\n" + "\n".join(wrong)


POSTS = [name for name, entry in MATRIX.items() if entry.post]


@pytest.mark.parametrize("name", POSTS)
def test_posts_without_a_csrf_token_are_refused(world, name):
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry.kwargs(world))
    response = client_for(world, entry.post_as, enforce_csrf_checks=True).post(url, {})
    assert response.status_code == 403, f"{url} as {entry.post_as}: {response.status_code}"
    # Our CSRF page, or DRF's "CSRF Failed" for the API: not a plain permission 403.
    assert b"This form has expired" in response.content or b"CSRF Failed" in response.content


def test_the_mentor_outside_the_cohort_cannot_act_on_its_review(world):
    """The GET rows show the pages; here the actions: a 404, and nothing changes."""
    client = client_for(world, "dora")
    for name in (
        "mentoring:review-claim",
        "mentoring:review-release",
        "mentoring:review-comment",
        "mentoring:review-verdict",
    ):
        assert (
            client.post(
                reverse(name, args=[world.request.pk]), {"submission": world.submission.pk}
            ).status_code
            == 404
        )
    reply = client.post(reverse("mentoring:comment-reply", args=[world.comment.pk]), {"body": "hi"})
    assert reply.status_code == 404
    assert world.comment.replies.count() == 0


def test_another_learner_cannot_reply_in_alices_thread(world):
    response = client_for(world, "charlie").post(
        reverse("mentoring:comment-reply", args=[world.comment.pk]), {"body": "hi"}
    )
    assert response.status_code == 404


ADMIN_ARGS = {"app_label": "curriculum", "object_id": "1", "content_type_id": "1", "url": "x"}


def admin_urls():
    import re

    for route, name in url_patterns():
        if route.startswith("admin/"):
            concrete = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: ADMIN_ARGS.get(m.group(1), "1"), route)
            concrete = re.sub(
                r"\^|\$|\(\?P<(\w+)>[^)]*\)",
                lambda m: ADMIN_ARGS.get(m.group(1) or "", ""),
                concrete,
            )
            yield "/" + concrete, name


@pytest.mark.parametrize("role", ["anon", "alice", "bob"])
def test_everything_under_admin_requires_staff(world, role):
    """The admin rule: each admin URL sends non-staff to the admin log-in page."""
    client = client_for(world, role)
    urls = [url for url, name in admin_urls() if name not in ("admin:login", "admin:logout")]
    assert len(urls) > 20
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 404), f"{url} as {role}: {response.status_code}"
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/"), (
                f"{url} → {response['Location']}"
            )


def test_the_admin_reaches_the_admin(world):
    """Role admin makes a user staff (accounts.User.save); model pages follow Django's permissions."""
    assert client_for(world, "ada").get("/admin/").status_code == 200
