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
