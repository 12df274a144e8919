"""`make api-fuzz`: schemathesis against the live schema, every operation, as a learner and a mentor.

The app runs in process (Django's WSGI handler, the test database); each operation gets a
fresh world with a path, a cohort, attempts, a claimed review and notifications, and path
parameters are steered to those objects half of the time, so fuzzing reaches the views'
real code and not only their 404s. Grading is not run: `enqueued` records the tasks.
Not collected by `make test` (the name does not match `test_*.py`); bounded by FUZZ_EXAMPLES.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from accounts.services import api_token_regenerate
from tests.factories import make_path, request_review

# Hypothesis caches what it learns of the code under .hypothesis/; var/ is ignored by git.
set_hypothesis_home_dir(Path(__file__).resolve().parents[2] / "var" / "hypothesis")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))  # per operation and role


@dataclass
class Known:
    """Objects of the current world, for steering path parameters to them."""

    ids: list[int] = field(default_factory=list)
    slugs: list[str] = field(default_factory=list)


KNOWN = Known()


@schemathesis.hook
def before_generate_path_parameters(context, strategy):
    """Half the cases name an object that exists (ids and slugs of the world)."""

    def steer(parameters):
        if not isinstance(parameters, dict):  # no path parameters, or a negative case's
            return st.just(parameters)
        return st.sampled_from([False, True]).flatmap(
            lambda known: st.just(_known(parameters)) if known else st.just(parameters)
        )

    return strategy.flatmap(steer)


def _known(parameters: dict) -> dict:
    chosen = dict(parameters)
    if "id" in chosen and KNOWN.ids:
        chosen["id"] = KNOWN.ids[hash(str(chosen["id"])) % len(KNOWN.ids)]
    if "slug" in chosen and KNOWN.slugs:
        chosen["slug"] = KNOWN.slugs[hash(str(chosen["slug"])) % len(KNOWN.slugs)]
    if "number" in chosen:
        chosen["number"] = 1
    return chosen


@pytest.fixture
def world(db, alice, bob, matmul, enqueued, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    from mentoring import reviews
    from mentoring.models import Cohort
    from notifications.services import notification_send

    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"user": "100000/minute", "anon": "100000/minute"}
    )
    path = make_path(matmul)
    cohort = Cohort.objects.create(name="Fuzz", path=path, starts_on="2026-01-05")
    cohort.mentors.add(bob)
    cohort.learners.add(alice)
    claimed = request_review(alice, matmul)
    reviews.review_claim(mentor=bob, request=claimed)
    comment = reviews.line_comment_add(
        author=bob,
        request=claimed,
        submission=claimed.submission,
        file="solution.py",
        line=1,
        body="Look here",
    )
    waiting = request_review(alice, matmul, question="And this one?")
    note = notification_send(user=alice, kind="other", text="Hello")
    KNOWN.ids = [
        claimed.pk,
        claimed.submission_id,
        waiting.pk,
        waiting.submission_id,
        comment.pk,
        cohort.pk,
        note.pk,
    ]
    KNOWN.slugs = [matmul.slug, path.slug]
    return {
        "learner": api_token_regenerate(user=alice),
        "mentor": api_token_regenerate(user=bob),
    }


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Django closes "old" connections around each request; here that is the test's own
    transaction (django.test.Client disconnects the same receivers)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _load_schema():
    # Loaded at collection (pytest-django has set Django up): the schema needs no database.
    # schemathesis.pytest.from_fixture would defer it, but breaks on pytest 9.
    from django.core.handlers.wsgi import WSGIHandler
    from schemathesis.config import SchemathesisConfig

    config = SchemathesisConfig.from_dict(
        {
            "checks": {
                # A schema-valid body can still be refused by a rule no schema can state (an
                # empty solution, a file name, an item only a mentor verifies): a 422 problem,
                # whose shape response_schema_conformance still checks.
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]
                }
            }
        }
    )
    return schemathesis.openapi.from_wsgi(
        "/api/v1/schema/?format=json", WSGIHandler(), config=config
    )


schema = _load_schema()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same cases each run: CI never flakes on a new random draw
    database=None,  # nothing to replay (derandomized), and no .hypothesis/ folder left behind
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_holds_to_its_schema(case, world):
    for role in ("learner", "mentor"):
        case.call_and_validate(headers={"Authorization": f"Token {world[role]}"})
