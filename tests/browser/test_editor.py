"""The exercise page's editor in Chromium, no worker needed: its class survives focus, focus
comes back after a submit, a 5 MB paste is refused in the result area with the code kept, and
the attempts list follows the submission.

Set SCREENSHOTS_DIR to keep screenshots of the refused paste at 390 px and 1280 px.
"""

import os
from pathlib import Path as FsPath

import pytest

from submissions.models import Submission
from tests.factories import CORRECT

pytestmark = [pytest.mark.browser]

SHOTS = os.environ.get("SCREENSHOTS_DIR")
FIVE_MB = 5 * 1024 * 1024
# 5 MB in lines of 60 bytes. A browser sends a form's line breaks as CRLF, so the server
# receives (and reports) 1/60 more: 5.1 MB.
BIG = ("x = 1  # " + "a" * 50 + "\n") * (FIVE_MB // 60)


@pytest.fixture
def learner_page(transactional_db, page, live_server, alice, matmul, enqueued):
    page.goto(f"{live_server.url}/accounts/login/?next=/exercises/{matmul.slug}/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("pw-alice-12345")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/exercises/{matmul.slug}/")
    page.wait_for_function("window.backpropEditor !== undefined")
    return page


def shoot(page, name, locator=None):
    if not SHOTS:
        return
    FsPath(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        if locator is not None:
            locator.scroll_into_view_if_needed()
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})


def editor_set(page, code):
    """Replace the editor's whole document (typing 5 MB key by key would take minutes)."""
    page.evaluate(
        """(code) => { const view = window.backpropEditor;
        view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: code}}); }""",
        code,
    )


def editor_code(page):
    return page.evaluate("window.backpropEditor.state.doc.toString()")


def test_the_editor_keeps_its_class_its_border_and_height_cap_after_focus(learner_page):
    page = learner_page
    editor = page.locator(".cm-editor")
    assert "code-editor" in editor.get_attribute("class")
    page.locator(".cm-content").click()
    page.wait_for_function("document.querySelector('.cm-editor').classList.contains('cm-focused')")
    classes = editor.get_attribute("class")
    assert "code-editor" in classes and "cm-focused" in classes
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('.cm-editor'));
        const scroller = getComputedStyle(document.querySelector('.cm-scroller'));
        return {border: s.borderTopWidth, outline: s.outlineStyle, max: scroller.maxHeight}; }"""
    )
    assert style["border"] == "1px" and style["outline"] == "solid" and style["max"] != "none"


def test_focus_comes_back_to_the_button_after_a_submit(learner_page):
    page = learner_page
    editor_set(page, CORRECT)
    button = page.get_by_role("button", name="Submit for grading")
    button.focus()
    button.press("Enter")
    page.locator("#result [data-status=queued]").wait_for()
    page.wait_for_function("!document.querySelector('#submit-form button[type=submit]').disabled")
    page.wait_for_function("document.activeElement !== document.body")
    active = page.evaluate("document.activeElement.textContent.trim()")
    assert active == "Submit for grading"


def test_a_5_mb_paste_is_refused_in_the_result_area_and_the_code_stays(learner_page):
    page = learner_page
    code = BIG
    editor_set(page, code)
    page.get_by_role("button", name="Submit for grading").click()
    refused = page.locator("#result .result-rejected")
    refused.wait_for()
    text = refused.inner_text()
    assert "Your code is 5.1 MB as sent; a source file may be at most 256 KB." in text
    assert "Your code is still in the editor" in text
    summary = page.locator("#result-summary")
    assert summary.get_attribute("role") == "status"
    assert summary.inner_text().startswith("Not submitted: Your code is")
    assert editor_code(page) == code
    assert not Submission.objects.exists()
    shoot(page, "exercise-refused", refused)


def test_the_autosave_of_a_5_mb_draft_says_why_it_was_not_saved(learner_page):
    page = learner_page
    editor_set(page, BIG)
    status = page.locator("[data-draft-status]")
    page.wait_for_function(
        "document.querySelector('[data-draft-status]').textContent.includes('a draft may be at most')",
        timeout=60_000,  # 5 MB through CodeMirror and FormData: seconds on a loaded machine
    )
    assert status.inner_text() == (
        "The draft is 5.1 MB as sent; a draft may be at most 256 KB, so it was not saved."
    )


def test_the_attempts_list_follows_a_submission(learner_page):
    page = learner_page
    editor_set(page, CORRECT)
    page.get_by_role("button", name="Submit for grading").click()
    page.locator("#result [data-status=queued]").wait_for()
    submission = Submission.objects.get()
    page.locator("#attempts").get_by_role("link", name=f"Attempt #{submission.pk}").wait_for()
    assert page.locator("#attempts ol").count() == 0
    assert "queued, waiting for a grading worker" in page.locator("#result-summary").inner_text()
    shoot(page, "exercise-attempts", page.locator("#attempts"))


def test_the_editor_follows_the_colour_scheme(learner_page):
    page = learner_page

    page.emulate_media(color_scheme="light")
    page.wait_for_function(
        "getComputedStyle(document.querySelector('.cm-editor')).backgroundColor === 'rgb(255, 255, 255)'"
    )
    page.emulate_media(color_scheme="dark")
    # One Dark's background, opaque and dark (the switch happens on the media query's event).
    page.wait_for_function(
        r"""() => { const m = getComputedStyle(document.querySelector('.cm-editor'))
            .backgroundColor.match(/^rgb\((\d+), (\d+), (\d+)\)$/);
          return m && Math.max(+m[1], +m[2], +m[3]) < 80; }"""
    )
    assert page.locator(".cm-editor.code-editor").count() == 1  # our class kept across the switch
    shoot(page, "editor-dark")
