"""The grading pipeline against the real Docker engine, without Celery."""

import pytest
from django.conf import settings

from curriculum.content.exercise_packages import find_package
from worker.pipeline import grade_files

pytestmark = pytest.mark.docker


@pytest.fixture
def package(matmul, sandbox_ready):
    return find_package(settings.CONTENT_DIR / "exercises", "matmul-from-scratch")


def grade(matmul, package, code):
    result, exit_reason = grade_files(
        matmul, package, {"solution.py": code}, seed=5, labels={"backprop.test": "1"}
    )
    return result, exit_reason


def checks(result):
    return {c["id"]: c for c in result["checks"]}


def test_the_reference_scores_full_marks(matmul, package):
    result, exit_reason = grade(matmul, package, package.reference["solution.py"])
    assert (exit_reason, result["status"], result["score"]) == ("ok", "pass", 1.0)
    assert result["provenance"]["versions"].get("python", "").startswith("3.11")


def test_the_starter_runs_but_does_not_pass(matmul, package):
    result, _ = grade(matmul, package, package.starter["solution.py"])
    assert result["status"] == "fail"
    assert checks(result)["correct_on_random_shapes"]["status"] == "fail"
    assert checks(result)["no_numpy"]["status"] == "pass"


def test_a_syntax_error_is_reported_on_its_line(matmul, package):
    result, _ = grade(matmul, package, "def matmul(A, B)\n    return A\n")
    assert result["status"] == "fail"
    assert "line 1: syntax error" in checks(result)["no_numpy"]["message"]
    assert "SyntaxError" in checks(result)["correct_on_random_shapes"]["message"]


def test_an_infinite_loop_is_stopped_and_reported(matmul, package):
    result, _ = grade(matmul, package, "def matmul(A, B):\n    while True:\n        pass\n")
    assert result["status"] == "fail"
    assert "did not return within" in checks(result)["correct_on_random_shapes"]["message"]


def test_printed_output_is_shown_but_never_trusted(matmul, package):
    code = "print('ALL CHECKS PASSED')\ndef matmul(A, B):\n    return [[0]]\n"
    result, _ = grade(matmul, package, code)
    assert result["status"] == "fail"
    assert "ALL CHECKS PASSED" in result["stdout"]


def test_the_check_exercises_command_proves_one_package(matmul, sandbox_ready, capsys):
    """The command on one slug: reference 1.0, starter fails, each wrong solution fails its
    target check. The whole bank runs as `make check-exercises` in .ci/run, outside pytest,
    so its time is its own and adding a package changes no test."""
    from django.core.management import call_command

    call_command("check_exercises", "matmul-from-scratch")
    out = capsys.readouterr().out
    assert "1 exercises: 1 references passed, 1 starters failed" in out
    assert "ok   matmul-from-scratch: wrong/numpy_through_exec fails no_numpy" in out


def test_a_wrong_mlp_shows_the_failed_check_its_accuracy_against_the_threshold_and_its_loss_curve(
    db, sandbox_ready
):
    from django.template.loader import render_to_string

    from curriculum.content.exercise_sync import exercise_rows_sync
    from curriculum.models import Exercise

    package = find_package(settings.CONTENT_DIR / "exercises", "mlp-numpy-digits")
    exercise_rows_sync([package])
    wrong = (package.root / "wrong/forgot_to_normalize.py").read_text()
    result, _ = grade_files(
        Exercise.objects.get(slug="mlp-numpy-digits"),
        package,
        {"solution.py": wrong},
        seed=11,
        labels={"backprop.test": "1"},
    )
    accuracy = checks(result)["test_accuracy"]
    assert (
        accuracy["status"] == "fail"
        and checks(result)["gradients_match_finite_differences"]["status"] == "pass"
    )
    assert (
        "accuracy over 1000 rows was" in accuracy["message"]
        and "full marks need ≥ 0.9 " in accuracy["message"]
    )
    assert result["metrics"]["test_accuracy"]["value"] < 0.5
    assert len(result["curves"]["loss"]) == 20 and "loss (run 3)" in result["curves"]  # 20 epochs
    page = render_to_string("submissions/result_report.html", {"result": result})
    assert "Accuracy of your trained network on 1,000 held-out MNIST digits" in page
    assert "≥ 0.9" in page
    assert page.count('data-chart="chart-') == 1  # the three runs of `loss`, drawn as one chart
