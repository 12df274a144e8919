"""Uploads that try to take over the harness rather than solve the exercise."""

import textwrap

import pytest
from sandbox_helpers import TEST_LABEL, TEST_SESSION, call_job

from sandbox.harness import codec
from sandbox.job import Job
from sandbox.runner import run_job

pytestmark = pytest.mark.docker


@pytest.mark.attacks
def test_an_uploaded_sitecustomize_or_pth_file_never_runs_in_the_supervisor(
    docker_client, sandbox_image, sandbox_runtime
):
    hijack = b"import os\nos._exit(3)\n"
    run = run_job(
        call_job(
            sandbox_image,
            "def solve():\n    return 'graded'\n",
            files={
                "sitecustomize.py": hijack,
                "usercustomize.py": hijack,
                "evil.pth": b"import os; os._exit(3)\n",
            },
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    assert run.exit_reason == "ok"
    assert codec.decode(run.steps[0]["value"]) == "graded"


@pytest.mark.attacks
def test_a_fork_bomb_is_contained_and_the_result_is_still_authentic(
    docker_client, sandbox_image, sandbox_runtime
):
    run = run_job(
        call_job(
            sandbox_image,
            """
        import os
        def solve():
            for _ in range(2000):
                try:
                    os.fork()
                except OSError:
                    pass
            return 1
    """,
            timeout_seconds=5,
            limits={"pids": 32, "wall_seconds": 15},
            runtime=sandbox_runtime,
        ),
        client=docker_client,
    )
    assert run.result is not None and run.diagnostics["valid_result_lines"] == 1
    assert run.steps[0]["status"] in ("ok", "timeout")


def test_methods_and_constructed_objects_can_be_called(docker_client, sandbox_image):
    source = textwrap.dedent("""
        class MLP:
            def __init__(self, width):
                self.width = width
            def describe(self, depth):
                return (self.width, depth)
            @staticmethod
            def name():
                return "mlp"
    """).encode()
    job = Job(
        image=sandbox_image,
        files={"solution.py": source},
        plan={
            "steps": [
                {
                    "kind": "call",
                    "id": "build",
                    "module": "solution",
                    "function": "describe",
                    "construct": {"class": "MLP", "args": [16]},
                    "args": [2],
                    "timeout_seconds": 5,
                },
                {
                    "kind": "call",
                    "id": "static",
                    "module": "solution",
                    "function": "MLP.name",
                    "timeout_seconds": 5,
                },
            ]
        },
        labels={TEST_LABEL: TEST_SESSION},
    )
    run = run_job(job, client=docker_client)
    assert [codec.decode(step["value"]) for step in run.steps] == [(16, 2), "mlp"]
