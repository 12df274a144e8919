from __future__ import annotations

import os
import textwrap

from sandbox.job import Job
from sandbox.limits import DEFAULTS

# Marks this test session's containers, so the leftover check ignores other runs on the engine.
TEST_LABEL = "backprop.test"
TEST_SESSION = f"{os.getpid()}"


def call_job(
    image: str,
    source: str,
    function: str = "solve",
    *,
    args=(),
    kwargs=None,
    timeout_seconds: float = 10,
    files=None,
    limits=None,
    **job_fields,
) -> Job:
    """A one-step job calling ``solution.<function>`` on the given source."""
    return Job(
        image=image,
        files={"solution.py": textwrap.dedent(source).encode(), **(files or {})},
        plan={
            "steps": [
                {
                    "kind": "call",
                    "id": "s1",
                    "module": "solution",
                    "function": function,
                    "args": list(args),
                    "kwargs": kwargs or {},
                    "timeout_seconds": timeout_seconds,
                }
            ]
        },
        limits=DEFAULTS.with_overrides(limits or {}),
        labels={TEST_LABEL: TEST_SESSION},
        **job_fields,
    )
