"""The review thread: claims, line comments, replies, verdicts, resubmission, milestone sign-off."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from curriculum.models import UnitExercise
from learning.models import ItemProgress
from mentoring import reviews as mr
from mentoring.models import Cohort, LineComment, Review, ReviewRequest
from notifications.models import Notification
from tests.factories import attempt, make_path, request_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def rr(alice, matmul):
    return request_review(alice, matmul)


def test_a_mentor_claims_and_the_learner_is_told(bob, rr):
    review = mr.review_claim(mentor=bob, request=rr)
    rr.refresh_from_db()
    assert rr.status == ReviewRequest.Status.CLAIMED and rr.review.mentor == bob
    assert review.claim_expires_at > timezone.now()
    assert Notification.objects.filter(user=rr.learner, kind="review").exists()


def test_a_second_mentor_cannot_take_a_live_claim(bob, rr, django_user_model):
    other = django_user_model.objects.create_user(
        "dora", "d@example.com", "pw-dora-12345", role="mentor"
    )
    mr.review_claim(mentor=bob, request=rr)
    with pytest.raises(mr.ReviewRefused, match="already claimed"):
        mr.review_claim(mentor=other, request=rr)


def test_an_expired_claim_goes_back_to_the_queue(bob, rr, django_user_model):
    other = django_user_model.objects.create_user(
        "dora", "d@example.com", "pw-dora-12345", role="mentor"
    )
    mr.review_claim(
        mentor=bob, request=rr, now=timezone.now() - timedelta(minutes=mr.claim_minutes() + 1)
    )
    assert rr in mr.review_queue(other)
    review = mr.review_claim(mentor=other, request=rr)
    assert review.mentor == other


def test_release_puts_it_back(bob, rr):
    mr.review_claim(mentor=bob, request=rr)
    mr.review_release(mentor=bob, request=rr)
    rr.refresh_from_db()
    assert rr.status == ReviewRequest.Status.OPEN and not Review.objects.exists()
    assert rr in mr.review_queue(bob)


def test_the_queue_is_oldest_first_with_waiting_time(bob, alice, charlie, matmul):
    newer = request_review(alice, matmul)
    older = request_review(charlie, matmul)
    ReviewRequest.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(hours=5))
    queue = mr.review_queue(bob)
    assert [r.pk for r in queue] == [older.pk, newer.pk]
    assert queue[0].waiting >= timedelta(hours=5)


def test_the_queue_filters_by_cohort_and_exercise(bob, alice, charlie, matmul):
    path = make_path(matmul)
    cohort = Cohort.objects.create(name="Spring", path=path, starts_on=timezone.localdate())
    cohort.mentors.add(bob)
    cohort.learners.add(alice)
    mine = request_review(alice, matmul)
    request_review(charlie, matmul)
    assert [r.pk for r in mr.review_queue(bob, cohort=cohort)] == [mine.pk]
    assert len(mr.review_queue(bob, exercise=matmul)) == 2
    assert len(mr.review_queue(bob, path=path)) == 2


def test_cohort_requests_do_not_reach_other_mentors(alice, matmul, bob, django_user_model):
    outsider = django_user_model.objects.create_user(
        "dora", "d@example.com", "pw-dora-12345", role="mentor"
    )
    cohort = Cohort.objects.create(
        name="Spring", path=make_path(matmul), starts_on=timezone.localdate()
    )
    cohort.mentors.add(bob)
    cohort.learners.add(alice)
    rr = request_review(alice, matmul)
    assert mr.review_queue(outsider) == []
    with pytest.raises(mr.ReviewRefused):
        mr.review_claim(mentor=outsider, request=rr)


def test_line_comments_need_the_claim_and_a_real_line(bob, rr):
    with pytest.raises(mr.ReviewRefused, match="Claim"):
        mr.line_comment_add(
            author=bob, request=rr, submission=rr.submission, file="solution.py", line=3, body="x"
        )
    mr.review_claim(mentor=bob, request=rr)
    with pytest.raises(mr.ReviewRefused, match="no line 99"):
        mr.line_comment_add(
            author=bob, request=rr, submission=rr.submission, file="solution.py", line=99, body="x"
        )
    with pytest.raises(mr.ReviewRefused, match="no file"):
        mr.line_comment_add(
            author=bob, request=rr, submission=rr.submission, file="other.py", line=1, body="x"
        )
    comment = mr.line_comment_add(
        author=bob,
        request=rr,
        submission=rr.submission,
        file="solution.py",
        line=3,
        body="Use **np.matmul**",
    )
    files = mr.annotated_files(rr, rr.submission)
    assert files[0].lines[2].comments == [comment]


def test_a_bank_entry_fills_an_empty_comment_and_counts_its_uses(bob, rr, matmul):
    entry = mr.bank_entry_add(
        mentor=bob, exercise=matmul, title="Shapes", body="Check `a.shape[1] == b.shape[0]`."
    )
    mr.review_claim(mentor=bob, request=rr)
    comment = mr.line_comment_add(
        author=bob,
        request=rr,
        submission=rr.submission,
        file="solution.py",
        line=4,
        body="",
        bank_entry=entry,
    )
    entry.refresh_from_db()
    assert comment.body_markdown == entry.body_markdown and entry.uses == 1


def test_replies_thread_under_the_root_and_notify_the_other_side(bob, rr, alice):
    mr.review_claim(mentor=bob, request=rr)
    root = mr.line_comment_add(
        author=bob, request=rr, submission=rr.submission, file="solution.py", line=3, body="a"
    )
    reply = mr.comment_reply(author=alice, parent=root, body="Thanks!")
    again = mr.comment_reply(author=bob, parent=reply, body="You're welcome")
    assert reply.parent == root and again.parent == root and again.line == 3
    assert Notification.objects.filter(user=bob, text__contains="replied").exists()
    assert Notification.objects.filter(user=alice, text__contains="replied").exists()


def test_changes_requested_then_a_resubmission_lands_in_the_thread(bob, rr, alice, matmul):
    mr.review_claim(mentor=bob, request=rr)
    mr.review_submit(
        mentor=bob, request=rr, submission=rr.submission, verdict="changes_requested", summary="Fix"
    )
    assert Notification.objects.filter(user=alice, text__contains="requested changes").exists()
    new = attempt(alice, matmul)
    assert list(mr.thread_attempts(rr)) == [rr.submission, new]
    assert Notification.objects.filter(user=bob, text__contains="new attempt").exists()
    assert mr.my_threads(bob)[0].has_new_attempt


def test_approval_closes_the_thread_and_signs_off_the_milestone(bob, rr, alice, matmul):
    path = make_path(matmul)
    project = UnitExercise.objects.get(unit__path=path, unit__number=1, kind="project")
    assert mr.project_items(matmul) == [project]
    assert [c for c, _ in mr.rubric_for(matmul)] == ["correctness", "code quality", "explanation"]
    mr.review_claim(mentor=bob, request=rr)
    with pytest.raises(mr.ReviewRefused, match="between 0 and 4"):
        mr.review_submit(
            mentor=bob,
            request=rr,
            submission=rr.submission,
            verdict="approved",
            summary="ok",
            rubric_scores={"correctness": 9},
        )
    review = mr.review_submit(
        mentor=bob,
        request=rr,
        submission=rr.submission,
        verdict="approved",
        summary="Great",
        rubric_scores={"correctness": 4},
        unit_item=project,
    )
    rr.refresh_from_db()
    assert rr.status == ReviewRequest.Status.CLOSED and review.rubric_scores == {"correctness": 4}
    assert ItemProgress.objects.get(user=alice, unit_item=project).verified_by == bob
    assert Notification.objects.filter(user=alice, kind="approval").exists()
    with pytest.raises(mr.ReviewRefused, match="closed"):
        mr.line_comment_add(
            author=bob, request=rr, submission=rr.submission, file="solution.py", line=1, body="x"
        )


def test_the_thread_page_shows_the_comment_at_its_line(client, bob, rr, alice):
    mr.review_claim(mentor=bob, request=rr)
    mr.line_comment_add(
        author=bob,
        request=rr,
        submission=rr.submission,
        file="solution.py",
        line=3,
        body="<script>alert(1)</script>**bold**",
    )
    client.force_login(alice)
    response = client.get(reverse("mentoring:review-thread", args=[rr.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    line3 = html.split(f'id="L{rr.submission_id}-3"')[1].split(f'id="L{rr.submission_id}-4"')[0]
    assert "<strong>bold</strong>" in line3 and "<script>" not in html.split("<main")[1]
    assert "Comment on a line" not in html  # the learner does not get the mentor's forms


def test_notebook_cells_are_marked_in_the_code(bob, alice, matmul):
    code = "# %% [cell 1]\nimport numpy as np\n# %% [cell 3]\ndef matmul(a, b):\n    return a @ b\n"
    rr = request_review(alice, matmul, code=code)
    lines = mr.annotated_files(rr, rr.submission)[0].lines
    assert [line.cell for line in lines] == [1, None, 3, None, None]


def test_the_mentor_flow_through_the_views(client, bob, rr, alice):
    client.force_login(bob)
    assert client.post(reverse("mentoring:review-claim", args=[rr.pk])).status_code == 302
    url = reverse("mentoring:review-comment", args=[rr.pk])
    client.post(
        url,
        {
            "submission": rr.submission_id,
            "file": "solution.py",
            "line": 3,
            "body": "Here",
            "save_to_bank": "Line three",
        },
    )
    assert LineComment.objects.get().line == 3
    assert rr.submission.exercise.comment_bank.get().title == "Line three"
    client.post(
        reverse("mentoring:review-verdict", args=[rr.pk]),
        {"submission": rr.submission_id, "verdict": "changes_requested", "summary": "Almost"},
    )
    assert Review.objects.get().verdict == "changes_requested"
    client.force_login(alice)
    comment = LineComment.objects.get()
    response = client.post(
        reverse("mentoring:comment-reply", args=[comment.pk]), {"body": "Fixed it"}
    )
    assert response.status_code == 302 and comment.replies.get().author == alice


def test_asking_again_on_the_new_attempt_stays_in_the_same_thread(bob, rr, alice, matmul):
    from mentoring import reviews

    mr.review_claim(mentor=bob, request=rr)
    mr.review_submit(
        mentor=bob, request=rr, submission=rr.submission, verdict="changes_requested", summary="Fix"
    )
    new = attempt(alice, matmul)
    again = reviews.review_request_create(learner=alice, submission=new, question="Better now?")
    assert mr.review_queue(bob) == []  # the new attempt is already in bob's thread
    mr.review_submit(mentor=bob, request=rr, submission=new, verdict="approved", summary="Yes")
    again.refresh_from_db()
    assert again.status == ReviewRequest.Status.CLOSED
