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


# RFC 4231, test cases 1, 2, 6 (a 131-byte key, hashed first) and 7.
RFC_4231 = [
    (b"\x0b" * 20, b"Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    (
        b"Jefe",
        b"what do ya want for nothing?",
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    ),
    (
        b"\xaa" * 131,
        b"Test Using Larger Than Block-Size Key - Hash Key First",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    ),
    (
        b"\xaa" * 131,
        b"This is a test using a larger than block-size key and a larger than block-size data."
        b" The key needs to be hashed before being used by the HMAC algorithm.",
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    ),
]


def test_the_result_hmac_is_rfc_4231s_hmac_sha256():
    for key, message, expected in RFC_4231:
        assert frame.hmac_sha256_hex(key, message) == expected.encode()


def test_the_result_hmac_equals_the_standard_librarys_for_every_key_length():
    import hashlib
    import hmac

    for length in (0, 1, 32, 63, 64, 65, 200):
        key = secrets.token_bytes(length)
        message = secrets.token_bytes(1000 + length)
        assert (
            frame.hmac_sha256_hex(key, message)
            == hmac.new(key, message, hashlib.sha256).hexdigest().encode()
        )
