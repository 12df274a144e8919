"""Shipped into every container as `_backprop_helpers.py`: plan steps that are not learner functions.

`load_module` imports the learner's module in a step of its own, so slow imports (scikit-learn,
torch) spend their own time budget instead of the first case's. `exchange` (for `http` checks) serves the learner's WSGI app (e.g. a Flask `app`) on a loopback port with the standard library's
wsgiref, sends
the check's requests over real HTTP with urllib, and returns what came back. It runs beside
learner code, so it decides nothing: the judge compares the responses outside the container.
"""

import importlib
import json
import socketserver
import threading
import urllib.error
import urllib.request
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # the learner's own logging still reaches stderr
        pass


def load_module(*names):
    for name in names:
        importlib.import_module(name)
    return True


def exchange(app_ref, requests, timeout=5.0):
    module_name, _, attribute = app_ref.partition(":")
    app = getattr(importlib.import_module(module_name), attribute or "app")
    server = make_server(
        "127.0.0.1", 0, app, server_class=_ThreadingServer, handler_class=_QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        return [_send(base, request, timeout) for request in requests]
    finally:
        server.shutdown()
        server.server_close()


def _send(base, request, timeout):
    body = None
    headers = {}
    if "json" in request:
        body = json.dumps(request["json"]).encode()
        headers["Content-Type"] = "application/json"
    elif "body" in request:
        body = request["body"].encode()
        headers["Content-Type"] = request.get("content_type", "text/plain")
    req = urllib.request.Request(
        base + request["path"], data=body, method=request.get("method", "GET"), headers=headers
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return _answer(response.status, response.read())
    except urllib.error.HTTPError as error:
        return _answer(error.code, error.read())
    except (urllib.error.URLError, OSError) as error:
        return {"status": None, "error": f"{type(error).__name__}: {error}"}


def _answer(status, raw):
    text = raw.decode("utf-8", "replace")
    try:
        return {"status": status, "json": json.loads(text)}
    except ValueError:
        return {"status": status, "text": text[:500]}
