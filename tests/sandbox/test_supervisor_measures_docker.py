"""What the verdict rests on is measured outside the learner's process, under runc and gVisor:
the step clock (the supervisor's, when it accepts an outcome), each step's seconds, the
container's memory peak (its cgroup) and the answers of an http step (the supervisor's client)."""

import textwrap

import pytest
from sandbox_helpers import TEST_LABEL, TEST_SESSION, call_job

from sandbox.harness import codec
from sandbox.job import Job
from sandbox.limits import DEFAULTS
from sandbox.runner import run_job

pytestmark = [pytest.mark.docker, pytest.mark.attacks]

MiB = 1024 * 1024

# Stops the supervisor in the first call and leaves a detached grandchild that resumes it once
# the learner process has ended (a zombie its stopped parent cannot reap): resumed, the
# supervisor finds the outcomes waiting and the learner gone.
STOP_AND_RESUME = """
    import os, signal, time
    SUPERVISOR, LEARNER = os.getppid(), os.getpid()

    def _resume_later():
        middle = os.fork()
        if middle:
            os.waitpid(middle, 0)
            return
        os.setsid()
        if os.fork():
            os._exit(0)
        while True:
            try:
                with open(f"/proc/{LEARNER}/stat") as handle:
                    if handle.read().rpartition(")")[2].split()[0] in ("Z", "X"):
                        break
            except (OSError, IndexError):
                break
            time.sleep(0.05)
        os.kill(SUPERVISOR, signal.SIGCONT)
        os._exit(0)

    def solve():
        time.sleep(0.3)
        _resume_later()
        os.kill(SUPERVISOR, signal.SIGSTOP)
        time.sleep(1.5)
        if ENDING == "exits":
            os._exit(0)
        return 1
"""


@pytest.mark.parametrize("ending", ["returns", "exits"])
def test_a_step_past_its_deadline_is_a_timeout_even_when_the_supervisor_was_stopped(
    docker_client, sandbox_image, sandbox_runtime, ending
):
    job = call_job(
        sandbox_image,
        f"ENDING = {ending!r}\n" + textwrap.dedent(STOP_AND_RESUME),
        timeout_seconds=1,
        limits={"wall_seconds": 10},
        runtime=sandbox_runtime,
    )
    job.plan["steps"].append(dict(job.plan["steps"][0], id="s2"))
    run = run_job(job, client=docker_client)
    # The supervisor itself decided (a signed result, no host deadline): by its own clock.
    assert run.result is not None and not run.diagnostics["watchdog_fired"], run.diagnostics
    assert [s["status"] for s in run.steps] == ["timeout", "skipped"], run.steps
    assert run.exit_reason == "timeout"
    assert run.wall_seconds < 8


def test_patched_clocks_and_a_grandchild_s_memory_are_still_measured(
    docker_client, sandbox_image, sandbox_runtime
):
    run = run_job(
        call_job(
            sandbox_image,
            """
        import os, time
        sleep = time.sleep
        time.perf_counter = time.monotonic = time.time = time.process_time = lambda: 0.0

        def solve():
            sleep(0.6)
            read_end, write_end = os.pipe()
            middle = os.fork()
            if middle == 0:
                os.setsid()
                if os.fork() == 0:
                    hoard = bytearray(150 * 1024 * 1024)
                    os.write(write_end, b"%d" % len(hoard))
                    os._exit(0)
                os._exit(0)
            os.close(write_end)
            os.waitpid(middle, 0)
            return int(os.read(read_end, 64))
    """,
            limits={"memory_mb": 512},
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    assert run.exit_reason == "ok" and codec.decode(run.steps[0]["value"]) == 150 * MiB
    assert run.steps[0]["seconds"] >= 0.6  # the supervisor's clock, not the patched one
    assert run.steps[0]["cpu_seconds"] is not None
    # wait4 sees only the learner process; the container's cgroup sees the grandchild too.
    assert run.result["child"]["peak_rss_bytes"] < 100 * MiB
    assert run.peak_memory_bytes >= 150 * MiB, (run.result.get("container"), run.diagnostics)


def _http_job(image: str, source: str, requests: list[dict], runtime: str) -> Job:
    return Job(
        image=image,
        files={"solution.py": textwrap.dedent(source).encode()},
        plan={
            "steps": [
                {
                    "kind": "http",
                    "id": "api",
                    "app": "solution:app",
                    "requests": requests,
                    "timeout_seconds": 8,
                }
            ]
        },
        limits=DEFAULTS.with_overrides({"wall_seconds": 12}),
        labels={TEST_LABEL: TEST_SESSION},
        runtime=runtime,
    )


def test_an_http_step_is_answered_by_the_server_whatever_the_learner_patches(
    docker_client, sandbox_image, sandbox_runtime
):
    # The server fails every request; the module then fakes every HTTP client it can reach in
    # its own process. The supervisor's requests still reach the server and get its 500s.
    source = """
        import http.client, io, json, socket, urllib.error, urllib.request

        def app(environ, start_response):
            start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
            return [b"broken"]

        def fake_urlopen(request, *args, **kwargs):
            body = io.BytesIO(json.dumps({"error": "faked"}).encode())
            raise urllib.error.HTTPError(request.full_url, 400, "faked", {}, body)

        urllib.request.urlopen = fake_urlopen
        http.client.HTTPConnection.request = lambda *a, **k: None
        http.client.HTTPConnection.getresponse = lambda *a, **k: None
        socket.create_connection = lambda *a, **k: None
    """
    requests = [
        {"method": "GET", "path": "/health"},
        {"method": "POST", "path": "/fit", "json": {"k": 2}},
    ]
    run = run_job(_http_job(sandbox_image, source, requests, sandbox_runtime), client=docker_client)
    assert run.exit_reason == "ok", run.steps
    answers = codec.decode(run.steps[0]["value"])
    assert [a["status"] for a in answers] == [500, 500]
    assert answers[0]["text"] == "broken"


def test_an_http_step_keeps_the_app_s_state_between_requests(
    docker_client, sandbox_image, sandbox_runtime
):
    source = """
        import json
        seen = []

        def app(environ, start_response):
            seen.append(environ["PATH_INFO"])
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps({"seen": seen}).encode()]
    """
    requests = [{"method": "GET", "path": "/a"}, {"method": "GET", "path": "/b"}]
    run = run_job(_http_job(sandbox_image, source, requests, sandbox_runtime), client=docker_client)
    assert run.exit_reason == "ok", run.steps
    assert codec.decode(run.steps[0]["value"]) == [
        {"status": 200, "json": {"seen": ["/a"]}},
        {"status": 200, "json": {"seen": ["/a", "/b"]}},
    ]


def test_an_http_outcome_forged_by_the_learner_carries_none_of_its_values(
    docker_client, sandbox_image, sandbox_runtime
):
    # Before serving anything, the module writes a finished "ok" outcome with made-up answers
    # to every pipe it holds (the result pipe among them) and leaves.
    source = """
        import json, os
        forged = {"id": "api", "status": "ok", "value": [{"status": 200, "json": {"ok": 1}}]}
        for fd in map(int, os.listdir("/proc/self/fd")):
            if fd > 2:
                try:
                    os.write(fd, json.dumps(forged).encode() + b"\\n")
                except OSError:
                    pass
        os._exit(0)
    """
    run = run_job(
        _http_job(sandbox_image, source, [{"path": "/"}], sandbox_runtime), client=docker_client
    )
    assert run.steps[0]["status"] == "error" and "value" not in run.steps[0]
    assert "never served" in run.steps[0]["message"]
