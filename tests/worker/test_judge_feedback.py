"""Feedback that names the learner's own line, a constant factor, and a hint chosen by what the
rest of the result shows (issue #13, item 7)."""

from types import SimpleNamespace

import numpy as np
import pytest

from curriculum.content.exercise_packages import _hints_problems
from worker.judge.compare import compare
from worker.judge.grade import Observation, judge
from worker.judge.hints import choose_hint

TRACEBACK = """Traceback (most recent call last):
  File "/opt/backprop/backprop_harness/child.py", line 212, in _call
    value = target(*args, **kwargs)
            ^^^^^^^^^^^^^^^^^^^^^^^
  File "/work/helpers.py", line 3, in row
    return matrix[i]
           ~~~~~~^^^
IndexError: list index out of range"""


def ok(value):
    return {"status": "ok", "value": value}


def test_an_exception_names_the_learners_file_line_and_source():
    message = compare(
        ok(1),
        {
            "status": "raised",
            "exception": {
                "type": "IndexError",
                "message": "list index out of range",
                "traceback": TRACEBACK,
            },
        },
        {},
    )
    assert message == (
        "raised IndexError: list index out of range "
        "(helpers.py, line 3, in row: `return matrix[i]`)"
    )


def test_an_exception_without_a_learner_frame_is_said_as_before():
    message = compare(
        ok(1), {"status": "raised", "exception": {"type": "KeyError", "message": "'x'"}}, {}
    )
    assert message == "raised KeyError: 'x'"


@pytest.mark.parametrize(
    ("got", "says"),
    [
        (np.array([[1.0, 2.0], [3.0, 4.0]]) * 0.5, "Every entry is 0.5× the expected"),
        (np.array([[1.0, 2.0], [3.0, 4.0]]) * 2, "Every entry is 2× the expected"),
        (-np.array([[1.0, 2.0], [3.0, 4.0]]), "opposite sign"),
    ],
)
def test_one_factor_off_everywhere_is_said(got, says):
    message = compare(ok(np.array([[1.0, 2.0], [3.0, 4.0]])), ok(got), {"mode": "allclose"})
    assert says in message


def test_unrelated_errors_name_no_factor():
    message = compare(ok([1.0, 2.0, 3.0]), ok([2.0, 2.0, 9.0]), {"mode": "allclose"})
    assert "factor" not in message and "sign" not in message


HINTED = {
    "id": "folds",
    "hint": "general advice",
    "hints": [
        {"when": {"source_has": ["dropna"]}, "text": "keep every row"},
        {"when": {"failed": ["r2"], "source_lacks": ["StandardScaler"]}, "text": "scale"},
    ],
}


@pytest.mark.parametrize(
    ("source", "statuses", "hint"),
    [
        ("df.dropna()", {"r2": "pass"}, "keep every row"),
        ("plain code", {"r2": "fail"}, "scale"),
        ("StandardScaler()", {"r2": "fail"}, "general advice"),
        ("plain code", {"r2": "pass"}, "general advice"),
    ],
)
def test_the_hint_follows_the_source_and_the_other_checks(source, statuses, hint):
    assert choose_hint(HINTED, statuses, {"solution.py": source}) == hint


def test_judge_puts_the_chosen_hint_on_the_failed_check():
    package = SimpleNamespace(
        slug="adder",
        hash="ab" * 32,
        spec={"grader_version": 1},
        root=None,
        checks=[
            {
                "id": "sums",
                "kind": "probe",
                "name": "Adds",
                "hint": "use +",
                "hints": [{"when": {"source_has": ["a - b"]}, "text": "that is a difference"}],
            }
        ],
    )
    result = judge(
        package=package,
        plan={"steps": [{"id": "sums#0", "function": "add", "args": [1, 2], "kwargs": {}}]},
        sources={"solution.py": "def add(a, b):\n    return a - b\n"},
        learner=Observation(
            exit_reason="ok", steps={"sums#0": {"id": "sums#0", "status": "ok", "value": -1}}
        ),
        reference={"sums#0": {"status": "ok", "value": 3}},
        seed=1,
        limits={},
    )
    assert result["checks"][0]["hint"] == "that is a difference"


@pytest.mark.parametrize(
    "hints",
    [
        [],
        [{"text": "no condition"}],
        [{"when": {"sometimes": ["x"]}, "text": "t"}],
        [{"when": {"failed": "not-a-list"}, "text": "t"}],
    ],
)
def test_malformed_hints_are_reported_by_the_package_check(hints):
    assert _hints_problems({"id": "c", "kind": "probe", "hints": hints})
