"""allclose messages say where the largest difference is, not only the first one."""

import numpy as np

from worker.judge.compare import compare


def ok(value):
    return {"status": "ok", "value": value}


def test_the_message_names_the_largest_difference_and_where_it_is():
    want = np.zeros((2, 3, 4))
    got = want.copy()
    got[0, 0, 1] = 1e-3  # first to differ, by a hair
    got[1, 2, 3] = 0.75  # the worst
    message = compare(ok(want), ok(got), {"mode": "allclose", "rtol": 1e-5, "atol": 1e-6})
    assert message.startswith("entry [0][0][1] should be 0 but was 0.001; 2 of 24 entries differ")
    assert "the largest difference, 0.75, is at [1][2][3] (should be 0, was 0.75)" in message


def test_when_the_first_difference_is_the_largest_the_message_says_so_once():
    message = compare(ok([1.0, 2.0, 3.0]), ok([1.0, 9.0, 3.5]), {"mode": "allclose"})
    assert "entry [1] should be 2 but was 9; 2 of 3 entries differ" in message
    assert "the largest difference, 7, is at that entry" in message


def test_a_nan_is_the_largest_difference():
    message = compare(ok([1.0, 2.0, 3.0]), ok([1.5, 2.0, float("nan")]), {"mode": "allclose"})
    assert (
        "the largest difference, an infinite or NaN gap, is at [2] (should be 3, was nan)"
        in message
    )


def test_a_single_difference_adds_nothing():
    message = compare(
        ok([[1.0, 2.0], [3.0, 4.0]]), ok([[1.0, 2.0], [3.0, 5.0]]), {"mode": "allclose"}
    )
    assert (
        message
        == "entry [1][1] should be 4 but was 5; 1 of 4 entries differ (tolerance rtol=1e-07, atol=1e-09)"
    )
