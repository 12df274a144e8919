"""The exercise page and submitting to it, through URLs (no worker here)."""

from django.urls import reverse

from submissions.models import Status, Submission

CORRECT = "def matmul(A, B):\n    return [[sum(a * b for a, b in zip(r, c)) for c in zip(*B)] for r in A]\n"


def test_anyone_can_read_the_exercise_but_must_log_in_to_submit(client, matmul):
    response = client.get(reverse("submissions:exercise", args=[matmul.slug]))
    assert response.status_code == 200
    assert b"Matrix multiplication from scratch" in response.content
    assert b"Log in to submit" in response.content
    assert b"def matmul(A, B):" in response.content  # the starter is in the editor


def test_posting_while_logged_out_redirects_to_log_in(client, matmul):
    response = client.post(reverse("submissions:submit", args=[matmul.slug]), {"code": CORRECT})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not Submission.objects.exists()


def test_submitting_writes_a_queued_row_and_enqueues_after_commit(
    client, alice, matmul, enqueued, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submissions:submit", args=[matmul.slug]), {"code": CORRECT})
    submission = Submission.objects.get()
    assert response.status_code == 302 and response["Location"] == submission.get_absolute_url()
    assert submission.status == Status.QUEUED
    assert submission.files == {"solution.py": CORRECT}
    assert submission.package_hash == matmul.package_hash
    assert enqueued == [submission.pk]


def test_an_htmx_submit_returns_the_polling_status_fragment(client, alice, matmul, enqueued):
    client.force_login(alice)
    response = client.post(
        reverse("submissions:submit", args=[matmul.slug]), {"code": CORRECT}, HTTP_HX_REQUEST="true"
    )
    submission = Submission.objects.get()
    assert response.status_code == 200
    assert f'hx-get="/submissions/{submission.pk}/status/"'.encode() in response.content
    assert b"Waiting for a grading worker" in response.content


def test_empty_code_is_refused_with_a_message_and_no_row(client, alice, matmul, enqueued):
    client.force_login(alice)
    response = client.post(
        reverse("submissions:submit", args=[matmul.slug]), {"code": "   \n"}, HTTP_HX_REQUEST="true"
    )
    assert b"The code is empty" in response.content
    assert b"nothing was lost" in response.content
    assert not Submission.objects.exists()


def test_an_oversized_file_is_refused_and_the_code_stays_in_the_editor(
    client, alice, matmul, enqueued
):
    client.force_login(alice)
    huge = "# " + "x" * (300 * 1024)
    response = client.post(reverse("submissions:submit", args=[matmul.slug]), {"code": huge})
    assert response.status_code == 422
    assert b"a source file may be at most 256 KB" in response.content
    assert huge[:2000].encode() in response.content
    assert not Submission.objects.exists()


def test_the_status_fragment_stops_polling_once_terminal(client, alice, matmul):
    submission = Submission.objects.create(
        user=alice,
        exercise=matmul,
        files={"solution.py": CORRECT},
        seed=1,
        status=Status.PASSED,
        score=1.0,
        result={
            "checks": [
                {
                    "id": "a",
                    "name": "Correct on random shapes",
                    "status": "pass",
                    "score": 6,
                    "max_score": 6,
                    "message": "",
                    "hint": "",
                }
            ]
        },
    )
    client.force_login(alice)
    url = reverse("submissions:submission-status", args=[submission.pk])
    response = client.get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 286
    assert b"hx-get" not in response.content
    assert b"Correct on random shapes" in response.content


def test_a_pending_status_fragment_keeps_polling(client, alice, matmul):
    submission = Submission.objects.create(
        user=alice, exercise=matmul, files={"solution.py": CORRECT}, seed=1
    )
    client.force_login(alice)
    response = client.get(
        reverse("submissions:submission-status", args=[submission.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert b'hx-trigger="every 100ms"' in response.content  # just made: the fast cadence


def test_it_hides_others_submissions(client, alice, charlie, matmul):
    submission = Submission.objects.create(
        user=alice, exercise=matmul, files={"solution.py": CORRECT}, seed=1
    )
    client.force_login(charlie)
    assert client.get(reverse("submissions:submission", args=[submission.pk])).status_code == 404
    assert (
        client.get(reverse("submissions:submission-status", args=[submission.pk])).status_code
        == 404
    )


def test_a_broker_outage_keeps_the_submission_queued(
    client, alice, matmul, monkeypatch, django_capture_on_commit_callbacks
):
    from celery import current_app

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("redis is down")

    monkeypatch.setattr(current_app, "send_task", broker_down)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("submissions:submit", args=[matmul.slug]), {"code": CORRECT})
    assert response.status_code == 302
    assert Submission.objects.get().status == Status.QUEUED
