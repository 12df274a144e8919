"""`unordered_rows` (centroids in any order) and `logits: true` (probabilities named as such)."""

from __future__ import annotations

import numpy as np

from worker.judge.compare import compare

OK = {"status": "ok"}


def _compare(want, got, **spec):
    return compare({**OK, "value": want}, {**OK, "value": got}, spec)


def test_centroids_match_in_any_order_within_the_tolerance():
    want = [[0.0, 0.0], [10.0, 10.0], [-8.0, 9.0]]
    got = [[-8.0004, 9.0], [0.0, 0.0], [10.0, 10.0]]
    assert _compare(want, got, mode="unordered_rows", rtol=0, atol=1e-3) is None


def test_a_wrong_centroid_is_named_beside_the_one_expected():
    problem = _compare(
        [[0.0, 0.0], [10.0, 10.0]],
        [[0.5, 0.0], [10.0, 10.0]],
        mode="unordered_rows",
        rtol=0,
        atol=1e-3,
    )
    assert "the row nearest to [0, 0] was [0.5, 0]" in problem


def test_the_wrong_number_of_centroids_is_said():
    problem = _compare([[0.0, 0.0], [1.0, 1.0]], [[0.0, 0.0]] * 3, mode="unordered_rows")
    assert problem.startswith(
        "expected 2 rows of 2 values, got [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]"
    )


def test_probabilities_in_place_of_logits_are_named():
    logits = np.array([[-1.0, 2.0, 0.5], [0.3, 0.1, -2.0]])
    probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    problem = _compare(logits, probabilities, mode="allclose", logits=True)
    assert "softmax probabilities" in problem
    assert "softmax" not in _compare(logits, logits + 1, mode="allclose", logits=True)
    assert "softmax" not in _compare(logits, probabilities, mode="allclose")
