"""A project with no package, in Chromium, as a new learner and a mentor would take it.

The learner finds the task's "Mentor sign-off" badge on the week page, opens the project,
reads its rubric and sends a write-up with a repository and commit; the mentor claims the
thread, comments on a line, scores the rubric and approves; the learner's week page then
shows the milestone signed off. Screenshots at 390 and 1280 px go to
/work/notes/shots/projects/ (or $SHOTS_DIR).
"""

import os
from pathlib import Path

import pytest

from curriculum.models import UnitExercise
from learning.models import ItemProgress
from mentoring.models import Review
from tests.project_content import import_real_content

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser]

SHOTS = Path(os.environ.get("SHOTS_DIR", "/work/notes/shots/projects"))
TITLE = "End-to-end ML pipeline"  # seed 003, week 12: no package in that unit


def log_in(browser, live_server, username, password, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    return context, page


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def content(transactional_db, tmp_path, alice, bob):
    import_real_content(tmp_path)
    return UnitExercise.objects.get(title=TITLE)


def test_a_project_is_sent_reviewed_approved_and_its_milestone_signed_off(
    browser, live_server, content, alice, bob
):
    item = content
    unit_url = f"{live_server.url}{item.unit.get_absolute_url()}"
    learner_ctx, learner = log_in(browser, live_server, "alice", "pw-alice-12345")
    learner.goto(unit_url)
    task = learner.locator(f'li.exercise-item[data-route="project"]:has-text("{TITLE}")')
    assert task.get_by_test_id("route-badge").inner_text() == "Mentor sign-off"
    shoot(learner, "unit-before")
    task.get_by_role("link", name=TITLE).click()
    learner.wait_for_load_state()
    assert learner.get_by_test_id("rubric").locator("tbody tr").count() == 3
    learner.get_by_label("File name").fill("PIPELINE.md")
    learner.get_by_label("Write or paste a file").fill(
        "# Pipeline\n\nIngest, train, serve.\nDrift is checked daily.\n"
    )
    learner.get_by_label("Repository URL").fill("https://github.com/alice/pipeline")
    learner.get_by_label("Commit").fill("9fceb02d0ae598e95dc970b74767f19372d61af8")
    learner.get_by_label("Note for your mentor").fill("Is the monitoring enough?")
    learner.get_by_role("button", name="Send for mentor review").click()
    learner.wait_for_load_state()
    attempts = learner.get_by_test_id("project-attempts")
    assert "Waiting for a mentor" in attempts.inner_text()
    shoot(learner, "project-sent")

    mentor_ctx, mentor = log_in(browser, live_server, "bob", "pw-bob-12345")
    mentor.goto(f"{live_server.url}/mentor/queue/")
    mentor.get_by_role("link", name=TITLE).first.click()
    mentor.get_by_role("button", name="Claim this review").click()
    mentor.wait_for_load_state()
    assert "Is the monitoring enough?" in mentor.locator(".question-card").inner_text()
    assert "github.com/alice/pipeline" in mentor.get_by_test_id("repository").inner_text()
    mentor.get_by_role("link", name="Line 4: comment").click()  # fills in file and line
    mentor.wait_for_load_state()
    assert mentor.get_by_role("spinbutton", name="Line", exact=True).input_value() == "4"
    mentor.get_by_label("Comment (Markdown)").fill("Which metric does the drift check use?")
    mentor.get_by_role("button", name="Add comment").click()
    mentor.wait_for_load_state()
    assert mentor.get_by_test_id("line-comment").count() == 1
    for criterion, score in (("Pipeline", "4"), ("Deployment", "3"), ("Monitoring", "3")):
        mentor.get_by_label(f"{criterion} (0–4)").fill(score)
    mentor.get_by_label("Approved", exact=True).check()
    mentor.get_by_label("Summary (Markdown)").fill("A complete pipeline; add the drift metric.")
    shoot(mentor, "thread-mentor")
    mentor.get_by_role("button", name="Send verdict").click()
    mentor.wait_for_load_state()
    assert "Project signed off" in mentor.get_by_test_id("signed-off").inner_text()

    review = Review.objects.get()
    assert review.rubric_scores == {"pipeline": 4, "deployment": 3, "monitoring": 3}
    assert ItemProgress.objects.get(user=alice, unit_item=item).verified_by == bob

    learner.goto(unit_url)
    assert learner.get_by_test_id("milestone-signed-off").is_visible()
    shoot(learner, "unit-signed-off")
    learner.goto(f"{live_server.url}{item.get_project_url()}")
    assert "Approved" in learner.get_by_test_id("project-attempts").inner_text()
    learner.goto(f"{live_server.url}/reviews/{review.request_id}/")
    assert learner.get_by_test_id("line-comment").count() == 1
    shoot(learner, "thread-learner")
    learner_ctx.close()
    mentor_ctx.close()
