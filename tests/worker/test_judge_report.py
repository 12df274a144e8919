"""The result report shows checks with their points, the metrics table and the curves as a chart."""

from django.template.loader import render_to_string

RESULT = {
    "checks": [
        {
            "id": "test_accuracy",
            "name": "Accuracy on held-out digits",
            "kind": "metric",
            "status": "fail",
            "score": 0.0,
            "max_score": 4.0,
            "message": "accuracy over 360 rows was 0.0722",
            "hint": "Scale pixels",
        }
    ],
    "metrics": {
        "test_accuracy": {
            "name": "accuracy",
            "value": 0.0722,
            "threshold": 0.93,
            "higher_is_better": True,
            "reference": 0.9694,
            "credit": 0.0,
        }
    },
    "curves": {"loss": [[1, 2.3], [2, 9.1], [3, 14.0]], "<script>": [[1, 1.0]]},
    "resources": {"wall_seconds": 3.2, "cpu_seconds": 2.9, "peak_memory_bytes": 80_000_000},
    "exit_reason": "ok",
    "provenance": {"seed": 11, "grader_version": "1.1"},
}


def test_a_failed_metric_shows_value_threshold_reference_and_the_loss_curve():
    page = render_to_string("submissions/result_report.html", {"result": RESULT})
    assert "Accuracy on held-out digits" in page and "accuracy over 360 rows was 0.0722" in page
    assert '<th scope="row">Accuracy on held-out digits</th>' in page  # the check, not its id
    assert '<td class="num metric-value">0.0722</td>' in page and "≥ 0.93" in page
    assert '<td class="num">0.9694</td>' in page and '<td class="num">0%</td>' in page
    assert page.count("<figure") == 2 and 'data-chart="chart-' in page and "seed 11" in page
    assert "<polyline" not in page


PROBES = {
    "checks": [
        {
            "id": "correct_on_random_shapes",
            "name": "Correct on random shapes",
            "kind": "probe",
            "status": "fail",
            "score": 0.0,
            "max_score": 6.0,
            "message": "Case 1 of 7: matmul(...) returned a 2×3 list. (7 of 7 cases failed.)",
        },
        {
            "id": "no_numpy",
            "name": "Written without NumPy",
            "kind": "static",
            "status": "pass",
            "score": 1.0,
            "max_score": 1.0,
        },
    ]
}


def test_points_say_what_they_count_beside_the_cases():
    page = " ".join(render_to_string("submissions/result_report.html", {"result": PROBES}).split())
    assert "0 of 6 points" in page and "1 of 1 point<" in page and "0 / 6" not in page
    assert (
        "<strong>1 of 2</strong> checks passed" in page and "<strong>1 of 7</strong> points" in page
    )
    assert "in proportion to the cases it passes" in page


def test_no_curves_render_no_figure():
    page = render_to_string("submissions/result_report.html", {"result": {"curves": {}}})
    assert "<figure" not in page and "charts.js" not in page
