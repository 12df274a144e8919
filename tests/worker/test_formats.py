"""Our result document converts down to Exercism's results.json v3 and Gradescope's results.json."""

from types import SimpleNamespace

import numpy as np

from worker.judge.formats import to_exercism, to_gradescope
from worker.judge.grade import Observation, judge

PLAN = {
    "steps": [
        {"id": "sums#0", "function": "add", "args": [1, 2], "kwargs": {}, "timeout_seconds": 1}
    ]
}


def a_result(learner_value):
    package = SimpleNamespace(
        slug="adder",
        hash="ab" * 32,
        spec={"grader_version": 2},
        root=None,
        checks=[
            {"id": "sums", "kind": "probe", "name": "Adds", "weight": 3, "hint": "use +"},
            {"id": "no_numpy", "kind": "static", "name": "No NumPy", "forbid_imports": ["numpy"]},
        ],
    )
    learner = Observation(
        exit_reason="ok",
        steps={"sums#0": {"id": "sums#0", "status": "ok", "value": learner_value}},
        stdout="hello\n",
        wall_seconds=1.25,
    )
    reference = {"sums#0": {"status": "ok", "value": np.int64(3)}}
    return judge(
        package=package,
        plan=PLAN,
        sources={"solution.py": "def add(a, b):\n    return a - b\n"},
        learner=learner,
        reference=reference,
        seed=7,
        limits={},
    )


def test_a_failing_result_converts_to_exercism_v3():
    exercism = to_exercism(a_result(-1))
    assert exercism["version"] == 3 and exercism["status"] == "fail"
    assert [t["name"] for t in exercism["tests"]] == ["Adds", "No NumPy"]
    assert exercism["tests"][0]["status"] == "fail"
    assert "should be 3 but was -1" in exercism["tests"][0]["message"]
    assert "Hint: use +" in exercism["tests"][0]["message"]
    assert exercism["tests"][1] == {"name": "No NumPy", "status": "pass"}
    assert exercism["tests"][0]["output"] == "hello\n"


def test_a_failing_result_converts_to_gradescope_points():
    gradescope = to_gradescope(a_result(-1), points=10)
    assert gradescope["score"] == 2.5 and gradescope["max_score"] == 10
    assert [(t["score"], t["max_score"], t["status"]) for t in gradescope["tests"]] == [
        (0.0, 7.5, "failed"),
        (2.5, 2.5, "passed"),
    ]
    assert gradescope["execution_time"] == 1.25
    assert gradescope["extra_data"]["provenance"]["grader_version"].endswith(".2")


def test_a_passing_result_passes_in_both():
    result = a_result(3)
    assert to_exercism(result)["status"] == "pass"
    assert to_gradescope(result, points=10)["score"] == 10
