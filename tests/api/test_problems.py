"""One error shape throughout: application/problem+json, validation as 422 with every field."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.problems import PROBLEM, _flatten


def test_an_anonymous_call_gets_a_401_problem_with_the_challenge(db):
    response = APIClient().get(reverse("api:submissions"))
    assert response.status_code == 401 and response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"] == "Token"
    body = response.json()
    assert body["type"] == "about:blank" and body["title"] == "Unauthorized"
    assert (body["status"], body["code"], body["instance"]) == (
        401,
        "not_authenticated",
        "/api/v1/submissions/",
    )


def test_a_wrong_token_is_refused_even_where_anyone_may_read(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    response = client.get(reverse("api:paths"))
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"


def test_an_unknown_object_is_a_404_problem(alice_api):
    response = alice_api.get(reverse("api:exercise", args=["no-such-thing"]))
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "not_found"


def test_validation_answers_422_with_each_field(alice_api, matmul):
    response = alice_api.post(reverse("api:progress-tick"), {"kind": "x"}, format="json")
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    errors = response.json()["errors"]
    assert set(errors) == {"kind", "item_id", "done"}
    assert response.json()["detail"].startswith("kind: ")


def test_malformed_json_is_a_400_problem(alice_api, matmul):
    response = alice_api.post(
        reverse("api:submit", args=[matmul.slug]), "{nope", content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "parse_error"


def test_the_wrong_role_gets_a_403_problem(alice_api):
    response = alice_api.get(reverse("api:mentor-queue"))
    assert response.status_code == 403 and response.json()["detail"] == "Mentors only."


def test_throttled_calls_get_429_with_retry_after(alice_api, monkeypatch):
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/minute"})
    codes = [alice_api.get(reverse("api:me")).status_code for _ in range(3)]
    last = alice_api.get(reverse("api:me"))
    assert codes == [200, 200, 429]
    assert last["Content-Type"] == PROBLEM and int(last["Retry-After"]) > 0


@pytest.mark.parametrize(
    ("detail", "flat"),
    [
        (["Send code."], {"non_field_errors": ["Send code."]}),
        ({"files": {"a.py": ["Too big."]}}, {"files.a.py": ["Too big."]}),
        (
            {"mentors": {0: ["No."]}, "name": ["Required."]},
            {"mentors.0": ["No."], "name": ["Required."]},
        ),
    ],
)
def test_nested_errors_flatten_to_dotted_names(detail, flat):
    assert _flatten(detail) == flat
