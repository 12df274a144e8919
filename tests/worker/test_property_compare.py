"""`compare: {mode: property}`: a probe whose answer has many right values (any stratified
split) is judged by grader.py's function of the value and the case, not by the reference's
own value."""

from pathlib import Path

import numpy as np

from curriculum.content.exercise_packages import load_package
from sandbox.harness import codec
from worker.judge.grade import JudgeInputs, Observation, judge_check

PACKAGE = Path(__file__).resolve().parents[2] / "content/exercises/stratified-kfold-by-hand"
Y = [0, 0, 0, 0, 1, 1, 1, 1]


def _judge(value=None, status="ok", exception=None):
    package, problems = load_package(PACKAGE)
    assert problems == []
    check = next(c for c in package.checks if c["id"] == "folds_are_stratified")
    steps = [
        {
            "id": "folds_are_stratified#0",
            "function": "stratified_folds",
            "args": codec.encode([np.array(Y), 2, 0]),
            "kwargs": {},
        }
    ]
    outcome = {"id": steps[0]["id"], "status": status}
    if status == "ok":
        outcome["value"] = np.asarray(value)
    if exception:
        outcome["exception"] = exception
    learner = Observation(exit_reason="ok", steps={steps[0]["id"]: outcome})
    # the reference's value is deliberately another valid split: it must not matter
    reference = {steps[0]["id"]: {"status": "ok", "value": np.array([1, 0, 1, 0, 0, 1, 0, 1])}}
    inputs = JudgeInputs(package, steps, {}, learner, reference)
    result, _ = judge_check(check, inputs)
    return result


def test_any_split_with_the_properties_passes_whatever_the_reference_drew():
    assert _judge([0, 1, 0, 1, 1, 0, 1, 0]).status == "pass"
    assert _judge([0, 0, 1, 1, 0, 0, 1, 1]).status == "pass"


def test_a_split_that_ignores_the_classes_fails_and_says_how():
    result = _judge([0, 0, 0, 0, 1, 1, 1, 1])
    assert result.status == "fail" and result.score == 0
    assert result.message.startswith("Case 1 of 1: stratified_folds(")
    assert "put class 0 (4 rows) into the 2 folds as [4, 0]" in result.message


def test_an_exception_is_reported_as_a_probe_reports_it():
    result = _judge(status="raised", exception={"type": "IndexError", "message": "out of range"})
    assert result.status == "fail" and "raised IndexError: out of range" in result.message


def test_a_property_check_must_name_its_grader_function(tmp_path):
    root = tmp_path / "demo"
    for folder in ("starter", "reference"):
        (root / folder).mkdir(parents=True)
        (root / folder / "solution.py").write_text("def f():\n    return 1\n")
    (root / "statement.md").write_text("Do it.\n")
    (root / "exercise.yaml").write_text(
        "slug: demo\ntitle: Demo\nchecks:\n"
        "  - {id: p, kind: probe, call: f, compare: {mode: property}}\n"
    )
    _, problems = load_package(root)
    assert any("compare.mode property needs compare.function" in str(p) for p in problems)
