"""The learner's review pages in Chromium: the thread redraws itself when the mentor writes,
diffs have no empty rows, and code scrolls inside its box on a 390 px phone.

Set SHOTS_DIR to also keep screenshots of each page at 390 and 1280 px.
"""

import os
from pathlib import Path

import pytest

from learning.enrollment import enrollment_create
from mentoring import reviews as mr
from tests.factories import attempt, make_path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

pytestmark = [pytest.mark.browser]

LONG = "    return [[sum(a * b for a, b in zip(row, col)) for col in zip(*b)] for row in a]  # a long line that runs far past the right edge of a phone screen\n"
CODE = "import numpy as np\n\n\ndef matmul(a, b):\n" + LONG
BETTER = CODE.replace("import numpy as np", "import numpy as np  # matmul broadcasts")


def log_in(browser, live_server, username, password, width=1280):
    # bypass_csp: the policy refuses a string wait_for_function (tests/browser/test_csp.py).
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    return context, page


def shoot(page, name):
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def test_a_mentor_reply_appears_on_the_learners_page(
    browser, live_server, settings, transactional_db, alice, bob, matmul
):
    settings.REVIEW_POLL_SECONDS = 1
    first = attempt(alice, matmul, status="failed", score=0.5, code=CODE)
    context, learner = log_in(browser, live_server, "alice", "pw-alice-12345")
    try:
        learner.goto(f"{live_server.url}/submissions/{first.pk}/")
        learner.get_by_role("link", name="Request mentor review").click()
        for width in (390, 1280):
            learner.set_viewport_size({"width": width, "height": 900})
            shoot(learner, "request-form")
        learner.get_by_label("What should the mentor look at?").fill("Is line 5 right?")
        learner.get_by_role("button", name="Request review").click()
        learner.get_by_test_id("waiting-note").wait_for()  # the request page became the thread
        rr = alice.review_requests.get()
        assert learner.url.endswith(rr.get_absolute_url())
        learner.evaluate("window.notReloaded = true")

        mr.review_claim(mentor=bob, request=rr)
        mr.line_comment_add(
            author=bob,
            request=rr,
            submission=first,
            file="solution.py",
            line=5,
            body="Look **here**",
        )
        comment = learner.locator(f"#L{first.pk}-5 [data-testid=line-comment]")
        comment.wait_for(timeout=8_000)
        assert comment.locator(".prose strong").inner_text() == "here"

        # while the learner writes a reply the page is not redrawn under their fingers
        comment.get_by_text("Reply", exact=True).click()
        comment.get_by_label("Reply to the comment on line 5").fill("Half a thought")
        mr.review_submit(
            mentor=bob, request=rr, submission=first, verdict="changes_requested", summary="Nearly"
        )
        learner.wait_for_timeout(2_500)
        assert (
            comment.get_by_label("Reply to the comment on line 5").input_value() == "Half a thought"
        )
        comment.get_by_role("button", name="Send reply").click()
        learner.locator(f"#L{first.pk}-5 [data-testid=reply]").wait_for()

        learner.evaluate("window.notReloaded = true")
        second = attempt(alice, matmul, status="passed", score=1.0, code=BETTER)
        mr.review_submit(
            mentor=bob, request=rr, submission=second, verdict="approved", summary="Yes"
        )
        status = learner.get_by_test_id("thread-status")
        learner.wait_for_function(
            "document.querySelector('[data-testid=thread-status]').innerText === 'Approved'",
            timeout=8_000,
        )
        assert status.inner_text() == "Approved" and learner.evaluate("window.notReloaded")
        assert learner.get_by_test_id("attempt-tab").count() == 2
    finally:
        context.close()


WIDE_CHECK = {
    "id": "shape",
    "name": "Shapes",
    "status": "fail",
    "score": 0,
    "max_score": 1,
    "message": "ValueError:matmul:Input_operand_1_has_a_mismatch_in_its_core_dimension_0(size_3_is_different_from_2)",
}
WIDE_COMMENT = (
    "Use `np.einsum('bij,bjk->bik',a_batch_of_matrices,b_batch_of_matrices)` or this:\n\n"
    "```python\nreturn np.einsum('bij,bjk->bik', a_batch_of_matrices, b_batch_of_matrices)  # batched\n```"
)


@pytest.fixture
def reviewed(transactional_db, alice, bob, matmul):
    """A path alice follows, an attempt with an approved review after changes, a later one."""
    path = make_path(matmul)
    enrollment_create(user=alice, path=path)
    first = attempt(alice, matmul, status="failed", score=0.5, code=CODE, checks=[WIDE_CHECK])
    rr = mr.review_request_create(learner=alice, submission=first, question="Is line 5 right?")
    mr.review_claim(mentor=bob, request=rr)
    mr.line_comment_add(
        author=bob, request=rr, submission=first, file="solution.py", line=5, body=WIDE_COMMENT
    )
    mr.review_submit(
        mentor=bob, request=rr, submission=first, verdict="changes_requested", summary="Nearly."
    )
    second = attempt(alice, matmul, status="passed", score=1.0, code=BETTER)
    third = attempt(alice, matmul, status="failed", score=0.25, code=CODE)
    return rr, first, second, third


def test_a_diff_has_one_row_per_line(browser, live_server, reviewed):
    rr, first, second, _ = reviewed
    context, page = log_in(browser, live_server, "alice", "pw-alice-12345")
    try:
        page.goto(f"{live_server.url}/submissions/{second.pk}/diff/?against={first.pk}")
        gap = page.evaluate(
            """() => {
              const pre = document.querySelector('pre.diff');
              const rows = [...pre.children].reduce((h, r) => {
                const m = getComputedStyle(r);
                return h + r.getBoundingClientRect().height + parseFloat(m.marginTop) + parseFloat(m.marginBottom);
              }, 0);
              const style = getComputedStyle(pre);
              const inner = pre.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
              return inner - rows;
            }"""
        )
        assert abs(gap) < 2, f"{gap:.0f} px of empty rows between the diff's lines"
        shoot(page, "diff")
    finally:
        context.close()


PHONE_PAGES = {
    "submission": lambda r: f"/submissions/{r[1].pk}/",
    "attempts": lambda r: f"/exercises/{r[1].exercise.slug}/attempts/",
    "thread": lambda r: r[0].get_absolute_url(),
    "thread-comment": lambda r: f"{r[0].get_absolute_url()}?attempt={r[1].pk}",
    "diff": lambda r: f"/submissions/{r[2].pk}/diff/?against={r[1].pk}",
    "request": lambda r: f"/submissions/{r[3].pk}/review/",
    "dashboard": lambda r: "/dashboard/",
}


MENTOR_PAGES = {
    "mentor-thread": lambda r: f"{r[0].get_absolute_url()}?attempt={r[1].pk}",
    "mentor-queue": lambda r: "/mentor/queue/",
}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("who", ["alice", "bob"])
def test_review_pages_keep_code_inside_the_screen(browser, live_server, reviewed, width, who):
    """Wide code scrolls inside its own box; nothing in the page runs off the right edge."""
    context, page = log_in(browser, live_server, who, f"pw-{who}-12345", width=width)
    pages = PHONE_PAGES if who == "alice" else MENTOR_PAGES
    try:
        for name, url in pages.items():
            page.goto(live_server.url + url(reviewed))
            overflow = page.evaluate(
                """() => {
                  const width = document.documentElement.clientWidth;
                  if (document.documentElement.scrollWidth <= width) return [];
                  const visible = el => getComputedStyle(el).overflowX === 'visible';
                  return [...document.querySelectorAll('#main *')]
                    .filter(el => visible(el) && (el.scrollWidth > el.clientWidth + 1 ||
                                                  el.getBoundingClientRect().right > width + 1))
                    .slice(-5).map(el => el.tagName + '.' + el.className);
                }"""
            )
            assert overflow == [], f"{name} at {width} px: {overflow} run off the right edge"
            shoot(page, name)
    finally:
        context.close()
