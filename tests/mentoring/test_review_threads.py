"""A mentor's feedback can be found again: every page of the learner links each attempt's
review thread with its state, an attempt is never offered a second request, mentors hear of
new requests, and the thread page redraws itself when something changes."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring import reviews as mr
from mentoring.models import Cohort, ReviewRequest
from notifications.models import Notification
from tests.factories import attempt, make_path, passed_attempt, request_review

pytestmark = pytest.mark.django_db


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def approve(mentor, rr, submission):
    mr.review_claim(mentor=mentor, request=rr)
    mr.review_submit(
        mentor=mentor, request=rr, submission=submission, verdict="approved", summary="Good"
    )


def test_the_submission_page_links_its_thread_with_its_state(as_alice, alice, bob, matmul):
    rr = request_review(alice, matmul)
    html = page(as_alice, rr.submission.get_absolute_url())
    assert f'href="{rr.get_absolute_url()}"' in html and "Waiting for a mentor" in html
    assert "Request mentor review" not in html
    mr.review_claim(mentor=bob, request=rr)
    mr.review_submit(
        mentor=bob, request=rr, submission=rr.submission, verdict="changes_requested", summary="x"
    )
    html = page(as_alice, rr.submission.get_absolute_url())
    assert "Changes requested" in html and f'href="{rr.get_absolute_url()}"' in html


def test_once_a_verdict_is_in_neither_attempt_offers_another_request(as_alice, alice, bob, matmul):
    """The bug: after approval both the asked-about and the approved attempt offered it again."""
    rr = request_review(alice, matmul)
    mr.review_claim(mentor=bob, request=rr)
    mr.review_submit(
        mentor=bob, request=rr, submission=rr.submission, verdict="changes_requested", summary="x"
    )
    second = attempt(alice, matmul, status="passed", score=1.0)
    mr.review_submit(mentor=bob, request=rr, submission=second, verdict="approved", summary="ok")
    for submission in (rr.submission, second):
        html = page(as_alice, submission.get_absolute_url())
        assert "Request mentor review" not in html
        assert "Approved" in html and f'href="{rr.get_absolute_url()}"' in html
    later = attempt(alice, matmul)  # a new attempt after the thread closed may ask again
    assert "Request mentor review" in page(as_alice, later.get_absolute_url())


def test_the_attempts_list_shows_each_review_with_state_and_link(as_alice, alice, bob, matmul):
    rr = request_review(alice, matmul)
    approve(bob, rr, rr.submission)
    fresh = attempt(alice, matmul)
    html = page(as_alice, reverse("submissions:attempts", args=[matmul.slug]))
    rows = {
        int(pk): row
        for pk, row in re.findall(
            r'<tr><th scope="row"><a href="/submissions/(\d+)/">(.*?)</tr>', html, re.S
        )
    }
    assert "Approved" in rows[rr.submission_id] and rr.get_absolute_url() in rows[rr.submission_id]
    assert "request review" not in rows[rr.submission_id]
    assert reverse("mentoring:review-request", args=[fresh.pk]) in rows[fresh.pk]


def test_the_dashboard_lists_open_and_closed_reviews(as_alice, alice, bob, charlie, matmul):
    closed = request_review(alice, matmul)
    approve(bob, closed, closed.submission)
    waiting = request_review(alice, matmul)
    request_review(charlie, matmul)  # not hers
    html = page(as_alice, reverse("learning:dashboard"))
    section = html[html.index('data-testid="dashboard-reviews"') :]
    section = section[: section.index("</section>")]
    assert section.index(waiting.get_absolute_url()) < section.index(closed.get_absolute_url())
    assert "Waiting for a mentor" in section and "Approved" in section
    assert section.count("<li>") == 2


def test_asking_twice_about_one_attempt_returns_the_thread(alice, matmul):
    submission = attempt(alice, matmul)
    first = mr.review_request_create(learner=alice, submission=submission, question="Why?")
    again = mr.review_request_create(learner=alice, submission=submission, question="Still?")
    assert again.pk == first.pk and ReviewRequest.objects.count() == 1
    assert ReviewRequest.objects.get().question == "Still?"


def test_a_later_attempt_in_an_open_thread_joins_it(alice, matmul):
    rr = request_review(alice, matmul, question="Original")
    later = attempt(alice, matmul)
    again = mr.review_request_create(learner=alice, submission=later, question="And now?")
    assert again.pk == rr.pk and ReviewRequest.objects.count() == 1
    assert ReviewRequest.objects.get().question == "Original"


def test_an_attempt_whose_thread_is_closed_is_not_reviewed_twice(alice, bob, matmul):
    rr = request_review(alice, matmul)
    approve(bob, rr, rr.submission)
    with pytest.raises(mr.ReviewRefused, match="already been reviewed \\(approved\\)"):
        mr.review_request_create(learner=alice, submission=rr.submission, question="Again?")
    assert ReviewRequest.objects.count() == 1


def test_posting_again_after_the_verdict_lands_on_the_thread(as_alice, alice, bob, matmul):
    rr = request_review(alice, matmul)
    approve(bob, rr, rr.submission)
    url = reverse("mentoring:review-request", args=[rr.submission_id])
    response = as_alice.post(url, {"question": "Once more"}, follow=True)
    assert response.redirect_chain[-1][0] == rr.get_absolute_url()
    assert "already been reviewed" in response.content.decode()
    assert ReviewRequest.objects.count() == 1


def test_the_request_page_becomes_the_thread(as_alice, alice, matmul):
    submission = attempt(alice, matmul)
    url = reverse("mentoring:review-request", args=[submission.pk])
    assert as_alice.get(url).status_code == 200
    response = as_alice.post(url, {"question": "Is the shape check right?"})
    rr = ReviewRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == rr.get_absolute_url()
    response = as_alice.get(url)
    assert response.status_code == 302 and response["Location"] == rr.get_absolute_url()
    html = page(as_alice, rr.get_absolute_url())
    assert "Is the shape check right?" in html and 'data-testid="waiting-note"' in html


def test_cohort_mentors_are_told_about_a_new_request(alice, bob, matmul, django_user_model):
    dora = django_user_model.objects.create_user("dora", "d@example.com", "pw", role="mentor")
    cohort = Cohort.objects.create(
        name="Spring", path=make_path(matmul), starts_on=timezone.localdate()
    )
    cohort.mentors.add(bob)
    cohort.learners.add(alice)
    submission = attempt(alice, matmul)
    rr = mr.review_request_create(learner=alice, submission=submission, question="?")
    note = Notification.objects.get(user=bob)
    assert note.kind == "review" and note.url == rr.get_absolute_url()
    assert f"attempt #{submission.pk}" in note.text and matmul.title in note.text
    assert not Notification.objects.filter(user=dora).exists()
    mr.review_request_create(learner=alice, submission=submission, question="edited")
    assert Notification.objects.filter(user=bob).count() == 1  # an update is not news


def test_without_a_cohort_every_mentor_is_told(alice, bob, admin_user, matmul, django_user_model):
    dora = django_user_model.objects.create_user("dora", "d@example.com", "pw", role="mentor")
    mr.review_request_create(learner=alice, submission=attempt(alice, matmul), question="?")
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert told == {bob.pk, dora.pk}  # not the learner, not the admin


def test_the_thread_poll_is_answered_204_until_something_changes(client, alice, bob, matmul):
    rr = request_review(alice, matmul)
    client.force_login(alice)
    html = page(client, rr.get_absolute_url())
    version = re.search(r"v=([0-9a-f]{16})", html).group(1)
    poll = {"HTTP_HX_REQUEST": "true"}
    assert client.get(rr.get_absolute_url(), {"v": version}, **poll).status_code == 204
    mr.review_claim(mentor=bob, request=rr)
    mr.line_comment_add(
        author=bob, request=rr, submission=rr.submission, file="solution.py", line=1, body="Hm"
    )
    response = client.get(rr.get_absolute_url(), {"v": version}, **poll)
    assert response.status_code == 200 and 'data-testid="line-comment"' in response.content.decode()
    assert mr.thread_version(rr) != version


def test_a_diff_has_no_empty_row_between_lines(as_alice, alice, matmul):
    old = passed_attempt(alice, matmul, code="a = 1\nb = 2\nc = 3\n")
    new = passed_attempt(alice, matmul, code="a = 1\nb = 20\nc = 3\n")
    html = page(as_alice, reverse("submissions:attempt-diff", args=[new.pk]) + f"?against={old.pk}")
    pre = re.search(r'<pre class="diff"[^>]*>(.*?)</pre>', html, re.S).group(1)
    rows = re.findall(r'<span class="diff-(\w+)">', pre)
    assert rows == ["file", "hunk", "ctx", "del", "add", "ctx"]
    # each row is a block: any text between two rows inside <pre> is drawn as an empty row
    assert (
        re.sub(r'<span class="diff-\w+">.*?</span>(?=<span class="diff-|$)', "", pre, flags=re.S)
        == ""
    )
