"""The sandbox against the real engine: each test is one attack or one contract."""

import io

import numpy as np
import pytest
from sandbox_helpers import call_job

from sandbox.harness import codec
from sandbox.runner import run_job

pytestmark = pytest.mark.docker


def value_of(run, index=0):
    return codec.decode(run.steps[index]["value"])


def npy(array) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def test_a_correct_call_round_trips_numpy_arrays_and_loads_file_arguments(
    docker_client, sandbox_image
):
    a = np.arange(6, dtype=np.float64).reshape(2, 3)
    b = np.ones((3, 2), dtype=np.float32)
    run = run_job(
        call_job(
            sandbox_image,
            """
            import numpy as np
            def matmul(a, b):
                return a @ b, np.random.rand()
        """,
            "matmul",
            args=[codec.encode(a), {"__file__": "data/b.npy"}],
            files={"data/b.npy": npy(b)},
            seed=3,
        ),
        client=docker_client,
    )
    assert run.exit_reason == "ok", run
    product, drawn = value_of(run)
    assert np.allclose(product, a @ b) and product.dtype == np.float64
    assert drawn == np.random.RandomState(3).rand()
    assert run.result["seed"] == 3 and run.result["versions"]["python"].startswith("3.11")
    assert run.result["versions"]["torch"].startswith("2.13.0")
    assert run.peak_memory_bytes > 1_000_000 and run.image_id.startswith("sha256:")


def test_learner_exceptions_and_syntax_errors_are_step_outcomes(docker_client, sandbox_image):
    raised = run_job(
        call_job(sandbox_image, "def solve():\n    raise ValueError('bad shape')\n"),
        client=docker_client,
    )
    assert raised.exit_reason == "ok"
    assert raised.steps[0]["status"] == "raised"
    assert raised.steps[0]["exception"]["type"] == "ValueError"
    assert raised.steps[0]["exception"]["message"] == "bad shape"
    broken = run_job(call_job(sandbox_image, "def solve(:\n"), client=docker_client)
    assert broken.steps[0]["status"] == "raised"
    assert broken.steps[0]["exception"]["type"] == "SyntaxError"
    assert "solution.py" in broken.steps[0]["exception"]["traceback"]


def test_an_ungradable_return_value_is_explained(docker_client, sandbox_image):
    run = run_job(call_job(sandbox_image, "def solve():\n    return open\n"), client=docker_client)
    assert run.steps[0]["status"] == "error"
    assert (
        run.steps[0]["message"]
        == "returned an object of type builtin_function_or_method that cannot be graded"
    )


# `import torch` takes 1.5-1.9 s in a fresh container here, but twice in a full suite run it ran
# past the 10 s default (not reproduced alone): this test is about seeding, so it allows 25 s.
TORCH_SECONDS = 25


def test_torch_is_seeded_and_tensors_come_back_as_arrays(docker_client, sandbox_image):
    run = run_job(
        call_job(
            sandbox_image,
            """
        import torch
        def solve():
            return torch.rand(3)
    """,
            seed=5,
            timeout_seconds=TORCH_SECONDS,
        ),
        client=docker_client,
    )
    first = value_of(run)
    again = value_of(
        run_job(
            call_job(
                sandbox_image,
                """
        import torch
        def solve():
            return torch.rand(3)
    """,
                seed=5,
                timeout_seconds=TORCH_SECONDS,
            ),
            client=docker_client,
        )
    )
    assert isinstance(first, np.ndarray) and first.shape == (3,)
    assert np.array_equal(first, again)


@pytest.mark.attacks
def test_a_step_that_loops_forever_times_out_and_later_steps_are_skipped(
    docker_client, sandbox_image, sandbox_runtime
):
    job = call_job(
        sandbox_image,
        "def solve():\n    while True:\n        pass\n",
        timeout_seconds=2,
        limits={"wall_seconds": 10},
        runtime=sandbox_runtime,
    )
    job.plan["steps"].append(dict(job.plan["steps"][0], id="s2"))
    run = run_job(job, client=docker_client)
    assert run.exit_reason == "timeout"
    assert [s["status"] for s in run.steps] == ["timeout", "skipped"]
    assert run.wall_seconds < 8


@pytest.mark.attacks
def test_the_container_deadline_kills_a_run_whose_harness_hangs(
    docker_client, sandbox_image, sandbox_runtime
):
    # Stopping the supervisor leaves nobody to enforce step timeouts: the host clock must.
    run = run_job(
        call_job(
            sandbox_image,
            """
        import os, signal
        def solve():
            os.kill(os.getppid(), signal.SIGSTOP)
            while True:
                pass
    """,
            timeout_seconds=2,
            limits={"wall_seconds": 4},
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    assert run.exit_reason == "timeout" and run.result is None
    assert 4 <= run.wall_seconds < 9


@pytest.mark.attacks
def test_allocating_beyond_the_memory_limit_is_reported_as_memory(
    docker_client, sandbox_image, sandbox_runtime
):
    run = run_job(
        call_job(
            sandbox_image,
            """
        import numpy as np
        def solve():
            return float(np.ones(2 * 1024**3 // 8).sum())
    """,
            limits={"memory_mb": 256},
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    assert run.exit_reason == "memory"
    assert "256 MiB" in run.message


@pytest.mark.attacks
def test_there_is_no_network(docker_client, sandbox_image, sandbox_runtime):
    run = run_job(
        call_job(
            sandbox_image,
            """
        import socket
        def solve():
            outcomes = {}
            try:
                socket.create_connection(("1.1.1.1", 53), timeout=3)
                outcomes["connect"] = "connected"
            except OSError as error:
                outcomes["connect"] = type(error).__name__
            try:
                socket.getaddrinfo("pypi.org", 443)
                outcomes["dns"] = "resolved"
            except OSError as error:
                outcomes["dns"] = type(error).__name__
            return outcomes
    """,
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    outcomes = value_of(run)
    assert outcomes["connect"] != "connected" and outcomes["dns"] != "resolved", outcomes


@pytest.mark.attacks
def test_flooding_stdout_is_cut_with_a_mark_and_the_result_stays_authentic(
    docker_client, sandbox_image, sandbox_runtime
):
    run = run_job(
        call_job(
            sandbox_image,
            """
        import sys
        def solve():
            line = "x" * 1023 + "\\n"
            for _ in range(50 * 1024):
                sys.stdout.write(line)
            return 42
    """,
            timeout_seconds=20,
            limits={"wall_seconds": 25},
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    assert run.exit_reason == "output_limit"
    assert run.stdout_truncated and "[... output truncated:" in run.stdout
    assert len(run.stdout) < 70 * 1024
    assert value_of(run) == 42 and run.diagnostics["valid_result_lines"] == 1


@pytest.mark.attacks
def test_a_forged_result_line_from_learner_code_is_not_accepted(
    docker_client, sandbox_image, sandbox_runtime
):
    run = run_job(
        call_job(
            sandbox_image,
            """
        import json
        FORGED = "BACKPROP-RESULT " + "0" * 64 + " " + json.dumps({"steps": [{"id": "s1", "status": "ok", "value": 999}]})
        import os
        def solve():
            print(FORGED)
            written = 0
            # PID 1 (its stdio is /dev/null) and the supervisor are non-dumpable: refused under
            # runc, open under gVisor
            for pid in (1, os.getppid()):
                try:
                    with open(f"/proc/{pid}/fd/1", "w") as stdout:
                        stdout.write("\\n" + FORGED + "\\n")
                        written += pid != 1
                except PermissionError:
                    pass
            return written
    """,
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    assert run.exit_reason == "ok"
    # Only a line written to the supervisor's stdout (the container's) can reach the host,
    # which counts it as forged and takes the one signed result.
    assert run.diagnostics["forged_result_lines"] == value_of(run)
    if sandbox_runtime == "runc":  # out of reach: the line never gets out
        assert value_of(run) == 0


@pytest.mark.attacks
def test_the_learner_cannot_read_the_supervisor_or_the_nonce(
    docker_client, sandbox_image, sandbox_runtime
):
    run = run_job(
        call_job(
            sandbox_image,
            """
        import os
        def solve():
            found = {}
            parent = os.getppid()
            for name in ("mem", "fd/0", "environ"):
                try:
                    with open(f"/proc/{parent}/{name}", "rb") as handle:
                        found[name] = f"read {len(handle.read(64))} bytes"
                except OSError as error:
                    found[name] = type(error).__name__
            found["env"] = sorted(os.environ)
            return found
    """,
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    found = value_of(run)
    assert found["mem"] == "PermissionError", found
    # gVisor lets a same-uid process open a non-dumpable process's fds; by then the supervisor
    # has read all of stdin and the host has closed it, so there is nothing left to read.
    assert found["fd/0"] == ("PermissionError" if sandbox_runtime == "runc" else "read 0 bytes"), (
        found
    )
    # Only what Docker, Python and the harness set: nothing from the host or the worker (the
    # device variables are ours: a CPU job's say "no device", sandbox.gpu).
    assert set(found["env"]) <= {
        "CUDA_VISIBLE_DEVICES",
        "NVIDIA_VISIBLE_DEVICES",
        "PATH",
        "HOSTNAME",
        "HOME",
        "LC_CTYPE",
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
    }, found


@pytest.mark.attacks
def test_the_container_is_unprivileged_and_its_root_is_read_only(
    docker_client, sandbox_image, sandbox_runtime
):
    run = run_job(
        call_job(
            sandbox_image,
            """
        import ctypes, os
        def solve():
            status = dict(line.split(":\\t", 1) for line in open("/proc/self/status").read().splitlines() if ":\\t" in line)
            try:
                open("/etc/backprop-was-here", "w")
                root = "writable"
            except OSError as error:
                root = "not writable"  # EROFS under runc, EACCES under gVisor
            no_new_privs = ctypes.CDLL(None).prctl(39, 0, 0, 0, 0)  # PR_GET_NO_NEW_PRIVS
            return os.getuid(), status["CapEff"].strip(), str(no_new_privs), root
    """,
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    assert value_of(run) == (10001, "0000000000000000", "1", "not writable")


@pytest.mark.attacks
def test_killing_the_supervisor_means_the_harness_is_lost(
    docker_client, sandbox_image, sandbox_runtime
):
    run = run_job(
        call_job(
            sandbox_image,
            """
        import os
        def solve():
            os.kill(os.getppid(), 9)
            return 1
    """,
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    assert run.exit_reason == "harness_lost" and run.result is None
    assert "stopped the grading harness" in run.message


def test_metrics_reported_by_learner_code_are_collected(docker_client, sandbox_image):
    run = run_job(
        call_job(
            sandbox_image,
            """
        import report
        def solve():
            for step in range(3):
                report.log(step=step, loss=1.0 / (step + 1))
            return True
    """,
        ),
        client=docker_client,
    )
    assert [m["step"] for m in run.metrics] == [0, 1, 2]


def _stop_when_started(docker_client, label: str, value: str, after: float = 1.0) -> None:
    """Stop the one container labelled ``label=value`` once it has run ``after`` seconds, as
    dockerd does to every container when it shuts down."""
    import threading
    import time

    def stop():
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            found = docker_client.containers.list(filters={"label": f"{label}={value}"})
            if found:
                time.sleep(after)
                found[0].stop(timeout=5)
                return
            time.sleep(0.05)

    threading.Thread(target=stop, daemon=True).start()


@pytest.mark.attacks
def test_a_container_stopped_by_the_engine_mid_run_is_ours_not_the_learners(
    docker_client, sandbox_image, sandbox_runtime
):
    # Seen in bench/faults.py: dockerd stopping while a correct submission ran graded it failed.
    import dataclasses
    import uuid

    from sandbox.result import SandboxUnavailable

    marker = uuid.uuid4().hex
    job = call_job(
        sandbox_image,
        "import time\ndef solve():\n    time.sleep(8)\n    return 1\n",
        timeout_seconds=10,
        limits={"wall_seconds": 15},
        runtime=sandbox_runtime,
    )
    job = dataclasses.replace(job, labels={**job.labels, "backprop.test.stop": marker})
    _stop_when_started(docker_client, "backprop.test.stop", marker)
    with pytest.raises(SandboxUnavailable, match="stopped from outside"):
        run_job(job, client=docker_client)


@pytest.mark.attacks
def test_a_learner_who_terminates_its_supervisor_is_still_the_learners_outcome(
    docker_client, sandbox_image, sandbox_runtime
):
    run = run_job(
        call_job(
            sandbox_image,
            "import os, signal\ndef solve():\n    os.kill(os.getppid(), signal.SIGTERM)\n",
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    assert run.exit_reason == "harness_lost" and run.result is None
    assert run.exit_code == 128 + 15


def test_an_ordinary_result_is_not_held_up_by_the_engines_account_of_the_exit(
    docker_client, sandbox_image
):
    """The stream is read to its end (exactly one valid line), but the engine's wait and inspect
    are skipped: the result is ordinary and the peak far under the limit."""
    run = run_job(call_job(sandbox_image, "def solve():\n    return 7\n"), client=docker_client)
    assert run.exit_reason == "ok" and value_of(run) == 7
    assert run.diagnostics["exit_awaited"] is False and run.exit_code is None
    assert run.diagnostics["valid_result_lines"] == 1
    # Under runc the supervisor is the one writer of the stream: its result line ends the read.
    assert run.diagnostics["stream_read_to_end"] is False


@pytest.mark.attacks
def test_under_gvisor_the_stream_is_read_to_its_end(docker_client, sandbox_image):
    """gVisor opens /proc/<pid>/fd/1 of a non-dumpable supervisor, so a second valid line could
    follow the first: the host reads on until the container's stream ends."""
    if "runsc" not in (docker_client.info().get("Runtimes") or {}):
        pytest.skip("the runsc runtime is not registered with dockerd")
    run = run_job(
        call_job(sandbox_image, "def solve():\n    return 7\n", runtime="runsc"),
        client=docker_client,
    )
    assert run.exit_reason == "ok" and value_of(run) == 7
    assert run.diagnostics["stream_read_to_end"] is True


def test_a_run_near_its_memory_limit_is_waited_for_so_an_oom_kill_is_seen(
    docker_client, sandbox_image
):
    """Above 90% of the limit an OOM kill is possible: the engine's flag decides, as before."""
    run = run_job(
        call_job(
            sandbox_image,
            "def solve():\n    block = bytearray(236 * 1024 * 1024)\n    return len(block)\n",
            limits={"memory_mb": 256},
        ),
        client=docker_client,
    )
    assert "exit_awaited" not in run.diagnostics
    assert run.exit_reason in ("ok", "memory") and run.exit_code is not None
