"""The one authenticated line the supervisor writes: ``BACKPROP-RESULT <hmac> <json>``.

The HMAC-SHA256 is keyed by the per-run nonce that only the host and the
supervisor know, so a line printed by learner code cannot pass as a result.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any

PREFIX = b"BACKPROP-RESULT "
NONCE_HEX_CHARS = 64


def sign(nonce: bytes | bytearray, payload: bytes) -> bytes:
    """The full line, newline-framed on both sides so stray bytes cannot glue onto it."""
    digest = hmac.new(bytes(nonce), payload, hashlib.sha256).hexdigest().encode("ascii")
    return b"\n" + PREFIX + digest + b" " + payload + b"\n"


@dataclass
class Parsed:
    result: dict[str, Any] | None
    valid_lines: int = 0
    forged_lines: int = 0
    other_output: list[str] = field(default_factory=list)


def verified_payload(line: bytes, key: bytes) -> bytes | None:
    """The JSON payload of a result line whose HMAC verifies with ``key``, else None."""
    if not line.startswith(PREFIX):
        return None
    digest, _, payload = line[len(PREFIX) :].partition(b" ")
    expected = hmac.new(key, payload, hashlib.sha256).hexdigest().encode("ascii")
    return payload if hmac.compare_digest(digest, expected) else None


class Scanner:
    """Feeds on stdout lines one at a time, so the host never holds more than one line."""

    def __init__(self, nonce: bytes | str, keep_other: int = 4096):
        self.key = nonce.encode("ascii") if isinstance(nonce, str) else bytes(nonce)
        self.keep_other = keep_other
        self.parsed = Parsed(result=None)
        self._payload: bytes | None = None
        self._kept = 0

    def line(self, line: bytes) -> None:
        payload = verified_payload(line, self.key)
        if payload is not None:
            self.parsed.valid_lines += 1
            self._payload = payload
            return
        if line.startswith(PREFIX):
            self.parsed.forged_lines += 1
        if line and self._kept < self.keep_other:
            text = line[: self.keep_other - self._kept].decode("utf-8", "replace")
            self.parsed.other_output.append(text)
            self._kept += len(text)

    def finish(self) -> Parsed:
        if self.parsed.valid_lines == 1 and self._payload is not None:
            try:
                found = json.loads(self._payload)
            except (ValueError, RecursionError):  # the supervisor bounds depth; never trust it
                found = None
            if isinstance(found, dict):
                self.parsed.result = found
        return self.parsed


def parse(output: bytes, nonce: bytes | str, *, keep_other: int = 4096) -> Parsed:
    """Find the result in the container's stdout. Exactly one valid line, or no result."""
    scanner = Scanner(nonce, keep_other)
    for line in output.split(b"\n"):
        scanner.line(line)
    return scanner.finish()
