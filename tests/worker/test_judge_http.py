"""The in-container HTTP helper serves a WSGI app on loopback and reports what each request got."""

import json
import sys

import pytest

from worker.judge import in_container


def app(environ, start_response):
    path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
    if path == "/echo" and method == "POST":
        body = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)))
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps({"got": body}).encode()]
    if path == "/boom":
        raise RuntimeError("the learner's bug")
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"no such page"]


@pytest.fixture
def learner_module(monkeypatch):
    module = type(sys)("learner_app")
    module.app = app
    monkeypatch.setitem(sys.modules, "learner_app", module)


def test_requests_reach_the_app_and_answers_come_back(learner_module):
    answers = in_container.exchange(
        "learner_app:app",
        [
            {"method": "POST", "path": "/echo", "json": {"k": 3}},
            {"method": "GET", "path": "/missing"},
            {"method": "GET", "path": "/boom"},
        ],
    )
    assert answers[0] == {"status": 200, "json": {"got": {"k": 3}}}
    assert answers[1] == {"status": 404, "text": "no such page"}
    assert answers[2]["status"] == 500
