"""Compare one learner outcome with the reference outcome: tolerances, never printed strings.

Returns None when they agree, else a sentence saying what was expected and what came.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from .describe import describe, shape_of

# The figure of the limit is said once, in the result's message (grade.timeout_message).
TIMED_OUT_CALL = "did not return within its time limit"


def compare(expected: dict, actual: dict, spec: dict) -> str | None:
    mode = spec.get("mode", "allclose")
    if actual["status"] == "timeout":
        return TIMED_OUT_CALL
    if actual["status"] in {"crashed", "skipped"}:
        return actual.get("message") or "did not run"
    if mode == "raises":
        return _compare_raises(actual, spec["exception"])
    if actual["status"] == "raised":
        return raised(actual.get("exception") or {})
    if actual["status"] != "ok":
        return actual.get("message") or f"ended with status {actual['status']}"
    want, got = expected.get("value"), actual.get("value")
    if mode == "exact":
        return (
            None if _exact_equal(want, got) else f"expected {describe(want)}, got {describe(got)}"
        )
    if mode == "shape":
        return _compare_shape(want, got)
    if mode == "dtype":
        return _compare_dtype(want, got)
    if mode == "partition":
        return compare_partition(want, got)
    if mode == "unordered_rows":
        return compare_unordered_rows(
            want, got, rtol=float(spec.get("rtol", 1e-7)), atol=float(spec.get("atol", 1e-9))
        )
    problem = _compare_allclose(
        want, got, rtol=float(spec.get("rtol", 1e-7)), atol=float(spec.get("atol", 1e-9))
    )
    if problem and spec.get("logits") and _probabilities(got) and not _probabilities(want):
        problem += (
            ". Every row you returned is ≥ 0 and sums to 1: those are softmax probabilities, "
            "and forward must return the logits (the last layer's output as it is; "
            "CrossEntropyLoss applies log-softmax itself)"
        )
    return problem


# A frame of the learner's own files in a traceback: `File "/work/solution.py", line 12, in f`.
_LEARNER_FRAME = re.compile(r'File "/work/([^"]+)", line (\d+), in (\S+)')


def raised(exc: dict) -> str:
    """'raised IndexError: list index out of range (solution.py, line 12, in matmul:
    `return A[i][j]`)': the line of *their* file that raised, from the traceback."""
    text = f"raised {exc.get('type', 'an exception')}: {exc.get('message', '')}".rstrip(": ")
    where = learner_line(str(exc.get("traceback") or ""))
    return f"{text} ({where})" if where else text


def learner_line(traceback: str) -> str:
    """'solution.py, line 12, in matmul: `return A[i][j]`' for the innermost frame of a file
    under /work (the learner's), or '' when the traceback shows none."""
    lines = traceback.splitlines()
    found = ""
    for index, line in enumerate(lines):
        match = _LEARNER_FRAME.search(line)
        if not match:
            continue
        name, number, function = match.groups()
        found = f"{name}, line {number}, in {function}"
        source = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if source and not source.startswith(("File ", "^", "~")) and len(source) <= 120:
            found += f": `{source}`"
    return found


def _probabilities(value: Any) -> bool:
    """Whether value is a 2-D array whose rows are probability distributions."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return False
    return bool(
        array.ndim == 2
        and array.size
        and (array >= -1e-6).all()
        and np.allclose(array.sum(axis=1), 1.0, atol=1e-4)
    )


def _compare_raises(actual: dict, exception: str) -> str | None:
    if actual["status"] == "raised":
        got = (actual.get("exception") or {}).get("type", "")
        if (
            got == exception
            or got.endswith("." + exception)
            or exception in (actual.get("exception") or {}).get("mro", [])
        ):
            return None
        return f"expected {exception} to be raised, but {got} was raised"
    return f"expected {exception} to be raised, but it returned {describe(actual.get('value'))}"


# What numpy raises on values the learner shaped: ragged rows (ValueError), dicts or sets
# where numbers belong (TypeError), ints beyond the float range such as 10 ** 400 (OverflowError).
NOT_NUMBERS = (TypeError, ValueError, OverflowError)


def _exact_equal(want: Any, got: Any) -> bool:
    try:
        if isinstance(want, np.ndarray) or isinstance(got, np.ndarray):
            return bool(np.array_equal(np.asarray(want), np.asarray(got)))
        return bool(want == got)
    except NOT_NUMBERS:  # e.g. a list holding arrays, whose == has no single truth value
        return False


def _compare_shape(want: Any, got: Any) -> str | None:
    ws = np.shape(want)
    try:
        gs = np.shape(got)
    except NOT_NUMBERS:
        return f"expected shape {ws}, got {describe(got)} (rows of different lengths?)"
    return None if ws == gs else f"expected shape {ws}, got shape {gs}"


def _compare_dtype(want: Any, got: Any) -> str | None:
    wd = np.asarray(want).dtype
    try:
        gd = np.asarray(got).dtype
    except NOT_NUMBERS:
        return f"expected an array of dtype {wd}, got {describe(got)}"
    return None if wd == gd else f"expected dtype {wd}, got dtype {gd}"


def _compare_allclose(want: Any, got: Any, *, rtol: float, atol: float) -> str | None:
    if isinstance(want, dict):
        return _compare_parts(want, got, rtol=rtol, atol=atol)
    if isinstance(want, tuple) or (isinstance(want, list) and not _rectangular(want)):
        return _compare_parts(want, got, rtol=rtol, atol=atol)
    try:
        w = np.asarray(want, dtype=float)
    except NOT_NUMBERS:
        return (
            None if _exact_equal(want, got) else f"expected {describe(want)}, got {describe(got)}"
        )
    try:
        g = np.asarray(got, dtype=float)
    except OverflowError:
        return f"expected {describe(want)}, got a number too large to compare ({describe(got)})"
    except NOT_NUMBERS:
        return f"expected {describe(want)} of numbers, got {describe(got)}"
    if w.shape != g.shape and w.ndim == 1 and g.ndim == 1:
        return f"expected {w.shape[0]} values, got {g.shape[0]}"
    if w.shape != g.shape:
        ws = "×".join(map(str, w.shape)) or "scalar"
        gs = "×".join(map(str, g.shape)) or "scalar"
        got_shape = shape_of(got)
        hint = "" if got_shape is not None or g.ndim == 0 else " (rows of different lengths?)"
        return f"expected a {ws} result, got {gs}{hint}"
    close = np.isclose(g, w, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    bad = np.argwhere(~close)
    first = tuple(int(i) for i in bad[0]) if bad.size else ()
    where = "".join(f"[{i}]" for i in first)
    count = int((~close).sum())
    return (
        f"entry {where or '(the value)'} should be {_num(w[first])} but was {_num(g[first])}"
        + (f"; {count} of {close.size} entries differ" if close.size > 1 else "")
        + (_largest_difference(w, g, close, first) if count > 1 else "")
        + f" (tolerance rtol={rtol:g}, atol={atol:g})"
        + _one_factor(w, g, rtol=rtol, atol=atol)
    )


def _one_factor(w: np.ndarray, g: np.ndarray, *, rtol: float, atol: float) -> str:
    """'. Every entry is 0.5× the expected: check a constant factor (a missing 2, a mean for a
    sum, a sign)' when one number relates all of them; '' otherwise."""
    if w.size < 2 or not (np.isfinite(w).all() and np.isfinite(g).all()):
        return ""
    nonzero = np.abs(w) > max(atol, 1e-12)
    if nonzero.sum() < 2 or not np.allclose(g[~nonzero], 0.0, atol=max(atol, 1e-12)):
        return ""
    ratios = g[nonzero] / w[nonzero]
    factor = float(np.median(ratios))
    if abs(factor) < 1e-12 or np.isclose(factor, 1.0, rtol=max(rtol, 1e-9)):
        return ""
    if not np.allclose(ratios, factor, rtol=max(rtol, 1e-6), atol=0.0):
        return ""
    if np.isclose(factor, -1.0):
        return ". Every entry has the opposite sign of the expected one: check a sign"
    return f". Every entry is {factor:.4g}× the expected: check a constant factor"


def _largest_difference(w: np.ndarray, g: np.ndarray, close: np.ndarray, first: tuple) -> str:
    """Where the worst entry is: the first one may differ by a hair, the worst shows the bug
    (a transposed key moves whole rows of attention weights, a missing scale all of them)."""
    gap = np.where(close, 0.0, np.abs(g - w))
    gap = np.where(np.isnan(gap), np.inf, gap)  # a NaN where a number belongs is the worst
    worst = tuple(int(i) for i in np.unravel_index(int(np.argmax(gap)), gap.shape))
    size = "an infinite or NaN gap" if not np.isfinite(gap[worst]) else _num(gap[worst])
    where = "".join(f"[{i}]" for i in worst)
    if worst == first:
        return f"; the largest difference, {size}, is at that entry"
    return (
        f"; the largest difference, {size}, is at {where} "
        f"(should be {_num(w[worst])}, was {_num(g[worst])})"
    )


def _rectangular(value: Any) -> bool:
    try:
        np.asarray(value, dtype=float)
    except NOT_NUMBERS:
        return False
    return True


def _compare_parts(want: Any, got: Any, *, rtol: float, atol: float) -> str | None:
    """Tuples like (dw, db) and dicts like {"W1": ...}: compared part by part, named in the message."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"expected a dict with keys {sorted(want)}, got {describe(got)}"
        missing = sorted(set(want) - set(got))
        if missing:
            return f"expected the keys {sorted(want)}, but {missing} are missing"
        parts = [(f"'{k}'", want[k], got[k]) for k in want]
    else:
        if not isinstance(got, (tuple, list)) or len(got) != len(want):
            return f"expected {len(want)} values (a tuple), got {describe(got)}"
        parts = [(f"item {i}", w, g) for i, (w, g) in enumerate(zip(want, got, strict=True))]
    for label, w, g in parts:
        problem = _compare_allclose(w, g, rtol=rtol, atol=atol)
        if problem:
            return f"{label}: {problem}"
    return None


def _num(x: Any) -> str:
    return f"{float(x):.6g}"


def compare_partition(want: Any, got: Any) -> str | None:
    """Cluster labels agree when they split the points the same way, whatever the label numbers."""
    try:
        w, g = np.asarray(want).ravel(), np.asarray(got).ravel()
    except NOT_NUMBERS:
        return f"expected a list of cluster labels, got {describe(got)}"
    if w.shape != g.shape:
        return f"expected {w.size} cluster labels, got {g.size}"
    pairs: dict[Any, set[Any]] = {}
    try:
        for a, b in zip(w.tolist(), g.tolist(), strict=True):
            pairs.setdefault(a, set()).add(b)
    except TypeError:  # a label that is a list or a dict
        return f"expected a list of cluster labels, got {describe(got)}"
    forward_ok = all(len(v) == 1 for v in pairs.values())
    backward_ok = (
        len({next(iter(v)) for v in pairs.values()}) == len(pairs) if forward_ok else False
    )
    if forward_ok and backward_ok:
        return None
    agree = sum(
        1 for i in range(w.size) for j in range(i + 1, w.size) if (w[i] == w[j]) == (g[i] == g[j])
    )
    total = w.size * (w.size - 1) // 2 or 1
    return f"the points are grouped differently from the expected clustering ({agree} of {total} pairs agree)"


def compare_unordered_rows(want: Any, got: Any, *, rtol: float, atol: float) -> str | None:
    """The same rows in any order (cluster centroids: their numbering is the learner's choice):
    rows are paired by the least total distance, then compared with the tolerances."""
    from scipy.optimize import linear_sum_assignment

    expected = np.asarray(want, dtype=float)
    try:
        actual = np.asarray(got, dtype=float)
    except (TypeError, ValueError, OverflowError):
        return f"expected {describe(want)}, got {describe(got)}"
    if actual.ndim != 2 or actual.shape != expected.shape:
        return (
            f"expected {len(expected)} rows of {expected.shape[-1] if expected.ndim else 0} "
            f"values, got {describe(got)}"
        )
    if not np.isfinite(actual).all():
        return "got values that contain NaN or infinity"
    cost = ((expected[:, None, :] - actual[None, :, :]) ** 2).sum(axis=2)
    rows, columns = linear_sum_assignment(cost)
    paired = actual[columns[np.argsort(rows)]]
    close = np.isclose(paired, expected, rtol=rtol, atol=atol).all(axis=1)
    if close.all():
        return None
    worst = int(np.argmin(close))
    return (
        f"expected the rows {_rows(expected)} in any order; the row nearest to "
        f"{_rows(expected[worst : worst + 1])} was {_rows(paired[worst : worst + 1])} "
        f"(tolerance rtol={rtol:g}, atol={atol:g})"
    )


def _rows(array: np.ndarray) -> str:
    return "; ".join("[" + ", ".join(f"{v:.4g}" for v in row) + "]" for row in array[:6])
