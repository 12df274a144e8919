"""The one authenticated line the supervisor writes: ``BACKPROP-RESULT <hmac> <json>``.

The HMAC-SHA256 is keyed by the per-run nonce that only the host and the
supervisor know, so a line printed by learner code cannot pass as a result.
"""

from __future__ import annotations

import json

try:  # the interpreter's built-in SHA-256 and constant-time compare: the hmac and hashlib
    # modules load OpenSSL (_hashlib), 5 ms of every run
    from _operator import _compare_digest as compare_digest
    from _sha256 import sha256
except ImportError:  # another Python: the same functions, from the public modules
    from hashlib import sha256
    from hmac import compare_digest

TYPE_CHECKING = False  # typing costs every run 4 ms to import; mypy reads the name
if TYPE_CHECKING:
    from typing import Any

PREFIX = b"BACKPROP-RESULT "
NONCE_HEX_CHARS = 64
BLOCK_BYTES = 64  # SHA-256's block
_INNER_PAD = bytes(byte ^ 0x36 for byte in range(256))
_OUTER_PAD = bytes(byte ^ 0x5C for byte in range(256))


def hmac_sha256_hex(key: bytes, message: bytes) -> bytes:
    """HMAC-SHA256 (RFC 2104) as hex: equal to ``hmac.new(key, message, "sha256")``
    (``tests/sandbox/test_frame.py`` checks it against that and RFC 4231's vectors)."""
    if len(key) > BLOCK_BYTES:
        key = sha256(key).digest()
    key = key.ljust(BLOCK_BYTES, b"\0")
    inner = sha256(key.translate(_INNER_PAD))
    inner.update(message)
    outer = sha256(key.translate(_OUTER_PAD))
    outer.update(inner.digest())
    return outer.hexdigest().encode("ascii")


def sign(nonce: bytes | bytearray, payload: bytes) -> bytes:
    """The full line, newline-framed on both sides so stray bytes cannot glue onto it."""
    digest = hmac_sha256_hex(bytes(nonce), payload)
    return b"\n" + PREFIX + digest + b" " + payload + b"\n"


class Parsed:
    """What the stdout held: the result (only with exactly one valid line) and what else.

    A plain class: importing dataclasses (inspect with it) costs every run 8 ms."""

    __slots__ = ("result", "valid_lines", "forged_lines", "other_output")

    def __init__(self, result: dict[str, Any] | None = None) -> None:
        self.result = result
        self.valid_lines = 0
        self.forged_lines = 0
        self.other_output: list[str] = []


def verified_payload(line: bytes, key: bytes) -> bytes | None:
    """The JSON payload of a result line whose HMAC verifies with ``key``, else None."""
    if not line.startswith(PREFIX):
        return None
    digest, _, payload = line[len(PREFIX) :].partition(b" ")
    return payload if compare_digest(digest, hmac_sha256_hex(key, payload)) else None


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
