"""Bodies over their route's size limit: refused before they are read, in the client's terms.

5 MB, the size of the paste that used to end in Django's RequestDataTooBig (a 400 that htmx
did not swap and the API answered as HTML), against each route that takes a learner's code.
"""

import io
import json

import pytest
from django.test import RequestFactory
from django.urls import reverse

from config.request_limits import RequestLimitMiddleware
from submissions.limits import MAX_UPLOAD_BYTES, MB, over_limit, size_text
from submissions.models import Draft, Submission

FIVE_MB = 5 * MB
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def big_code():
    return "x = 1\n" * (FIVE_MB // 6)


def test_5_mb_of_json_to_the_api_is_a_problem_json_413_and_stores_nothing(
    as_alice, matmul, enqueued, big_code
):
    body = json.dumps({"code": big_code})
    response = as_alice.post(
        reverse("api:submit", args=[matmul.slug]), body, content_type="application/json"
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert set(problem) == {"type", "title", "status", "detail"}
    assert problem["status"] == 413
    assert problem["detail"] == (
        "The request body is 5.8 MB; a submission's files may add up to at most 1 MB "
        "(256 KB a file)."
    )
    assert not Submission.objects.exists() and enqueued == []


def test_a_5_mb_htmx_submit_gets_a_fragment_for_the_result_area(
    as_alice, matmul, enqueued, big_code
):
    response = as_alice.post(
        reverse("submissions:submit", args=[matmul.slug]), {"code": big_code}, **HTMX
    )
    assert response.status_code == 413  # exercise.html's htmx-config swaps a 413
    html = response.content.decode()
    message = "Your code is 5 MB as sent; a source file may be at most 256 KB."
    assert html.count(message) == 2  # in the report and in the one-line live summary
    assert "Your code is still in the editor" in html
    assert 'id="result-summary" hx-swap-oob="innerHTML"' in html
    assert not Submission.objects.exists() and enqueued == []


def test_a_5_mb_plain_form_post_gets_a_page_with_the_message(as_alice, matmul, big_code):
    response = as_alice.post(reverse("submissions:submit", args=[matmul.slug]), {"code": big_code})
    assert response.status_code == 413
    html = response.content.decode()
    assert "<html" in html and "a source file may be at most 256 KB" in html
    assert f'href="{reverse("submissions:exercise", args=[matmul.slug])}"' in html
    assert not Submission.objects.exists()


def test_a_5_mb_upload_states_its_real_size_and_the_limit(as_alice, matmul, enqueued):
    upload = io.BytesIO(b"#" * FIVE_MB)
    upload.name = "big.py"
    response = as_alice.post(
        reverse("submissions:upload", args=[matmul.slug]), {"upload": upload}, **HTMX
    )
    assert response.status_code == 413
    assert b"The upload is 5 MB; an upload may be at most 2 MB." in response.content
    assert not Submission.objects.exists()


def test_an_upload_a_little_over_the_limit_is_measured_not_capped(as_alice, matmul, enqueued):
    """Under the body bound, so the view reads it: its message used to say "2.0 MB; at most 2.0 MB"."""
    upload = io.BytesIO(b"#" * (MAX_UPLOAD_BYTES + 60 * 1024))
    upload.name = "big.py"
    response = as_alice.post(
        reverse("submissions:upload", args=[matmul.slug]), {"upload": upload}, **HTMX
    )
    assert response.status_code == 422
    assert b"big.py is 2.1 MB; an upload may be at most 2 MB." in response.content
    assert not Submission.objects.exists()


def test_a_5_mb_autosave_gets_json_the_editor_shows_and_the_draft_is_kept(
    as_alice, alice, matmul, big_code
):
    Draft.objects.create(user=alice, exercise=matmul, code="# kept")
    response = as_alice.post(
        reverse("submissions:draft-save", args=[matmul.slug]),
        {"code": big_code},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 413
    assert response.json()["detail"] == (
        "The draft is 5 MB as sent; a draft may be at most 256 KB, so it was not saved."
    )
    assert Draft.objects.get().code == "# kept"


def test_a_urlencoded_body_is_said_to_be_its_size_as_sent(as_alice, matmul, big_code):
    """%0A and + make 5 MB of code 8.3 MB: that is the request's size, not the code's."""
    from urllib.parse import urlencode

    response = as_alice.post(
        reverse("submissions:submit", args=[matmul.slug]),
        urlencode({"code": big_code}),
        content_type="application/x-www-form-urlencoded",
        **HTMX,
    )
    assert response.status_code == 413
    assert b"Your code is 8.3 MB as sent; a source file may be at most 256 KB." in response.content


def test_a_5_mb_draft_button_gets_the_sentence_for_the_draft_line(
    as_alice, alice, matmul, big_code
):
    Draft.objects.create(user=alice, exercise=matmul, code="# kept")
    response = as_alice.post(
        reverse("submissions:draft-save", args=[matmul.slug]), {"code": big_code}, **HTMX
    )
    assert response.status_code == 413
    assert response.content.decode().strip() == (
        "The draft is 5 MB as sent; a draft may be at most 256 KB, so it was not saved."
    )
    assert Draft.objects.get().code == "# kept"


class Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")


def test_the_body_is_never_read_and_the_view_never_runs():
    request = RequestFactory().generic(
        "POST",
        "/exercises/matmul-from-scratch/submit/",
        content_type="application/x-www-form-urlencoded",
    )
    request.META["CONTENT_LENGTH"] = str(FIVE_MB)
    request.META["wsgi.input"] = Unreadable()
    request.META["HTTP_HX_REQUEST"] = "true"

    def view(request):
        raise AssertionError("the view ran")

    response = RequestLimitMiddleware(view)(request)
    assert response.status_code == 413


def test_a_chunked_body_without_a_length_is_refused(as_alice, matmul):
    response = as_alice.post(
        reverse("api:submit", args=[matmul.slug]),
        "",
        content_type="application/json",
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_LENGTH="",
    )
    assert response.status_code == 411
    assert "Content-Length" in response.json()["detail"]


def test_a_body_other_routes_cannot_take_is_a_413_not_a_traceback(as_alice, settings):
    response = as_alice.post(reverse("accounts:profile"), "x" * (3 * MB), content_type="text/plain")
    assert response.status_code == 413
    assert b"The request body is 3 MB; this address accepts at most 2.5 MB." in response.content


def test_a_small_body_passes_through(as_alice, matmul, enqueued):
    response = as_alice.post(
        reverse("submissions:submit", args=[matmul.slug]), {"code": "def matmul(A, B):\n    pass\n"}
    )
    assert response.status_code == 302 and Submission.objects.count() == 1


@pytest.mark.parametrize(
    ("size", "limit", "texts"),
    [
        (5 * MB, 2 * MB, ("5 MB", "2 MB")),
        (5_300_000, 256 * 1024, ("5.1 MB", "256 KB")),
        (300 * 1024, 256 * 1024, ("300 KB", "256 KB")),
        (2 * MB + 1, 2 * MB, ("just over 2 MB", "2 MB")),
        (2 * MB, 2 * MB, ("2 MB", "2 MB")),
    ],
)
def test_sizes_read_as_a_person_says_them_and_never_contradict(size, limit, texts):
    assert over_limit(size, limit) == texts


def test_a_size_is_never_zero_kb():
    assert size_text(100) == "100 bytes" and size_text(1536) == "2 KB"


def test_a_browser_s_crlf_line_breaks_are_stored_as_typed(as_alice, alice, matmul, enqueued):
    """The exercise page posts multipart, where a browser sends every line break as CRLF."""
    as_alice.post(
        reverse("submissions:submit", args=[matmul.slug]),
        {"code": "def matmul(A, B):\r\n    return A\r\n"},
    )
    assert Submission.objects.get().files["solution.py"] == "def matmul(A, B):\n    return A\n"
    as_alice.post(reverse("submissions:draft-save", args=[matmul.slug]), {"code": "a\r\nb\r\n"})
    assert Draft.objects.get(user=alice).code == "a\nb\n"
