"""The result report shows checks, the metrics table and the curves as an inline SVG."""

from django.template.loader import render_to_string

from submissions.charts import line_chart

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
    assert "<td>0.0722</td>" in page and "≥ 0.93" in page and "<td>0.9694</td>" in page
    assert page.count("<polyline") == 2 and "seed 11" in page


def test_series_names_are_escaped_and_non_finite_points_dropped():
    svg = str(line_chart({"<script>": [[0, 1.0], [1, float("nan")], [2, 3.0]]}))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count(",") >= 2 and "nan" not in svg


def test_no_curves_render_nothing():
    assert str(line_chart({})) == "" and str(line_chart({"loss": []})) == ""
