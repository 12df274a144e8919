"""The two halves of a harness `http` step: the learner's server and the supervisor's client.

In the sandbox they live in two processes (the learner's and the supervisor's); here both run in
this one, which is enough to check what goes over the loopback and what comes back.
"""

import json
import time
import urllib.request

import pytest

from sandbox.harness import web


def app(environ, start_response):
    path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
    if path == "/echo" and method == "POST":
        body = json.loads(environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)))
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps({"got": body}).encode()]
    if path == "/boom":
        raise RuntimeError("the learner's bug")
    if path == "/huge":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"x" * 5000]
    if path == "/reserved":
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"__file__": "/etc/passwd"}']
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"no such page"]


@pytest.fixture
def server():
    server = web.serve(app)
    yield server
    server.shutdown()
    server.server_close()


def exchange(server, requests, *, seconds=5.0, body_cap=1000):
    client = web.Exchange(
        server.server_port, requests, deadline=time.monotonic() + seconds, body_cap=body_cap
    )
    client.start()
    client.thread.join(10)
    assert client.done()
    return client.value()


def test_requests_reach_the_app_and_answers_come_back(server):
    answers = exchange(
        server,
        [
            {"method": "POST", "path": "/echo", "json": {"k": 3}},
            {"method": "GET", "path": "/missing"},
            {"method": "GET", "path": "/boom"},
        ],
    )
    assert answers[0] == {"status": 200, "json": {"got": {"k": 3}}}
    assert answers[1] == {"status": 404, "text": "no such page"}
    assert answers[2]["status"] == 500


def test_patching_the_http_client_in_the_learner_process_changes_no_answer(server, monkeypatch):
    # What the faked-client attack did in the learner's process; the supervisor's client is
    # http.client in another process, and does not go through urllib at all.
    def fake_urlopen(*args, **kwargs):
        raise AssertionError("the grader's client must not be urllib in the learner's process")

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    answers = exchange(server, [{"method": "GET", "path": "/boom"}])
    assert answers[0]["status"] == 500


def test_oversized_bodies_and_reserved_keys_are_kept_as_bounded_text(server):
    huge, reserved = exchange(
        server, [{"method": "GET", "path": "/huge"}, {"method": "GET", "path": "/reserved"}]
    )
    assert huge["status"] == 200 and "larger than 1000 bytes" in huge["error"]
    assert len(huge["text"]) == web.TEXT_CHARS
    assert reserved == {"status": 200, "text": '{"__file__": "/etc/passwd"}'}


def test_a_request_after_the_step_deadline_is_not_sent(server):
    answers = exchange(server, [{"method": "GET", "path": "/missing"}], seconds=-1)
    assert answers == [{"status": None, "error": "the step's time ran out before this request"}]


def test_nobody_listening_is_an_answer_with_no_status():
    client = web.Exchange(1, [{"path": "/"}], deadline=time.monotonic() + 2, body_cap=100)
    client.start()
    client.thread.join(5)
    assert client.value()[0]["status"] is None
