"""Mentor review in Chromium, both sides in their own browser context.

A learner requests a review; the mentor claims it, comments on line 3 and requests
changes; the learner sees the comment at line 3, replies and resubmits through the normal
editor; the mentor sees the new attempt in the same thread and approves it, signing off the
week's project; both were notified. No grading worker is needed: the first attempt is a
graded row, and the resubmission is asserted as the queued attempt in the thread.
"""

import os

import pytest
from django.utils import timezone

from curriculum.models import UnitExercise
from learning.models import ItemProgress
from mentoring.models import Review
from notifications.models import Notification
from submissions.models import Submission
from tests.factories import attempt, make_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

pytestmark = [pytest.mark.browser]

CODE = "import numpy as np\n\n\ndef matmul(a, b):\n    return np.dot(a, b)\n"


def replace_code(page, code):
    """Through the code editor, once its script replaced the textarea (it always does here:
    checking the textarea first raced with that swap)."""
    editor = page.locator(".cm-content")
    editor.wait_for()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def log_in(browser, live_server, username, password):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    return context, page


@pytest.fixture
def setup(transactional_db, alice, bob, matmul):
    path = make_path(matmul)
    first = attempt(alice, matmul, status="failed", score=0.5, code=CODE)
    return path, first


def test_the_review_flow_from_request_to_sign_off(browser, live_server, setup, alice, bob, matmul):
    path, first = setup
    learner_ctx, learner = log_in(browser, live_server, "alice", "pw-alice-12345")
    mentor_ctx, mentor = log_in(browser, live_server, "bob", "pw-bob-12345")
    try:
        # the learner asks
        learner.goto(f"{live_server.url}/submissions/{first.pk}/")
        learner.get_by_role("link", name="Request mentor review").click()
        learner.get_by_label("What should the mentor look at?").fill("Is np.dot right for batches?")
        learner.get_by_role("button", name="Request review").click()
        learner.get_by_test_id("waiting-note").wait_for()  # the learner lands on the thread

        # the mentor claims, comments on line 3, requests changes
        mentor.get_by_role("link", name="Review queue").click()
        row = mentor.get_by_test_id("queue-row").filter(has_text=matmul.title)
        assert "Is np.dot right" in row.inner_text()
        row.get_by_role("button", name="Claim").click()
        mentor.locator(f"#L{first.pk}-3 a.ln").click()
        assert mentor.get_by_label("Line", exact=True).input_value() == "3"
        mentor.get_by_label("Comment (Markdown)").fill(
            "Use **np.matmul** here: it broadcasts over batches."
        )
        mentor.get_by_role("button", name="Add comment").click()
        mentor.locator(f"#L{first.pk}-3 [data-testid=line-comment]").wait_for()
        mentor.get_by_label("Changes requested").check()
        mentor.get_by_label("Summary (Markdown)").fill("Close. Switch to matmul and resubmit.")
        mentor.get_by_role("button", name=f"Send verdict on attempt #{first.pk}").click()
        assert mentor.get_by_test_id("thread-status").inner_text() == "Changes requested"

        # the learner is notified, sees the comment at line 3, replies and resubmits
        learner.goto(f"{live_server.url}/notifications/")
        learner.get_by_role("button", name="requested changes").first.click()
        comment = learner.locator(f"#L{first.pk}-3 [data-testid=line-comment]")
        assert comment.locator(".prose strong").inner_text() == "np.matmul"  # Markdown rendered
        comment.get_by_text("Reply", exact=True).click()
        comment.get_by_label("Reply to the comment on line 3").fill("Done, thanks!")
        comment.get_by_role("button", name="Send reply").click()
        learner.locator(f"#L{first.pk}-3 [data-testid=reply]").wait_for()
        learner.get_by_role("link", name="Open the editor and resubmit").click()
        replace_code(learner, CODE.replace("np.dot", "np.matmul"))
        learner.get_by_role("button", name="Submit for grading").click()
        learner.locator(f"#result [data-status]:not(#submission-{first.pk})").first.wait_for()
        second = Submission.objects.filter(user=alice).latest("created_at")
        assert second.pk != first.pk and "np.matmul" in second.files[matmul.entrypoint]

        # the mentor sees the new attempt in the same thread and approves it
        mentor.goto(f"{live_server.url}/mentor/queue/")
        mentor.get_by_text("New attempt").wait_for()
        mentor.get_by_role("link", name=matmul.title).first.click()
        mentor.get_by_test_id("attempt-tab").filter(has_text=f"#{second.pk}").click()
        assert "np.matmul" in mentor.locator(f"#L{second.pk}-5").inner_text()
        mentor.get_by_label("Approved").check()
        mentor.get_by_label("Summary (Markdown)").fill("Well done.")
        mentor.get_by_label("Correctness (0–4)").fill("4")
        mentor.get_by_label("Sign off this project milestone").select_option(
            label="two-weeks · Week 1: Week 1 topic — Project 1"
        )
        mentor.get_by_role("button", name=f"Send verdict on attempt #{second.pk}").click()
        assert mentor.get_by_test_id("thread-status").inner_text() == "Approved"
    finally:
        learner_ctx.close()
        mentor_ctx.close()

    project = UnitExercise.objects.get(unit__path=path, unit__number=1, kind="project")
    progress = ItemProgress.objects.get(user=alice, unit_item=project)
    assert progress.verified_by == bob and progress.verified_at <= timezone.now()
    review = Review.objects.get()
    assert review.reviewed_submission_id == second.pk and review.rubric_scores == {"correctness": 4}
    assert Notification.objects.filter(user=alice, kind="approval").exists()
    assert Notification.objects.filter(user=alice, text__contains="approved your attempt").exists()
    assert Notification.objects.filter(user=bob, text__contains="replied").exists()
    assert Notification.objects.filter(user=bob, text__contains="new attempt").exists()
