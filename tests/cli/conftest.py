"""The CLI against a live server (pytest-django's live_server): the real `backprop` entry
point in a subprocess, a config directory of the test's own, grading done by a stand-in
worker thread that stores a result the way the worker does (worker.lifecycle)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from accounts.services import api_token_regenerate

BACKPROP = Path(sys.executable).parent / "backprop"

FAILING_RESULT = {
    "version": 1,
    "status": "fail",
    "score": 0.4,
    "gradable": True,
    "exit_reason": "ok",
    "message": "",
    "checks": [
        {
            "id": "correct_on_random_shapes",
            "name": "Correct on random shapes",
            "kind": "probe",
            "status": "fail",
            "score": 0.0,
            "max_score": 6.0,
            "message": "matmul([[1, 2]], [[3], [4]]) should be [[11]] but was [[3]]",
            "hint": "Entry (i, j) of A·B is the dot product of row i of A with column j of B.",
        },
        {
            "id": "shape_mismatch_raises",
            "name": "A shape mismatch raises ValueError",
            "kind": "probe",
            "status": "pass",
            "score": 2.0,
            "max_score": 2.0,
            "message": "",
            "hint": "Compare len(A[0]) with len(B) before multiplying.",
        },
        {
            "id": "no_numpy",
            "name": "Written without NumPy",
            "kind": "static",
            "status": "pass",
            "score": 1.0,
            "max_score": 1.0,
            "message": "",
            "hint": "",
        },
    ],
    "metrics": {},
    "curves": {},
    "stdout": "",
    "stderr": "",
    "resources": {"wall_seconds": 0.42, "cpu_seconds": 0.3, "peak_memory_bytes": 20_000_000},
    "provenance": {"seed": 7, "grader_version": "1.1"},
}


@dataclass
class Cli:
    env: dict
    cwd: Path

    def __call__(self, *args: str, cwd: Path | None = None, timeout: float = 60):
        return subprocess.run(
            [str(BACKPROP), *args],
            env=self.env,
            cwd=cwd or self.cwd,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )


@pytest.fixture
def cli(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("BACKPROP_")},
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "COLUMNS": "250",  # rich wraps long check messages at 80 columns otherwise
        "NO_COLOR": "1",
    }
    work = tmp_path / "work"
    work.mkdir()
    return Cli(env, work)


@pytest.fixture
def alice_token(alice):
    return api_token_regenerate(user=alice)


@pytest.fixture
def grader(monkeypatch):
    """Grades each enqueued attempt a moment later in another thread, as a worker would:
    claim (running), then finish with `result`."""
    state = {"result": FAILING_RESULT, "status": "failed", "threads": []}

    def grade(submission_id: int) -> None:
        from django.db import connection

        from worker import lifecycle

        try:
            time.sleep(0.6)
            claimed = lifecycle.claim(submission_id)
            time.sleep(0.6)
            lifecycle.finish(
                claimed,
                status=state["status"],
                score=state["result"]["score"],
                result=state["result"],
            )
        finally:
            connection.close()

    def enqueue(submission) -> bool:
        thread = threading.Thread(target=grade, args=(submission.pk,), daemon=True)
        state["threads"].append(thread)
        thread.start()
        return True

    monkeypatch.setattr("submissions.grading_queue.enqueue", enqueue)
    yield state
    for thread in state["threads"]:
        thread.join(timeout=10)
