"""Values crossing the sandbox boundary, as JSON with tagged forms.

The same module runs inside the container (encoding what learner code returned,
decoding probe arguments) and on the host (decoding results), so both sides
agree by construction. Standard library only; numpy and torch are optional.
"""

from __future__ import annotations

import base64
import binascii
import math
import sys

TYPE_CHECKING = False  # typing costs every run 4 ms to import; mypy reads the name
if TYPE_CHECKING:
    from typing import Any

TAGS = ("__ndarray__", "__npscalar__", "__tuple__", "__bytes__", "__float__", "__file__", "__set__")
MAX_DEPTH = 64  # nesting of values, both ways (a tagged form counts as one level)
# JSON nesting of a whole step outcome: a tuple takes two JSON levels per value level.
MAX_JSON_DEPTH = 2 * MAX_DEPTH + 8
# dtype kinds an array or numpy scalar may have: bool, integers, floats, complex, strings,
# bytes, datetimes and timedeltas; never objects or structured (void) records.
ARRAY_KINDS = frozenset("biufcUSMm")
SPECIAL_FLOATS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


class Unencodable(TypeError):
    """Raised for a value the grader cannot compare (a function, a socket, ...)."""


class Undecodable(ValueError):
    """Raised for data that encode() cannot have produced: the host decodes what crossed the
    boundary with this, so a malformed value is the learner's outcome, never our crash."""


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
    if _depth > MAX_DEPTH:
        raise Unencodable(f"a value nested more than {MAX_DEPTH} levels deep")
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
    np = sys.modules.get("numpy")  # not imported: the value is no numpy array (and no 0.2 s)
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
    raise Unencodable(f"an object of type {type(value).__name__} that cannot be graded")


def decode(data: Any, *, load_file=None, _depth: int = 0) -> Any:
    """Inverse of encode. ``load_file(path)`` resolves ``{"__file__": path}`` arguments.

    Bounded for data from the other side: nesting past ``MAX_DEPTH``, a malformed tagged
    form (bad base64, an object or record dtype, a shape that does not fit the bytes, an
    unhashable set member, ...) and a file reference without ``load_file`` raise
    ``Undecodable`` (a ValueError) saying what was wrong; nothing else escapes.
    """
    if _depth > MAX_DEPTH:
        raise Undecodable(f"a value nested more than {MAX_DEPTH} levels deep")
    if isinstance(data, list):
        return [decode(v, load_file=load_file, _depth=_depth + 1) for v in data]
    if not isinstance(data, dict):
        return data
    for tag in TAGS:
        if tag in data:
            try:
                return _decode_tagged(tag, data, load_file, _depth)
            except Undecodable:
                raise
            except (ValueError, TypeError, OverflowError, binascii.Error) as error:
                raise Undecodable(f"a malformed {tag} value ({error})") from None
    return {k: decode(v, load_file=load_file, _depth=_depth + 1) for k, v in data.items()}


def _decode_tagged(tag: str, data: dict, load_file, depth: int) -> Any:
    inner = data[tag]
    if tag == "__ndarray__":
        return _decode_array(data)
    if tag == "__npscalar__":
        dtype = _dtype(data.get("dtype"))
        if isinstance(inner, list | dict):
            raise Undecodable("a numpy scalar holding a container")
        return dtype.type(inner)
    if tag == "__file__":
        if load_file is None:
            raise Undecodable(
                "a {'__file__': ...} reference, which only the grading plan's arguments may "
                "hold (they are read from the job's files)"
            )
        return load_file(inner)
    if tag == "__float__":
        if not isinstance(inner, str) or inner not in SPECIAL_FLOATS:
            raise Undecodable(f"a special float that is not nan, inf or -inf: {inner!r:.40}")
        return SPECIAL_FLOATS[inner]
    if tag == "__bytes__":
        return base64.b64decode(_text(inner, tag), validate=True)
    if not isinstance(inner, list):
        raise Undecodable(f"a {tag} value that is not a list")
    items = (decode(v, load_file=load_file, _depth=depth + 1) for v in inner)
    if tag == "__tuple__":
        return tuple(items)
    try:
        return set(items)  # __set__
    except TypeError:
        raise Undecodable("a set with a member that cannot be in a set") from None


def _text(value: Any, tag: str) -> str:
    if not isinstance(value, str):
        raise Undecodable(f"a {tag} value that is not a string")
    return value


def _dtype(name: Any):
    np = _numpy()
    if np is None:
        raise Undecodable("a numpy value, and numpy is not installed here")
    if not isinstance(name, str):
        raise Undecodable("a numpy dtype that is not a string")
    dtype = np.dtype(name)
    if dtype.kind not in ARRAY_KINDS or dtype.hasobject:
        raise Undecodable(f"a numpy dtype that cannot be graded ({dtype})")
    return dtype


def _decode_array(data: dict) -> Any:
    np = _numpy()
    dtype = _dtype(data.get("dtype"))
    raw = base64.b64decode(_text(data["__ndarray__"], "__ndarray__"), validate=True)
    shape = data.get("shape")
    if not isinstance(shape, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape
    ):
        raise Undecodable("an array shape that is not a list of sizes")
    if len(shape) > MAX_DEPTH:
        raise Undecodable(f"an array with more than {MAX_DEPTH} dimensions")
    if math.prod(shape) * dtype.itemsize != len(raw) or dtype.itemsize == 0:
        raise Undecodable(f"an array of shape {shape} whose data is {len(raw)} bytes")
    array = np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
    if data.get("torch"):
        import torch

        return torch.from_numpy(array)
    return array


def nested_deeper_than(data: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether parsed JSON nests lists and dicts more than ``limit`` deep (no recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        stack.extend((item, depth + 1) for item in value)
    return False
