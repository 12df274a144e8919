import json
import secrets

from sandbox.harness import frame
from sandbox.harness.capture import Capture, LineReader, truncation_mark


def signed(nonce: str, result: dict) -> bytes:
    return frame.sign(bytearray(nonce.encode()), json.dumps(result).encode())


def test_exactly_one_line_signed_with_the_nonce_is_the_result():
    nonce = secrets.token_hex(32)
    output = b"noise\n" + signed(nonce, {"steps": [1]}) + b"more noise\n"
    parsed = frame.parse(output, nonce)
    assert parsed.result == {"steps": [1]}
    assert parsed.other_output == ["noise", "more noise"]


def test_a_line_signed_with_another_key_is_counted_as_forged_and_ignored():
    nonce = secrets.token_hex(32)
    parsed = frame.parse(signed(secrets.token_hex(32), {"verdict": "pass"}), nonce)
    assert parsed.result is None and parsed.forged_lines == 1


def test_a_tampered_payload_fails_verification():
    nonce = secrets.token_hex(32)
    line = signed(nonce, {"score": 0}).replace(b'"score": 0', b'"score": 9')
    assert frame.parse(line, nonce).result is None


def test_two_valid_lines_mean_no_result():
    nonce = secrets.token_hex(32)
    parsed = frame.parse(signed(nonce, {"a": 1}) + signed(nonce, {"a": 2}), nonce)
    assert parsed.valid_lines == 2 and parsed.result is None


def test_capture_keeps_the_head_and_marks_what_it_dropped():
    capture = Capture(10)
    for _ in range(5):
        capture.feed(b"0123456789")
    assert capture.text() == "0123456789" + truncation_mark(40)


def test_line_reader_replaces_an_overlong_line_and_resynchronises():
    reader = LineReader(8)
    assert reader.feed(b"short\n" + b"x" * 20) == [b"short", None]
    assert reader.feed(b"yyy\nok\n") == [b"ok"]
