"""The two halves of an ``http`` step: the learner's server and the grader's client.

``serve`` runs in the learner process: it serves the learner's WSGI app (e.g. a Flask ``app``)
on a loopback port with the standard library's wsgiref. ``Exchange`` runs in the supervisor, a
process learner code cannot touch (non-dumpable, never imports learner code), so whatever the
learner patches in its own process (urllib, http.client, socket), the requests are really sent
over the loopback and the answers are what its server really said. The answers are only
relayed: the judge compares them, outside the container, with the reference server's.
"""

from __future__ import annotations

import http.client
import json
import os
import socketserver
import threading
import time
from typing import Any

from . import codec

REQUEST_SECONDS = 5.0
TEXT_CHARS = 500


# --- In the learner process -------------------------------------------------------------------


def serve(app):
    """A started threading WSGI server on 127.0.0.1 (port ``server.server_port``)."""
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # the learner's own logging still reaches stderr
            pass

    server = make_server(
        "127.0.0.1", 0, app, server_class=ThreadingServer, handler_class=QuietHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def wait_for_release(control_fd: int) -> None:
    """Block until the supervisor says its requests are done (a line, or the pipe closing)."""
    while True:
        try:
            chunk = os.read(control_fd, 64)
        except InterruptedError:
            continue
        except OSError:
            return
        if not chunk or b"\n" in chunk:
            return


# --- In the supervisor ------------------------------------------------------------------------


class Exchange:
    """Sends a step's requests to 127.0.0.1:<port> in a thread, so the supervisor's loop keeps
    draining the learner's pipes and watching the step's clock meanwhile."""

    def __init__(self, port: int, requests: list, deadline: float, body_cap: int):
        self.port = port
        self.requests = list(requests)
        self.deadline = deadline
        self.body_cap = body_cap
        self.responses: list[dict[str, Any]] = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def done(self) -> bool:
        return not self.thread.is_alive()

    def value(self) -> list[dict[str, Any]]:
        """The answers, already in the codec's form (plain JSON)."""
        return list(self.responses)

    def _run(self) -> None:
        for request in self.requests:
            try:
                answer = self._send(request)
            except Exception as error:  # noqa: BLE001 - whatever the server does, record it
                answer = {"status": None, "error": f"{type(error).__name__}: {error}"[:TEXT_CHARS]}
            self.responses.append(answer)

    def _send(self, request: Any) -> dict[str, Any]:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            return {"status": None, "error": "the step's time ran out before this request"}
        if not isinstance(request, dict):
            return {"status": None, "error": "a malformed request in the grading plan"}
        body = None
        headers = {}
        if "json" in request:
            body = json.dumps(request["json"]).encode()
            headers["Content-Type"] = "application/json"
        elif "body" in request:
            body = str(request["body"]).encode()
            headers["Content-Type"] = str(request.get("content_type", "text/plain"))
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=min(REQUEST_SECONDS, remaining)
        )
        try:
            connection.request(
                str(request.get("method", "GET")),
                str(request.get("path", "/")),
                body=body,
                headers=headers,
            )
            response = connection.getresponse()
            raw = response.read(self.body_cap + 1)
            if len(raw) > self.body_cap:
                return {
                    "status": response.status,
                    "text": raw[:TEXT_CHARS].decode("utf-8", "replace"),
                    "error": f"the response body is larger than {self.body_cap} bytes",
                }
            return answer_of(response.status, raw)
        except (OSError, http.client.HTTPException, ValueError) as error:
            return {"status": None, "error": f"{type(error).__name__}: {error}"[:TEXT_CHARS]}
        finally:
            connection.close()


def answer_of(status: int, raw: bytes) -> dict[str, Any]:
    """``{"status", "json"}`` when the body is JSON the codec can carry, else ``{"status", "text"}``."""
    text = raw.decode("utf-8", "replace")
    try:
        return {"status": status, "json": codec.encode(json.loads(text))}
    except (ValueError, TypeError, RecursionError):  # not JSON, too deep, or a reserved key
        return {"status": status, "text": text[:TEXT_CHARS]}
