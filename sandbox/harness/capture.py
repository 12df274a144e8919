"""Bounded readers for the learner's pipes: memory stays flat however much is written."""

from __future__ import annotations


def truncation_mark(omitted: int) -> str:
    return f"\n[... output truncated: {omitted} bytes omitted ...]"


class Capture:
    """Keeps the first ``cap`` bytes of a stream and counts the rest."""

    def __init__(self, cap: int):
        self.cap = cap
        self.kept = bytearray()
        self.omitted = 0

    def feed(self, data: bytes) -> None:
        room = self.cap - len(self.kept)
        if room > 0:
            self.kept += data[:room]
        self.omitted += max(0, len(data) - max(room, 0))

    def text(self) -> str:
        text = self.kept.decode("utf-8", "replace")
        return text + truncation_mark(self.omitted) if self.omitted else text


class LineReader:
    """Splits a stream into lines of at most ``cap`` bytes; an overlong line comes out as None."""

    def __init__(self, cap: int):
        self.cap = cap
        self.buffer = bytearray()
        self.discarding = False

    def feed(self, data: bytes) -> list[bytes | None]:
        lines: list[bytes | None] = []
        self.buffer += data
        while True:
            index = self.buffer.find(b"\n")
            if index < 0:
                break
            line = bytes(self.buffer[:index])
            del self.buffer[: index + 1]
            if self.discarding:
                self.discarding = False
                continue
            lines.append(line if len(line) <= self.cap else None)
        if len(self.buffer) > self.cap:
            if not self.discarding:
                lines.append(None)
            self.buffer.clear()
            self.discarding = True
        return lines
