"""The benches' simulated learner closes each connection as soon as it has the answer.

A learner that keeps an unread 302 open holds a sync gunicorn worker in its graceful close for
up to 2 s (the load bench's web tier was capped by exactly that). Run as a program, as the
other bench tests do: tests never import ``bench/``.
"""

import socket
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LEARNER = """
import sys, time
from bench.grading import Learner
answer = Learner(sys.argv[1]).request("/exercises/x/submit/", {"code": "pass"})
print(answer.status, answer.headers.get("Location"), flush=True)  # the body unread, as a submit
time.sleep(3)  # the answer is still held, as the load bench's learner holds it
"""


def read_head(conn: socket.socket) -> bytes:
    """The request line and headers, as a server reads them before answering."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(4096)
    return data


def against(server: socket.socket, serve, script: str) -> subprocess.CompletedProcess:
    """Runs `script` (a bench learner) against `serve` answering on `server`, then closes it."""
    port = server.getsockname()[1]
    thread = threading.Thread(target=serve)
    thread.start()
    done = subprocess.run(
        [sys.executable, "-c", script, f"http://127.0.0.1:{port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    thread.join(timeout=10)
    server.close()
    return done


def test_a_302_is_read_and_its_connection_closed_while_the_answer_is_held():
    server = socket.create_server(("127.0.0.1", 0))
    seen: dict[str, object] = {}

    def serve():
        conn, _ = server.accept()
        with conn:
            read_head(conn)
            conn.sendall(
                b"HTTP/1.1 302 Found\r\nLocation: /submissions/7/\r\nContent-Length: 5\r\n"
                b"Connection: close\r\n\r\nmoved"
            )
            conn.shutdown(socket.SHUT_WR)  # what gunicorn's close_graceful does, then it waits
            conn.settimeout(1.5)
            try:
                while conn.recv(4096):  # the rest of the request body, then b"" at the close
                    pass
                seen["after"] = "closed"
            except TimeoutError:
                seen["after"] = "still open"

    done = against(server, serve, LEARNER)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["302", "/submissions/7/"]
    assert seen["after"] == "closed"


POLLER = """
import sys, time
import bench.grading as grading
slept = []
grading.time.sleep = slept.append  # the bench's waits, recorded instead of slept
status = grading.Learner(sys.argv[1]).poll_status(7, until=time.monotonic() + 20, poll=None, seen="")
print(status, *slept, flush=True)
"""


def test_the_load_learner_polls_at_the_cadence_each_fragment_names():
    """As htmx does: each swapped fragment's `every …ms` sets the next waits; a 204 keeps them."""
    answers = [
        b"200 OK",
        b'<div data-version="q.p100" hx-trigger="every 100ms">',
        b"204 No Content",
        b"",
        b"200 OK",
        b'<div data-version="q.p250" hx-trigger="every 250ms">',
        b"204 No Content",
        b"",
        b"286 OK",
        b'<div data-status="passed" data-version="passed">',
    ]
    server = socket.create_server(("127.0.0.1", 0))
    asked: list[bytes] = []

    def serve():
        for status, body in zip(answers[::2], answers[1::2], strict=True):
            conn, _ = server.accept()
            with conn:
                asked.append(read_head(conn).split(b" ")[1])
                conn.sendall(
                    b"HTTP/1.1 "
                    + status
                    + b"\r\nContent-Length: "
                    + str(len(body)).encode()
                    + b"\r\nConnection: close\r\n\r\n"
                    + body
                )

    done = against(server, serve, POLLER)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["passed", "0.1", "0.1", "0.25", "0.25"]
    assert asked[1].endswith(b"?seen=q.p100") and asked[4].endswith(b"?seen=q.p250")
