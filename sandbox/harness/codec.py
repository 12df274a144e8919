"""Values crossing the sandbox boundary, as JSON with tagged forms.

The same module runs inside the container (encoding what learner code returned,
decoding probe arguments) and on the host (decoding results), so both sides
agree by construction. Standard library only; numpy and torch are optional.
"""

from __future__ import annotations

import base64
import math
from typing import Any

TAGS = ("__ndarray__", "__npscalar__", "__tuple__", "__bytes__", "__float__", "__file__", "__set__")


class Unencodable(TypeError):
    """Raised for a value the grader cannot compare (a function, a socket, ...)."""


def _numpy():
    try:
        import numpy
    except ImportError:  # the host may decode without numpy only if no arrays appear
        return None
    return numpy


def _encode_float(value: float) -> Any:
    if math.isfinite(value):
        return value
    return {"__float__": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}


def encode(value: Any, _depth: int = 0) -> Any:
    """Turn a Python value into JSON-able data; raise Unencodable for anything else."""
    if _depth > 64:
        raise Unencodable("a value nested more than 64 levels deep")
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return _encode_float(value)
    if isinstance(value, bytes | bytearray):
        return {"__bytes__": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v, _depth + 1) for v in value]}
    if isinstance(value, list):
        return [encode(v, _depth + 1) for v in value]
    if isinstance(value, set | frozenset):
        return {"__set__": [encode(v, _depth + 1) for v in sorted(value, key=repr)]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise Unencodable("a dict with keys that are not strings")
        if any(k in TAGS for k in value):
            raise Unencodable("a dict using a reserved key")
        return {k: encode(v, _depth + 1) for k, v in value.items()}
    if type(value).__module__.startswith("torch") and hasattr(value, "detach"):
        return encode(value.detach().cpu().numpy(), _depth + 1)
    np = _numpy()
    if np is not None:
        if isinstance(value, np.ndarray):
            if value.dtype.hasobject:
                raise Unencodable("a numpy array of Python objects")
            array = np.ascontiguousarray(value)
            return {
                "__ndarray__": base64.b64encode(array.tobytes()).decode("ascii"),
                "dtype": array.dtype.str,
                "shape": list(array.shape),
            }
        if isinstance(value, np.generic):
            return {"__npscalar__": encode(value.item(), _depth + 1), "dtype": value.dtype.str}
    raise Unencodable(f"returned an object of type {type(value).__name__} that cannot be graded")


def decode(data: Any, *, load_file=None) -> Any:
    """Inverse of encode. ``load_file(path)`` resolves ``{"__file__": path}`` arguments."""
    if isinstance(data, list):
        return [decode(v, load_file=load_file) for v in data]
    if not isinstance(data, dict):
        return data
    if "__ndarray__" in data:
        np = _numpy()
        raw = base64.b64decode(data["__ndarray__"])
        array = np.frombuffer(raw, dtype=np.dtype(data["dtype"])).reshape(data["shape"]).copy()
        if data.get("torch"):
            import torch

            return torch.from_numpy(array)
        return array
    if "__npscalar__" in data:
        return _numpy().dtype(data["dtype"]).type(decode(data["__npscalar__"]))
    if "__tuple__" in data:
        return tuple(decode(v, load_file=load_file) for v in data["__tuple__"])
    if "__set__" in data:
        return {decode(v, load_file=load_file) for v in data["__set__"]}
    if "__bytes__" in data:
        return base64.b64decode(data["__bytes__"])
    if "__float__" in data:
        return float(data["__float__"])
    if "__file__" in data:
        if load_file is None:
            raise ValueError("a {'__file__': ...} value needs the job's files to decode")
        return load_file(data["__file__"])
    return {k: decode(v, load_file=load_file) for k, v in data.items()}
