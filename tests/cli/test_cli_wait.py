"""The CLI's wait for a result: asks soon after the submit, then less and less often."""

import argparse
import io
from types import SimpleNamespace

from rich.console import Console

from backprop_cli import main


class Answer:
    def __init__(self, status_code, body=None, etag=""):
        self.status_code, self._body, self.headers = status_code, body, {"ETag": etag}

    def json(self):
        return self._body


class Api:
    """Queued, then unchanged (304) twice, then final: what a grade of about a second gives."""

    def __init__(self):
        self.answers = [
            Answer(200, {"status": "queued", "is_terminal": False}, '"v1"'),
            Answer(304),
            Answer(304),
            Answer(200, {"status": "passed", "is_terminal": True}, '"v2"'),
        ]
        self.sent = []

    def request(self, method, path, headers):
        self.sent.append(headers.get("If-None-Match", ""))
        return self.answers.pop(0)

    def get(self, path):
        return {"id": 7, "status": "passed"}


def test_the_first_poll_comes_soon_and_the_next_ones_slow_down(monkeypatch):
    slept = []
    monkeypatch.setattr(main, "time", SimpleNamespace(monotonic=lambda: 0.0, sleep=slept.append))
    ctx = main.Context(
        argparse.Namespace(timeout=60), Console(file=io.StringIO()), Console(file=io.StringIO())
    )
    api = Api()
    ctx._api = api
    assert main._wait(ctx, 7) == {"id": 7, "status": "passed"}
    assert slept == [0.1, 0.1 * 1.5, 0.1 * 1.5 * 1.5]
    assert api.sent == ["", '"v1"', '"v1"', '"v1"']  # unchanged answers cost a 304
