"""Charts in Chromium: uPlot draws the result's loss curves, the score history and analytics.

The result document is built the way the worker stores it (curves_from over report.log
records: three seeded repeats of 15 epochs), so the chart must show one `loss` line on whole
epochs with axis titles, and keep up with a 390 px phone. Set SCREENSHOTS_DIR to keep
screenshots at 390 and 1280 px.
"""

import os
from pathlib import Path as FsPath

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Enrollment
from submissions.models import Submission
from tests.factories import attempt, make_path
from worker.judge.grade import curves_from

pytestmark = [pytest.mark.browser]

SHOTS = os.environ.get("SCREENSHOTS_DIR")
LOSSES = [2.31 * 0.8**e for e in range(15)]


def result_document():
    records = [{"epoch": e + 1, "loss": loss} for _ in range(3) for e, loss in enumerate(LOSSES)]
    records += [
        {"epoch": e + 1, "acc": 0.5 + e / 40 + run / 50} for run in range(3) for e in range(15)
    ]
    return {
        "version": 1,
        "status": "fail",
        "score": 0.3,
        "checks": [
            {
                "id": "gradients",
                "name": "Gradients match finite differences",
                "kind": "probe",
                "status": "fail",
                "score": 0.0,
                "max_score": 6.0,
                "message": "Case 1 of 7: backward(...) returned the wrong shape. (7 of 7 cases failed.)",
            },
            {
                "id": "test_accuracy",
                "name": "Accuracy on held-out digits",
                "kind": "metric",
                "status": "fail",
                "score": 3.0,
                "max_score": 4.0,
                "message": "accuracy over 360 rows was 0.91; full marks need ≥ 0.93",
            },
        ],
        "metrics": {
            "test_accuracy": {
                "name": "accuracy",
                "value": 0.91,
                "threshold": 0.93,
                "higher_is_better": True,
                "reference": 0.9694,
                "credit": 0.75,
            },
        },
        "curves": curves_from(records),
        "resources": {"wall_seconds": 3.2, "cpu_seconds": 2.9, "peak_memory_bytes": 80_000_000},
        "exit_reason": "ok",
        "provenance": {"seed": 11, "grader_version": "1.1"},
    }


def log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def shoot(page, name):
    if not SHOTS:
        return
    FsPath(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(300)  # the ResizeObserver redraws
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def chart_state(figure):
    return figure.evaluate(
        """f => ({
            canvas: !!f.querySelector('canvas'),
            width: f.querySelector('canvas').getBoundingClientRect().width,
            xLabel: f.uplot.axes[0].label, yLabel: f.uplot.axes[1].label,
            xTicks: f.uplot.axes[0]._values,
            legend: [...f.querySelectorAll('.u-legend .u-series .u-label')].map(e => e.textContent),
            tableOpen: f.querySelector('details.chart-data').open,
        })"""
    )


@pytest.fixture
def graded(transactional_db, alice, matmul):
    submission = attempt(alice, matmul, status="failed", score=0.3)
    Submission.objects.filter(pk=submission.pk).update(result=result_document())
    return submission


def test_the_loss_curve_is_one_line_on_whole_epochs_with_axis_titles(
    page, live_server, graded, alice
):
    log_in(page, live_server, "alice", "pw-alice-12345")
    page.goto(f"{live_server.url}{graded.get_absolute_url()}")
    loss = page.locator("figure.chart-drawn", has_text="loss by epoch")
    loss.wait_for()
    state = chart_state(loss)
    assert state["canvas"] and not state["tableOpen"]
    assert (state["xLabel"], state["yLabel"]) == ("Epoch", "loss")
    assert state["legend"] == ["Epoch", "loss"]  # three seeded runs, one line
    ticks = [t for t in state["xTicks"] if t]
    assert ticks and all(t.isdigit() for t in ticks), state["xTicks"]
    acc = chart_state(page.locator("figure.chart-drawn", has_text="acc by epoch"))
    assert acc["legend"] == ["Epoch", "acc, median of 3 runs", "highest run", "lowest run"]
    assert page.get_by_text("0 of 6 points").is_visible()

    loss.locator(".u-over").hover()  # the legend reads the values under the cursor
    values = loss.locator(".u-legend .u-value").all_text_contents()
    assert values[0].isdigit() and values[1] not in ("", "–", "--")

    shoot(page, "result")
    page.set_viewport_size({"width": 390, "height": 900})
    page.wait_for_function(
        "() => document.querySelector('figure.chart-drawn canvas').getBoundingClientRect().width < 390"
    )
    if SHOTS:
        loss.screenshot(path=f"{SHOTS}/result-loss-chart-390.png")
    phone = chart_state(loss)
    assert phone["width"] <= 360 and all(t.isdigit() for t in phone["xTicks"] if t)
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0


def test_without_javascript_the_numbers_are_shown(browser, live_server, graded):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server, "alice", "pw-alice-12345")
    page.goto(f"{live_server.url}{graded.get_absolute_url()}")
    table = page.locator("figure", has_text="loss by epoch").locator("table")
    assert table.is_visible() and "15" in table.inner_text()
    context.close()


def test_score_history_and_analytics_use_the_same_charts(
    page, live_server, alice, charlie, admin_user, matmul, transactional_db
):
    path = make_path(matmul)
    for user in (alice, charlie):
        Enrollment.objects.create(
            user=user, path=path, started_on=timezone.localdate(), weekly_hours=5
        )
    attempt(alice, matmul, status="failed", score=0.25)
    attempt(alice, matmul, status="failed", score=0.6)
    attempt(alice, matmul, status="passed", score=1.0)
    attempt(charlie, matmul, status="failed", score=0.1)

    log_in(page, live_server, "alice", "pw-alice-12345")
    page.goto(live_server.url + reverse("submissions:attempts", args=[matmul.slug]))
    history = page.locator("figure.chart-drawn", has_text="Score of each attempt")
    history.wait_for()
    state = chart_state(history)
    assert (state["xLabel"], state["yLabel"]) == ("Attempt", "Score (0–1)")
    assert state["legend"] == ["Attempt", "score", "passed"]
    assert all(t.isdigit() for t in state["xTicks"] if t)
    shoot(page, "attempts")

    page.context.clear_cookies()
    log_in(page, live_server, "ada", "pw-ada-12345")
    page.goto(live_server.url + reverse("mentoring:analytics"))
    bars = page.locator("figure.chart-drawn")
    bars.first.wait_for()
    assert bars.count() == 2
    assert "50% of 2 learners" in bars.first.locator("details").text_content()
    shoot(page, "analytics")
    if SHOTS:
        page.set_viewport_size({"width": 390, "height": 900})
        page.wait_for_timeout(300)
        bars.first.screenshot(path=f"{SHOTS}/analytics-pass-chart-390.png")


def test_a_result_swapped_in_by_htmx_draws_its_chart(
    page, live_server, alice, matmul, transactional_db
):
    queued = Submission.objects.create(
        user=alice, exercise=matmul, files={"solution.py": ""}, seed=1
    )
    log_in(page, live_server, "alice", "pw-alice-12345")
    page.goto(live_server.url + reverse("submissions:exercise", args=[matmul.slug]))
    page.locator("#result [data-status=queued]").wait_for()
    Submission.objects.filter(pk=queued.pk).update(
        status="failed", score=0.3, result=result_document(), finished_at=timezone.now()
    )
    loss = page.locator("#result figure.chart-drawn", has_text="loss by epoch")
    loss.wait_for(timeout=15_000)
    assert chart_state(loss)["legend"] == ["Epoch", "loss"]
    assert page.locator("script[src*='js/charts.js']").count() >= 1
