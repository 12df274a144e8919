"""Attempt history: a diff between two attempts (the score chart is in submissions.charts)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass
class DiffLine:
    kind: str  # add | del | ctx | hunk | file
    text: str


def attempt_diff(old_files: dict[str, str], new_files: dict[str, str]) -> list[DiffLine]:
    """A unified diff of every file, as typed lines the template colours (and marks with +/−)."""
    lines: list[DiffLine] = []
    for name in sorted(set(old_files) | set(new_files)):
        old, new = old_files.get(name, ""), new_files.get(name, "")
        if old == new:
            continue
        lines.append(DiffLine("file", name))
        for raw in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=3):
            if raw.startswith(("---", "+++")):
                continue
            kind = (
                "hunk"
                if raw.startswith("@@")
                else "add"
                if raw.startswith("+")
                else "del"
                if raw.startswith("-")
                else "ctx"
            )
            lines.append(DiffLine(kind, raw))
    return lines
