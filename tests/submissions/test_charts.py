"""Chart specs: identical seeded runs are one line, differing runs a median in a band, epochs
are whole numbers, and the figure carries its data as JSON with a table for no-JS readers."""

import json
import re
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import timezone

from submissions.charts import MAX_POINTS, bar_chart, curve_charts, score_history_chart

LOSS = [[float(e), round(2.3 / e, 4)] for e in range(1, 16)]
THREE_SEEDED_RUNS = {"loss": LOSS, "loss (run 2)": LOSS, "loss (run 3)": LOSS}


def test_three_identical_runs_are_one_series_on_whole_epochs():
    [chart] = curve_charts(THREE_SEEDED_RUNS)
    assert [s["label"] for s in chart["series"]] == ["loss"]
    assert "3 runs logged identical values" in chart["note"]
    assert chart["x"] == {"label": "Epoch", "integer": True}
    assert chart["y"]["label"] == "loss"
    xs = chart["data"][0]
    assert xs == list(range(1, 16)) and all(type(x) is int for x in xs)
    assert len(chart["data"]) == 2 and chart["data"][1][0] == 2.3


def test_differing_runs_are_their_median_inside_a_min_max_band():
    runs = {
        "loss": [[1, 1.0], [2, 0.5]],
        "loss (run 2)": [[1, 3.0], [2, 0.7]],
        "loss (run 3)": [[1, 2.0], [2, 0.6], [3, 0.4]],
        "acc": [[1, 0.5], [2, 0.75]],
    }
    loss, acc = curve_charts(runs)
    assert [s["role"] for s in loss["series"]] == ["line", "upper", "lower"]
    assert loss["series"][0]["label"] == "loss, median of 3 runs"
    assert loss["data"] == [[1, 2, 3], [2.0, 0.6, 0.4], [3.0, 0.7, 0.4], [1.0, 0.5, 0.4]]
    assert acc["series"] == [{"label": "acc", "role": "line"}] and acc["note"] == ""


def test_fractional_steps_are_not_called_epochs_and_bad_points_are_dropped():
    [chart] = curve_charts(
        {"lr": [[0.5, 1.0], [1.0, float("nan")], [1.5, 2.0], [1.2, 9.0], ["x", 1], [2.5]]}
    )
    assert chart["x"] == {"label": "Step", "integer": False}
    assert chart["data"] == [[0.5, 1.5], [1.0, 2.0]]
    assert curve_charts({}) == [] and curve_charts({"loss": []}) == []


def test_long_curves_are_thinned_keeping_the_last_point():
    [chart] = curve_charts({"loss": [[e, 1 / e] for e in range(1, 2001)]})
    assert len(chart["data"][0]) == MAX_POINTS and chart["data"][0][-1] == 2000


def test_the_figure_carries_json_and_a_fallback_table_never_markup():
    hostile = {"<img src=x onerror=alert(1)>": [[1, 1.0], [2, 0.5]]}
    page = render_to_string("submissions/result_report.html", {"result": {"curves": hostile}})
    assert "<img" not in page and "&lt;img src=x" in page  # the figure's title and table
    [script] = re.findall(
        r'<script id="(chart-[0-9a-f]+)" type="application/json">(.*?)</script>', page
    )
    spec = json.loads(script[1])
    assert spec["series"][0]["label"] == "<img src=x onerror=alert(1)>"
    assert f'data-chart="{script[0]}"' in page and 'src="/static/js/charts.js"' in page
    assert '<details class="chart-data" open>' in page and '<th scope="row">&lt;img' in page


def test_the_report_draws_seeded_runs_once():
    page = render_to_string(
        "submissions/result_report.html", {"result": {"curves": THREE_SEEDED_RUNS}}
    )
    assert page.count("<figure") == 1 and "(run 2)" not in page
    assert "3 runs logged identical values" in page


def _attempt(pk, score, status, minutes):
    return SimpleNamespace(
        pk=pk,
        score=score,
        status=status,
        created_at=timezone.now() + timezone.timedelta(minutes=minutes),
        get_status_display=lambda: status.capitalize(),
    )


def test_score_history_numbers_attempts_and_marks_passes():
    chart = score_history_chart(
        [
            _attempt(9, 1.0, "passed", 5),
            _attempt(7, 0.25, "failed", 0),
            _attempt(8, None, "error", 2),
        ]
    )
    assert chart["data"] == [[1, 2], [0.25, 1.0], [None, 1.0]]
    assert chart["x"]["integer"] and chart["x"]["names"][0].startswith("#7 · ")
    assert (chart["y"]["min"], chart["y"]["max"]) == (0, 1)
    assert chart["summary"]["rows"] == [["1. #7", "0.25", "Failed"], ["2. #9", "1.00", "Passed"]]
    assert score_history_chart([]) is None


def test_bar_chart_keeps_each_label_and_its_text():
    chart = bar_chart(
        [("Matrix multiplication from scratch", 1.0, "100% of 1 learner")],
        title="Pass rate",
        value_label="Learners who passed",
        maximum=1,
        percent=True,
    )
    assert chart["x"]["names"] == ["Matrix multiplication from scratch"]
    assert chart["series"][0]["texts"] == ["100% of 1 learner"] and chart["data"] == [[0], [1.0]]
