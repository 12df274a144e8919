"""A learner in Chromium: log in, open the exercise, submit, watch the result arrive live."""

import os

import pytest

from tests.integration.test_grading_end_to_end import CORRECT, NO_SHAPE_CHECK

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

pytestmark = [pytest.mark.browser, pytest.mark.docker, pytest.mark.integration]


@pytest.fixture
def learner_page(page, live_server, alice, matmul, grading_worker):
    page.goto(f"{live_server.url}/accounts/login/?next=/exercises/{matmul.slug}/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("pw-alice-12345")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/exercises/{matmul.slug}/")
    return page


def submit_code(page, code):
    page.get_by_label("Your solution").fill(code)
    page.get_by_role("button", name="Submit for grading").click()


def test_a_correct_solution_shows_passed_without_a_reload(learner_page):
    page = learner_page
    page.evaluate("window.__same_document = true")
    submit_code(page, CORRECT)
    result = page.locator("#result .result")
    result.locator("text=Waiting for a grading worker").or_(
        result.locator("text=Running your code")
    ).or_(page.locator("[data-status=passed]")).first.wait_for(timeout=10_000)
    page.locator("#result [data-status=passed]").wait_for(timeout=120_000)
    assert page.evaluate("window.__same_document") is True  # no navigation happened
    assert "1.00" in page.locator("#result .result-head strong").inner_text()


def test_a_wrong_solution_shows_the_failing_checks_message(learner_page):
    page = learner_page
    submit_code(page, NO_SHAPE_CHECK)
    page.locator("#result [data-status=failed]").wait_for(timeout=120_000)
    text = page.locator("#result").inner_text()
    assert "A shape mismatch raises ValueError" in text
    assert "expected ValueError to be raised, but it returned" in text
    assert "Hint:" in text
