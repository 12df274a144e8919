"""The two halves of an ``http`` step: the learner's server and the grader's client.

``serve`` runs in the learner process: it serves the learner's WSGI app (e.g. a Flask ``app``)
on a loopback port with the standard library's wsgiref, or an ASGI app (e.g. FastAPI's) with
uvicorn, as ``uvicorn solution:app`` would, where the image has uvicorn. ``Exchange`` runs in the supervisor, a
process learner code cannot touch (non-dumpable, never imports learner code), so whatever the
learner patches in its own process (urllib, http.client, socket), the requests are really sent
over the loopback and the answers are what its server really said. The answers are only
relayed: the judge compares them, outside the container, with the reference server's.
"""

from __future__ import annotations

import http.client
import inspect
import json
import os
import socket
import socketserver
import threading
import time

from . import codec

TYPE_CHECKING = False  # typing costs every run 4 ms to import; mypy reads the name
if TYPE_CHECKING:
    from typing import Any

REQUEST_SECONDS = 5.0
TEXT_CHARS = 500


# --- In the learner process -------------------------------------------------------------------


ASGI_START_SECONDS = 20.0


def is_asgi(app) -> bool:
    """An ASGI app is an async callable (scope, receive, send); a WSGI app is a plain one."""
    if inspect.isfunction(app) or inspect.ismethod(app):
        return inspect.iscoroutinefunction(app)
    return callable(app) and inspect.iscoroutinefunction(type(app).__call__)


class AsgiServer:
    """uvicorn serving an ASGI app on 127.0.0.1 in a daemon thread, shaped like the WSGI
    server ``serve`` returns (``server_port``, ``shutdown()``, ``server_close()``)."""

    def __init__(self, app):
        import uvicorn  # only in images with ASGI support (the deep-learning image)

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.server_port = sock.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="auto")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + ASGI_START_SECONDS
        while not self.server.started:
            if not self.thread.is_alive():
                raise RuntimeError("uvicorn stopped while starting your app (its log is above)")
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"uvicorn did not start your app within {ASGI_START_SECONDS:g} s"
                )
            time.sleep(0.01)

    def shutdown(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)

    def server_close(self) -> None:
        """uvicorn closes its socket as it exits (``shutdown``)."""


def serve(app):
    """A started server on 127.0.0.1 (port ``server.server_port``): threading wsgiref for a
    WSGI app, uvicorn for an ASGI one."""
    if is_asgi(app):
        return AsgiServer(app)
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
