import json
import math

import numpy as np
import pytest

from sandbox.harness import codec


def round_trip(value):
    return codec.decode(json.loads(json.dumps(codec.encode(value), allow_nan=False)))


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "uint8", "bool", "complex128"])
def test_arrays_keep_dtype_shape_and_bytes(dtype):
    array = (np.arange(24).reshape(2, 3, 4) % 3).astype(dtype)
    back = round_trip(array)
    assert back.dtype == array.dtype and back.shape == array.shape
    assert np.array_equal(back, array)


def test_non_contiguous_arrays_and_numpy_scalars_survive():
    array = np.arange(12.0).reshape(3, 4).T
    assert np.array_equal(round_trip(array), array)
    scalar = round_trip(np.float32(1.5))
    assert isinstance(scalar, np.float32) and scalar == 1.5


def test_python_containers_special_floats_and_bytes_survive():
    value = {
        "t": (1, 2.5, "x"),
        "l": [None, True],
        "b": b"\x00\xff",
        "s": {3, 1},
        "nan": math.nan,
        "inf": -math.inf,
    }
    back = round_trip(value)
    assert back["t"] == (1, 2.5, "x") and back["l"] == [None, True]
    assert back["b"] == b"\x00\xff" and back["s"] == {1, 3}
    assert math.isnan(back["nan"]) and back["inf"] == -math.inf


def test_unencodable_values_say_what_they_were():
    with pytest.raises(codec.Unencodable, match="type function that cannot be graded"):
        codec.encode(lambda: 1)
    with pytest.raises(codec.Unencodable, match="Python objects"):
        codec.encode(np.array([object()]))
    with pytest.raises(codec.Unencodable, match="reserved key"):
        codec.encode({"__ndarray__": "forged"})


def test_file_arguments_are_resolved_by_the_loader_only():
    assert (
        codec.decode({"__file__": "data/x.npy"}, load_file=lambda p: f"loaded {p}")
        == "loaded data/x.npy"
    )
    with pytest.raises(ValueError, match="job's files"):
        codec.decode({"__file__": "data/x.npy"})


def nested(depth):
    value = 1
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (nested(700), "nested more than 64 levels"),
        ({"__tuple__": nested(80)}, "nested more than 64 levels"),
        ({"__file__": "x"}, "job's files"),
        ({"__float__": "1e999"}, "not nan, inf or -inf"),
        ({"__float__": [1]}, "not nan, inf or -inf"),
        ({"__bytes__": "not base64!"}, "malformed __bytes__"),
        ({"__tuple__": 5}, "not a list"),
        ({"__set__": [[1], [2]]}, "cannot be in a set"),
        ({"__ndarray__": "", "dtype": "O", "shape": [0]}, "cannot be graded"),
        ({"__ndarray__": "", "dtype": "V8", "shape": [0]}, "cannot be graded"),
        ({"__ndarray__": "", "dtype": ["a", "f8"], "shape": [0]}, "not a string"),
        ({"__ndarray__": "", "dtype": "nonsense", "shape": [0]}, "malformed __ndarray__"),
        ({"__ndarray__": "AAAA", "dtype": "<f8", "shape": [10**30]}, "whose data is 3 bytes"),
        ({"__ndarray__": "", "dtype": "<f8", "shape": [-1]}, "not a list of sizes"),
        ({"__ndarray__": "", "dtype": "<f8", "shape": "3"}, "not a list of sizes"),
        ({"__npscalar__": 10**400, "dtype": "<i8"}, "malformed __npscalar__"),
        ({"__npscalar__": [1], "dtype": "<f8"}, "holding a container"),
    ],
)
def test_decoding_what_crossed_the_boundary_is_bounded_and_says_what_was_wrong(data, why):
    """Whatever learner code writes on the result channel: Undecodable (a ValueError), never
    a RecursionError, OverflowError or TypeError from deep inside."""
    with pytest.raises(codec.Undecodable, match=why):
        codec.decode(json.loads(json.dumps(data)))


def test_sixty_four_levels_decode_as_encode_allows_them():
    assert round_trip(nested(64)) == nested(64)
    with pytest.raises(codec.Unencodable, match="64 levels"):
        codec.encode(nested(66))


def test_nested_deeper_than_walks_without_recursion():
    assert codec.nested_deeper_than(nested(100_000), 136)
    assert not codec.nested_deeper_than({"id": "s", "value": nested(60)}, 136)
