"""A new learner in Chromium, against a real worker: sign up → enroll → week 1 → fail → fix →
pass → the progress bar and the streak move. Also: a notebook upload is graded, a draft
survives a reload, a broken notebook says what is wrong.

Set SCREENSHOTS_DIR to keep screenshots of the dashboard, exercise and result pages at
390 px and 1280 px.
"""

import json
import os
from pathlib import Path as FsPath

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.integration.test_grading_end_to_end import CORRECT, NO_SHAPE_CHECK

pytestmark = [pytest.mark.browser, pytest.mark.docker, pytest.mark.integration]

PATH = "ml-dl-engineer-16-weeks"
SHOTS = os.environ.get("SCREENSHOTS_DIR")


def shoot(page, name):
    if not SHOTS:
        return
    FsPath(SHOTS).mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    for w in (1280, 390):
        page.set_viewport_size({"width": w, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{w}.png", full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


@pytest.fixture
def content(transactional_db, tmp_path):
    call_command("import_content", "--dir", str(FsPath(settings.BASE_DIR) / "content"), verbosity=0)


def editor_fill(page, code):
    page.get_by_label("Your solution").fill(code)


def submit_and_wait(page, status):
    page.get_by_label("Your solution").press("Control+Enter")
    page.locator(f"#result [data-status={status}]").wait_for(timeout=120_000)


def test_a_new_learner_goes_from_sign_up_to_a_passed_exercise_and_visible_progress(
    page, live_server, content, grading_worker
):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Email").fill("dana@example.com")
    page.get_by_label("Password", exact=True).fill("a-long-unusual-pass-42")
    page.get_by_label("Password confirmation").fill("a-long-unusual-pass-42")
    page.get_by_role("button", name="Sign up").click()

    page.goto(f"{live_server.url}/paths/{PATH}/")
    page.get_by_role("link", name="Enroll in this path").click()
    page.get_by_role("button", name="Enroll", exact=True).click()
    page.wait_for_url(f"**/paths/{PATH}/schedule/")

    page.goto(f"{live_server.url}/paths/{PATH}/1/")
    panel = page.locator("#unit-progress")
    assert "0 / 2" in panel.locator(".progress-verified").inner_text()
    panel.get_by_role("link", name="Matrix multiplication from scratch").click()
    page.wait_for_url("**/exercises/matmul-from-scratch/")

    editor_fill(page, NO_SHAPE_CHECK)
    submit_and_wait(page, "failed")
    assert "A shape mismatch raises ValueError" in page.locator("#result").inner_text()
    shoot(page, "result-failed")

    editor_fill(page, CORRECT)
    submit_and_wait(page, "passed")
    assert "Correct on random shapes" in page.locator("#result").inner_text()
    shoot(page, "exercise-passed")

    page.goto(f"{live_server.url}/dashboard/")
    assert page.get_by_test_id("streak").inner_text() == "1"
    week = page.locator(".current-unit .progress-verified")
    assert "1 / 2" in week.inner_text()  # matmul verified; gradient descent still to pass
    assert page.get_by_test_id("unread-count").inner_text().startswith("2")  # two attempts graded
    shoot(page, "dashboard")

    page.goto(f"{live_server.url}/paths/{PATH}/1/")
    assert "1 / 2" in page.locator("#unit-progress .progress-verified").inner_text()
    shoot(page, "week")
    page.goto(f"{live_server.url}/exercises/matmul-from-scratch/attempts/")
    shoot(page, "attempts")


@pytest.fixture
def alice_page(page, live_server, alice, matmul):
    page.goto(f"{live_server.url}/accounts/login/?next=/exercises/{matmul.slug}/")
    page.get_by_label("Username").fill("alice@example.com")
    page.get_by_label("Password").fill("pw-alice-12345")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**/exercises/{matmul.slug}/")
    return page


def test_a_draft_survives_a_reload(alice_page):
    page = alice_page
    editor = page.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n# thinking about shapes")
    page.get_by_text("Draft saved.").wait_for()
    page.reload()
    assert "# thinking about shapes" in page.locator(".cm-content").inner_text()
    assert "Your saved draft." in page.locator("[data-draft-status]").inner_text()


def notebook_file(tmp_path, source_cells, broken=False):
    cells = [{"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# My matmul"}] + [
        {
            "cell_type": "code",
            "id": f"c{i}",
            "metadata": {},
            "source": src,
            "outputs": [],
            "execution_count": None,
        }
        for i, src in enumerate(source_cells)
    ]
    text = json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})
    path = tmp_path / "matmul.ipynb"
    path.write_text(text[:-20] if broken else text)
    return path


def test_a_notebook_upload_is_graded(alice_page, grading_worker, tmp_path):
    page = alice_page
    page.get_by_text("Or upload a file").click()
    page.get_by_label("Upload a file").set_input_files(
        notebook_file(tmp_path, ["import math", CORRECT])
    )
    page.get_by_role("button", name="Upload and submit").click()
    page.locator("#result [data-status=passed]").wait_for(timeout=120_000)


def test_a_broken_notebook_shows_its_error_and_keeps_the_code(alice_page, tmp_path):
    page = alice_page
    before = page.locator(".cm-content").inner_text()
    page.get_by_text("Or upload a file").click()
    page.get_by_label("Upload a file").set_input_files(
        notebook_file(tmp_path, [CORRECT], broken=True)
    )
    page.get_by_role("button", name="Upload and submit").click()
    refused = page.locator("#result .result-rejected")
    refused.wait_for()
    assert "is not a valid notebook: its JSON is broken" in refused.inner_text()
    # The one live text is the short summary; the report beside it is not read out again.
    assert "Not submitted" in page.locator("#result-summary[role=status]").inner_text()
    assert page.locator(".cm-content").inner_text() == before
