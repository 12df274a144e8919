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
    message = compare(ok([[1.0, 2.0], [3.0, 4.0]]), ok([[1.0, 2.0], [3.0, 5.0]]), {"mode": "allclose"})
    assert "entry [1][1] should be 4 but was 5" in message
    assert "1 of 4 entries differ" in message


def test_allclose_reports_a_shape_mismatch():
    message = compare(ok(np.zeros((2, 4))), ok(np.zeros((4, 2))), {"mode": "allclose"})
    assert message == "expected a 2×4 result, got 4×2"


def test_raises_mode_wants_the_named_exception():
    raised = {"status": "raised", "exception": {"type": "ValueError", "message": "bad"}}
    assert compare({"status": "raised"}, raised, {"mode": "raises", "exception": "ValueError"}) is None
    returned = ok([[0.0]])
    assert "expected ValueError to be raised, but it returned [[0.0]]" == compare(
        {"status": "raised"}, returned, {"mode": "raises", "exception": "ValueError"}
    )


def test_an_exception_where_a_value_was_expected_is_reported():
    raised = {"status": "raised", "exception": {"type": "IndexError", "message": "list index out of range"}}
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
    score, message = judge_static({"forbid_calls": ["torch.nn.LSTM"], "require_names": ["LSTMCell"]}, {"s.py": source})
    assert score == 0
    assert "uses torch.nn.LSTM" in message and "does not define LSTMCell" in message


def test_probe_message_says_which_case_what_was_expected_and_what_came():
    steps = [{"id": "c#0", "function": "matmul", "args": [[[1, 2]], [[3], [4]]], "kwargs": {}},
             {"id": "c#1", "function": "matmul", "args": [[[1]], [[1]]], "kwargs": {}}]
    reference = {"c#0": ok([[11.0]]), "c#1": ok([[1.0]])}
    learner = Observation(exit_reason="ok", steps={"c#0": {"id": "c#0", **ok([[10.0]])}, "c#1": {"id": "c#1", **ok([[1.0]])}})
    result = judge_probe({"id": "c", "kind": "probe", "weight": 2, "hint": "rows times columns"}, steps, learner, reference)
    assert result.status == "fail"
    assert result.score == 1.0 and result.max_score == 2.0
    assert result.message.startswith("Case 1 of 2: matmul([[1, 2]], [[3], [4]]) entry [0][0] should be 11 but was 10")
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
    curves = curves_from([{"epoch": 1, "loss": 0.9}, {"epoch": 2, "loss": 0.5}, {"epoch": 1, "loss": 0.8}])
    assert curves == {"loss": [[1.0, 0.9], [2.0, 0.5]], "loss (run 2)": [[1.0, 0.8]]}


def test_tuples_and_dicts_are_compared_part_by_part():
    want = ok({"W1": np.zeros((2, 2)), "b1": np.zeros(5)})
    assert compare(want, ok({"W1": np.zeros((2, 2)), "b1": np.zeros(6)}), {}) == "'b1': expected 5 values, got 6"
    assert compare(ok((np.ones(2), 1.0)), ok((np.ones(2), 1.5)), {}).startswith("item 1: entry (the value) should be 1 but was 1.5")


def test_partition_mode_ignores_label_numbers_but_not_groupings():
    assert compare(ok([0, 0, 1, 2]), ok([5, 5, 3, 1]), {"mode": "partition"}) is None
    assert "grouped differently" in compare(ok([0, 0, 1, 1]), ok([0, 1, 1, 1]), {"mode": "partition"})


@pytest.mark.parametrize("source", [
    "from torch import nn\nlayer = nn.LSTM(3, 4)\n",
    "import torch.nn as tnn\nlayer = tnn.LSTM(3, 4)\n",
    "from torch.nn import LSTM as L\nlayer = L(3, 4)\n",
])
def test_banned_calls_are_found_through_import_aliases(source):
    score, message = judge_static({"forbid_calls": ["torch.nn.LSTM"]}, {"solution.py": source})
    assert score == 0 and "torch.nn.LSTM" in message
