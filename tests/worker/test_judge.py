"""The judge without a container: comparisons, static checks and messages."""

import numpy as np
import pytest

from worker.judge.compare import compare
from worker.judge.grade import Observation, curves_from, judge_probe
from worker.judge.static import judge_static


def ok(value):
    return {"status": "ok", "value": value}


def test_allclose_accepts_values_within_tolerance():
    assert compare(ok([[1.0, 2.0]]), ok([[1.0 + 1e-12, 2.0]]), {"mode": "allclose"}) is None


def test_allclose_names_the_first_wrong_entry():
    message = compare(
        ok([[1.0, 2.0], [3.0, 4.0]]), ok([[1.0, 2.0], [3.0, 5.0]]), {"mode": "allclose"}
    )
    assert "entry [1][1] should be 4 but was 5" in message
    assert "1 of 4 entries differ" in message


def test_allclose_reports_a_shape_mismatch():
    message = compare(ok(np.zeros((2, 4))), ok(np.zeros((4, 2))), {"mode": "allclose"})
    assert message == "expected a 2×4 result, got 4×2"


def test_raises_mode_wants_the_named_exception():
    raised = {"status": "raised", "exception": {"type": "ValueError", "message": "bad"}}
    assert (
        compare({"status": "raised"}, raised, {"mode": "raises", "exception": "ValueError"}) is None
    )
    returned = ok([[0.0]])
    assert "expected ValueError to be raised, but it returned [[0.0]]" == compare(
        {"status": "raised"}, returned, {"mode": "raises", "exception": "ValueError"}
    )


def test_an_exception_where_a_value_was_expected_is_reported():
    raised = {
        "status": "raised",
        "exception": {"type": "IndexError", "message": "list index out of range"},
    }
    assert compare(ok([1]), raised, {}) == "raised IndexError: list index out of range"


def test_exact_and_dtype_and_shape_modes():
    assert compare(ok(3), ok(3), {"mode": "exact"}) is None
    assert compare(ok(3), ok(4), {"mode": "exact"}) == "expected 3, got 4"
    assert "dtype" in compare(ok(np.zeros(2, dtype=np.float32)), ok(np.zeros(2)), {"mode": "dtype"})
    assert compare(ok(np.zeros((2, 3))), ok(np.ones((2, 3))), {"mode": "shape"}) is None


@pytest.mark.parametrize(
    "source, verdict",
    [
        ("import numpy as np\n", "imports numpy"),
        ("from numpy.linalg import inv\n", "imports numpy.linalg"),
        ("np = __import__('numpy')\n", "imports numpy"),
        ("def matmul(A, B):\n    return A\n", None),
    ],
)
def test_static_check_finds_forbidden_imports(source, verdict):
    score, message = judge_static({"forbid_imports": ["numpy"]}, {"solution.py": source})
    if verdict:
        assert score == 0 and verdict in message
    else:
        assert score == 1 and message == ""


def test_static_check_reports_a_syntax_error_with_its_line():
    score, message = judge_static({"forbid_imports": ["numpy"]}, {"solution.py": "def f(:\n"})
    assert score == 0
    assert "solution.py line 1: syntax error" in message


def test_static_check_finds_banned_calls_and_missing_names():
    source = "import torch\nlayer = torch.nn.LSTM(3, 4)\n"
    score, message = judge_static(
        {"forbid_calls": ["torch.nn.LSTM"], "require_names": ["LSTMCell"]}, {"s.py": source}
    )
    assert score == 0
    assert "uses torch.nn.LSTM" in message and "does not define LSTMCell" in message


def test_probe_message_says_which_case_what_was_expected_and_what_came():
    steps = [
        {"id": "c#0", "function": "matmul", "args": [[[1, 2]], [[3], [4]]], "kwargs": {}},
        {"id": "c#1", "function": "matmul", "args": [[[1]], [[1]]], "kwargs": {}},
    ]
    reference = {"c#0": ok([[11.0]]), "c#1": ok([[1.0]])}
    learner = Observation(
        exit_reason="ok",
        steps={"c#0": {"id": "c#0", **ok([[10.0]])}, "c#1": {"id": "c#1", **ok([[1.0]])}},
    )
    result = judge_probe(
        {"id": "c", "kind": "probe", "weight": 2, "hint": "rows times columns"},
        steps,
        learner,
        reference,
    )
    assert result.status == "fail"
    assert result.score == 1.0 and result.max_score == 2.0
    assert result.message.startswith(
        "Case 1 of 2: matmul([[1, 2]], [[3], [4]]) entry [0][0] should be 11 but was 10"
    )
    assert result.hint == "rows times columns"


def test_cases_not_run_because_of_a_timeout_say_so():
    steps = [{"id": "c#0", "function": "f", "args": [], "kwargs": {}}]
    learner = Observation(exit_reason="timeout", steps={})
    result = judge_probe({"id": "c", "kind": "probe"}, steps, learner, {"c#0": ok(1)})
    assert "not run: the time limit was reached first" in result.message


def test_curves_are_series_by_step():
    curves = curves_from([{"epoch": 1, "loss": 0.9}, {"epoch": 2, "loss": 0.5, "acc": 0.7}, "junk"])
    assert curves == {"loss": [[1.0, 0.9], [2.0, 0.5]], "acc": [[2.0, 0.7]]}


def test_a_curve_that_starts_again_becomes_a_new_run():
    curves = curves_from(
        [{"epoch": 1, "loss": 0.9}, {"epoch": 2, "loss": 0.5}, {"epoch": 1, "loss": 0.8}]
    )
    assert curves == {"loss": [[1.0, 0.9], [2.0, 0.5]], "loss (run 2)": [[1.0, 0.8]]}


def test_tuples_and_dicts_are_compared_part_by_part():
    want = ok({"W1": np.zeros((2, 2)), "b1": np.zeros(5)})
    assert (
        compare(want, ok({"W1": np.zeros((2, 2)), "b1": np.zeros(6)}), {})
        == "'b1': expected 5 values, got 6"
    )
    assert compare(ok((np.ones(2), 1.0)), ok((np.ones(2), 1.5)), {}).startswith(
        "item 1: entry (the value) should be 1 but was 1.5"
    )


def test_partition_mode_ignores_label_numbers_but_not_groupings():
    assert compare(ok([0, 0, 1, 2]), ok([5, 5, 3, 1]), {"mode": "partition"}) is None
    assert "grouped differently" in compare(
        ok([0, 0, 1, 1]), ok([0, 1, 1, 1]), {"mode": "partition"}
    )


@pytest.mark.parametrize(
    "source",
    [
        "from torch import nn\nlayer = nn.LSTM(3, 4)\n",
        "import torch.nn as tnn\nlayer = tnn.LSTM(3, 4)\n",
        "from torch.nn import LSTM as L\nlayer = L(3, 4)\n",
    ],
)
def test_banned_calls_are_found_through_import_aliases(source):
    score, message = judge_static({"forbid_calls": ["torch.nn.LSTM"]}, {"solution.py": source})
    assert score == 0 and "torch.nn.LSTM" in message


def a_metric_package(tmp_path):
    from types import SimpleNamespace

    (tmp_path / "hidden").mkdir()
    np.save(tmp_path / "hidden/y.npy", np.array([0, 1, 1, 0, 1, 0, 1, 1, 0, 0]))
    check = {
        "id": "acc",
        "kind": "metric",
        "name": "Accuracy",
        "metric": "accuracy",
        "labels": "hidden/y.npy",
        "thresholds": [{"at": 0.9, "credit": 1.0}, {"at": 0.6, "credit": 0.5}],
        "hint": "normalize",
    }
    return SimpleNamespace(root=tmp_path, checks=[check]), check


def metric_steps(count):
    return [
        {
            "id": f"acc#{i}",
            "function": "fit_predict",
            "args": [{"__file__": "data/X.npy"}],
            "kwargs": {},
        }
        for i in range(count)
    ]


def test_a_metric_below_full_marks_earns_its_tier_and_says_how_far_it_is(tmp_path):
    from worker.judge.grade import judge_metric

    package, check = a_metric_package(tmp_path)
    truth = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0]
    seven_right = [1, 0, 0] + truth[3:]
    steps = metric_steps(3)
    learner = Observation(
        exit_reason="ok",
        steps={
            s["id"]: {"status": "ok", "value": v}
            for s, v in zip(steps, [seven_right, truth, [1] * 10], strict=True)
        },
    )
    reference = {s["id"]: {"status": "ok", "value": truth} for s in steps}
    result, record = judge_metric(check, steps, learner, reference, package)
    assert (result.status, result.score) == ("fail", 0.5)
    assert result.message.startswith(
        "accuracy over 10 rows was 0.7 (median of 3 runs: 0.7, 1, 0.5)"
    )
    assert "full marks need ≥ 0.9 (the reference solution reaches 1)" in result.message
    assert "This earns 50% of the check (tier ≥ 0.6)." in result.message
    assert record["value"] == 0.7 and record["reference"] == 1.0


def test_predictions_of_the_wrong_length_are_explained(tmp_path):
    from worker.judge.grade import judge_metric

    package, check = a_metric_package(tmp_path)
    steps = metric_steps(1)
    learner = Observation(
        exit_reason="ok", steps={"acc#0": {"status": "ok", "value": list(range(2))}}
    )
    result, _ = judge_metric(check, steps, learner, {}, package)
    assert result.score == 0
    assert (
        result.message
        == "fit_predict(data/X.npy) returned 2 predictions; expected 10, one per held-out row."
    )


def test_an_http_check_names_the_request_the_expected_status_and_what_came():
    from worker.judge.grade import judge_http

    check = {
        "id": "api",
        "kind": "http",
        "requests": [
            {"method": "GET", "path": "/health", "expect_status": 200},
            {
                "method": "POST",
                "path": "/fit",
                "json": {"k": 2},
                "expect_status": 400,
                "expect_keys": ["error"],
            },
            {
                "method": "POST",
                "path": "/predict",
                "json": {"points": [[0]]},
                "compare": {"field": "labels", "mode": "partition"},
            },
        ],
    }
    answers = [
        {"status": 200, "json": {"status": "ok"}},
        {"status": 500, "text": "Internal Server Error"},
        {"status": 200, "json": {"labels": [3]}},
    ]
    learner = Observation(exit_reason="ok", steps={"api#0": {"status": "ok", "value": answers}})
    reference = {
        "api#0": {"status": "ok", "value": [{}, {}, {"status": 200, "json": {"labels": [0]}}]}
    }
    result = judge_http(check, [], learner, reference)
    assert result.status == "fail" and result.score == round(2 / 3, 4)
    assert result.message.startswith(
        "Request 2 of 3: POST /fit with {'k': 2}: expected status 400, got 500"
    )


def test_one_banned_call_listed_under_two_spellings_is_reported_once():
    source = "import numpy as np\nnp.linalg.lstsq(1, 2)\n"
    _, message = judge_static(
        {"forbid_calls": ["numpy.linalg.lstsq", "np.linalg.lstsq"]}, {"solution.py": source}
    )
    assert message.count("lstsq") == 1


def test_each_check_kind_has_a_named_judge_and_an_unknown_kind_is_our_fault():
    from types import SimpleNamespace

    from worker.judge.grade import JUDGES, judge

    assert set(JUDGES) == {"probe", "static", "resource", "metric", "http", "figure", "dockerfile"}
    package = SimpleNamespace(
        slug="x",
        hash="ab" * 32,
        spec={},
        checks=[
            {"id": "quiz", "kind": "quiz"},
            {"id": "no_numpy", "kind": "static", "forbid_imports": ["numpy"]},
        ],
    )
    result = judge(
        package=package,
        plan={"steps": []},
        sources={"solution.py": "x = 1\n"},
        learner=Observation(exit_reason="ok", steps={}),
        reference={},
        seed=1,
        limits={},
    )
    assert (result["status"], result["gradable"], result["score"]) == ("error", False, 0.5)
    quiz, static = result["checks"]
    assert quiz["status"] == "error" and "check kind 'quiz' is not supported" in quiz["message"]
    assert static["status"] == "pass" and result["metrics"] == {}
