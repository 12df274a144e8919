"""Package validation names the file, line and field of every problem; metric names stay in step."""

import textwrap

import numpy as np

from curriculum.content.exercise_packages import METRIC_NAMES, load_package
from worker.judge.metrics import METRICS, credit_for


def a_package(tmp_path, checks_yaml, extra_files=()):
    root = tmp_path / "demo"
    for folder in ("starter", "reference", "hidden", "data"):
        (root / folder).mkdir(parents=True)
    (root / "starter/solution.py").write_text("def f():\n    pass\n")
    (root / "reference/solution.py").write_text("def f():\n    return 1\n")
    (root / "statement.md").write_text("Do it.\n")
    for name in extra_files:
        np.save(root / name, np.zeros(3))
    (root / "exercise.yaml").write_text(
        "slug: demo\ntitle: Demo\nchecks:\n" + textwrap.indent(textwrap.dedent(checks_yaml), "  ")
    )
    return load_package(root)


def messages(problems):
    return [str(p) for p in problems]


def test_a_valid_metric_package_loads(tmp_path):
    package, problems = a_package(
        tmp_path,
        """\
        - id: acc
          kind: metric
          call: fit_predict
          metric: accuracy
          labels: hidden/y.npy
          thresholds: [{at: 0.9, credit: 1}]
    """,
        extra_files=["hidden/y.npy"],
    )
    assert problems == [] and package.checks[0]["metric"] == "accuracy"
    assert "hidden/y.npy" not in package.data and package.data == {}


def test_metric_check_problems_point_at_their_line_and_field(tmp_path):
    _, problems = a_package(
        tmp_path,
        """\
        - id: acc
          kind: metric
          call: fit_predict
          metric: accuracy
          labels: data/y.npy
          thresholds: [{at: 0.9, credit: 0.5}]
          repeats: 0
    """,
        extra_files=["data/y.npy"],
    )
    found = messages(problems)
    assert any(
        "exercise.yaml:8 [checks[0].labels]: labels must live in hidden/" in m for m in found
    )
    assert any("[checks[0].thresholds]: one threshold must give credit 1" in m for m in found)
    assert any(
        ":10 [checks[0].repeats]: repeats must be an integer from 1 to 9" in m for m in found
    )


def test_unknown_fields_and_bad_compare_modes_are_reported(tmp_path):
    _, problems = a_package(
        tmp_path,
        """\
        - id: p
          kind: probe
          call: f
          compare: {mode: approx}
          tolerance: 3
        - id: web
          kind: http
          requests:
            - {method: FETCH, path: /x}
            - {path: nope}
    """,
    )
    found = messages(problems)
    assert any("[checks[0].compare.mode]: compare.mode must be one of" in m for m in found)
    assert any(
        ":8 [checks[0].tolerance]: unknown field 'tolerance' for a probe check" in m for m in found
    )
    assert any("[checks[1].requests[0].method]: method must be one of" in m for m in found)
    assert any(
        "[checks[1].requests[1]]: each request needs a path starting with /" in m for m in found
    )


def test_the_metric_names_validation_knows_are_the_ones_the_judge_computes():
    assert METRIC_NAMES == set(METRICS)


def test_tiers_give_the_best_credit_reached_in_either_direction():
    tiers = [{"at": 0.9, "credit": 1.0}, {"at": 0.8, "credit": 0.5}]
    assert credit_for(0.85, tiers, higher_is_better=True)[0] == 0.5
    assert credit_for(0.95, tiers, higher_is_better=True)[0] == 1.0
    assert credit_for(0.5, tiers, higher_is_better=True) == (0.0, None)
    assert (
        credit_for(
            3.0, [{"at": 5, "credit": 1}, {"at": 10, "credit": 0.3}], higher_is_better=False
        )[0]
        == 1.0
    )
