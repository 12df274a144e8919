"""The REST API through its URLs: tokens, submitting, reading results, who sees what."""

from django.urls import reverse
from rest_framework.test import APIClient

from accounts.services import api_token_regenerate
from submissions.models import Status, Submission

CODE = "def matmul(A, B):\n    return A\n"


def test_anyone_can_list_paths_and_read_an_exercise(matmul):
    client = APIClient()
    assert client.get(reverse("api:paths")).status_code == 200
    body = client.get(reverse("api:exercise", args=[matmul.slug])).json()
    assert body["entrypoint"] == "solution.py"
    assert "def matmul" in body["starter_files"]["solution.py"]


def test_submitting_needs_a_token_and_says_so(matmul):
    response = APIClient().post(
        reverse("api:submit", args=[matmul.slug]), {"code": CODE}, format="json"
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_token_submits_and_reads_the_queued_attempt(
    alice_api, matmul, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_api.post(
            reverse("api:submit", args=[matmul.slug]), {"code": CODE}, format="json"
        )
    assert response.status_code == 201
    submission = Submission.objects.get()
    assert response["Location"] == reverse("api:submission", args=[submission.pk])
    assert response.json()["status"] == Status.QUEUED
    assert enqueued == [submission.pk]
    detail = alice_api.get(response["Location"]).json()
    assert (detail["id"], detail["exercise"], detail["result"]) == (
        submission.pk,
        matmul.slug,
        None,
    )


def test_bad_input_gets_a_clear_message_and_no_row(alice_api, matmul, enqueued):
    empty = alice_api.post(reverse("api:submit", args=[matmul.slug]), {"code": "  "}, format="json")
    assert empty.status_code == 422 and "The code is empty" in empty.json()["detail"]
    nothing = alice_api.post(reverse("api:submit", args=[matmul.slug]), {}, format="json")
    assert nothing.status_code == 422 and "Send `code`" in nothing.json()["detail"]
    escape = alice_api.post(
        reverse("api:submit", args=[matmul.slug]), {"files": {"../x.py": CODE}}, format="json"
    )
    assert escape.status_code == 422 and "is not allowed" in escape.json()["detail"]
    assert not Submission.objects.exists()


def test_a_replaced_token_stops_working(alice, matmul):
    old = api_token_regenerate(user=alice)
    api_token_regenerate(user=alice)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert client.get(reverse("api:submission", args=[1])).status_code == 401


def test_it_hides_others_submissions(alice, charlie, matmul):
    submission = Submission.objects.create(
        user=alice, exercise=matmul, files={"solution.py": CODE}, seed=1
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_regenerate(user=charlie)}")
    assert client.get(reverse("api:submission", args=[submission.pk])).status_code == 404


def test_the_profile_page_creates_and_shows_a_token(client, alice):
    client.force_login(alice)
    assert b"You have no API token yet" in client.get(reverse("accounts:profile")).content
    client.post(reverse("accounts:api-token"))
    page = client.get(reverse("accounts:profile")).content.decode()
    assert alice.auth_token.key in page
    setup = f"backprop configure --url http://testserver --token {alice.auth_token.key}"
    assert setup in page
