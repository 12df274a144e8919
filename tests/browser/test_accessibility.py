"""axe-core over the main pages, in the light and the dark scheme.

Any violation fails, whatever its impact: the pages start clean, and a "moderate" finding
(a landmark without a name, a heading level skipped) is as real to a screen-reader user as a
"serious" one, so letting those through would only let them pile up. The rule set is axe's
WCAG 2.0/2.1/2.2 A and AA rules plus its best practices; experimental rules are left out.
axe sees only what is on the page: keyboard paths, focus order and live regions have their
own tests (tests/browser/test_browse.py and the exercise tests). One finding is set aside:
CodeMirror's scroller, whose content is a contenteditable textbox axe does not count as
focusable.

One browser context and one set of rows for every page keep this to a few seconds a page.
"""

import os
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from mentoring import reviews as mentor_reviews
from mentoring.models import Cohort
from notifications.services import notification_send
from tests.factories import make_path, request_review

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCHEMES = ["light", "dark"]
WIDE_CODE = (
    "def matmul(a, b):\n"
    "    return [[sum(x * y for x, y in zip(row, column)) for column in zip(*b)] for row in a]\n"
)


@pytest.fixture
def world(transactional_db, alice, bob, matmul):
    path = make_path(matmul)
    cohort = Cohort.objects.create(name="Spring", path=path, starts_on=timezone.localdate())
    cohort.mentors.add(bob)
    cohort.learners.add(alice)
    request = request_review(alice, matmul, code=WIDE_CODE)
    mentor_reviews.review_claim(mentor=bob, request=request)
    mentor_reviews.line_comment_add(
        author=bob,
        request=request,
        submission=request.submission,
        file=matmul.entrypoint,
        line=2,
        body="Use **np.matmul**: it broadcasts over batches.",
    )
    notification_send(user=alice, kind="review", text="Bob commented on your attempt.", url="/")
    return {"path": path, "exercise": matmul, "request": request}


def session_cookie(user, live_server) -> dict:
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


def run_axe(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: { type: "tag", values: tags }, elementRef: true,
            });
            // CodeMirror's scroller holds a contenteditable textbox, which axe does not count as
            // focusable content; the caret keys scroll it (tests/browser/test_exercise_submit.py).
            for (const v of result.violations) {
                if (v.id === "scrollable-region-focusable") {
                    v.nodes = v.nodes.filter(n => !n.element || !n.element.matches(".cm-scroller")
                        || !n.element.querySelector(".cm-content[contenteditable=true]"));
                }
            }
            return result.violations.filter(v => v.nodes.length).map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + n.failureSummary),
            }));
        }""",
        TAGS,
    )


def test_the_main_pages_have_no_axe_violations_in_either_scheme(
    browser, live_server, world, alice, bob
):
    path, exercise, request = world["path"], world["exercise"], world["request"]
    visitor = [
        ("catalog", "/"),
        ("path", f"/paths/{path.slug}/"),
        ("unit", f"/paths/{path.slug}/1/"),
        ("login", "/accounts/login/"),
        ("signup", "/accounts/signup/"),
        ("404", "/no/such/page/"),
    ]
    learner = [
        ("exercise", f"/exercises/{exercise.slug}/"),
        ("dashboard", "/dashboard/"),
        ("submission", f"/submissions/{request.submission.pk}/"),
        ("attempts", f"/exercises/{exercise.slug}/attempts/"),
        ("profile", "/accounts/profile/"),
        ("notifications", "/notifications/"),
    ]
    mentor = [
        ("mentor queue", "/mentor/queue/"),
        ("review thread", f"/reviews/{request.pk}/"),
    ]
    # bypass_csp: the policy refuses the inline script axe is injected as (tests/browser/test_csp.py).
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    failures = []
    try:
        for who, pages in ((None, visitor), (alice, learner), (bob, mentor)):
            context.clear_cookies()
            if who is not None:
                context.add_cookies([session_cookie(who, live_server)])
            for name, url in pages:
                page.goto(live_server.url + url, wait_until="networkidle")
                for scheme in SCHEMES:
                    page.emulate_media(color_scheme=scheme)
                    # The editor changes theme on the media query's change event: read the
                    # page once it has (an opaque editor background), not in between.
                    page.wait_for_function(
                        """() => { const e = document.querySelector('.cm-editor');
                          return !e || !getComputedStyle(e).backgroundColor.startsWith('rgba(0, 0, 0, 0'); }"""
                    )
                    for v in run_axe(page):
                        nodes = "\n      ".join(v["nodes"])
                        failures.append(
                            f"{name} ({url}, {scheme}): {v['id']} [{v['impact']}] {v['help']}\n      {nodes}"
                        )
                    if shots := os.environ.get("A11Y_SCREENSHOTS"):
                        page.screenshot(path=f"{shots}/{name.replace(' ', '-')}-{scheme}.png")
    finally:
        context.close()
    assert not failures, f"{len(failures)} axe violations:\n" + "\n".join(failures)


def test_at_390_px_wide_code_scrolls_by_keyboard(browser, live_server, world, alice):
    """Code wider than a phone is a focusable region: Tab reaches it, the arrow keys scroll it."""
    exercise, submission = world["exercise"], world["request"].submission
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.set_default_timeout(15_000)
    context.add_cookies([session_cookie(alice, live_server)])
    page = context.new_page()
    try:
        for url, selector in [
            (f"/exercises/{exercise.slug}/", ".statement pre"),
            (f"/submissions/{submission.pk}/", "pre.code"),
        ]:
            page.goto(live_server.url + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
            region = page.locator(selector).first
            assert region.evaluate("e => e.scrollWidth > e.clientWidth"), f"{url}: not wide enough"
            assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-label")
            region.focus()
            page.keyboard.press("ArrowRight")
            page.keyboard.press("End")
            page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle())
    finally:
        context.close()
