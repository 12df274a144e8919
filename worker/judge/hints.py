"""Hints chosen by what the rest of the result shows, not by the one mistake a check assumes.

A check may list ``hints``: each ``{when: {...}, text: ...}``; the first whose conditions all
hold is the hint of a failed check, else its plain ``hint``. Conditions:

- ``failed`` / ``passed``: these checks (ids) failed / passed in this result;
- ``source_has`` / ``source_lacks``: each of these strings does / does not occur in the
  learner's source files (the hint about scaler leakage goes only to code with a scaler).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def choose_hint(
    check: Mapping[str, Any], statuses: Mapping[str, str], sources: Mapping[str, str]
) -> str:
    """The hint to show beside a failed check (``statuses``: check id → pass | fail | ...)."""
    text = "\n".join(sources.values())
    for hint in check.get("hints") or []:
        when = hint.get("when") or {}
        if _holds(when, statuses, text):
            return str(hint.get("text", ""))
    return str(check.get("hint", ""))


def _holds(when: Mapping[str, Iterable[str]], statuses: Mapping[str, str], text: str) -> bool:
    return (
        all(statuses.get(c) == "fail" for c in when.get("failed", ()))
        and all(statuses.get(c) == "pass" for c in when.get("passed", ()))
        and all(s in text for s in when.get("source_has", ()))
        and not any(s in text for s in when.get("source_lacks", ()))
    )
