"""The warm pool in a real worker process: it grades through warm containers, and the idle
ones of a worker that was SIGKILLed are removed when the next worker starts."""

from __future__ import annotations

import socket
from pathlib import Path

import docker
import pytest

from sandbox.pool import POOL_LABEL
from submissions.models import Status
from tests.integration.conftest import submit, sweep_until_terminal, wait_until

pytestmark = [pytest.mark.docker, pytest.mark.integration, pytest.mark.timeout(300)]


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _warm_containers(owners: set[str]):
    client = docker.from_env(timeout=30)
    found = client.containers.list(all=True, filters={"label": POOL_LABEL})
    return [c for c in found if c.labels.get(POOL_LABEL) in owners]


def test_a_worker_grades_through_warm_containers_and_its_orphans_are_removed(
    client, alice, matmul, workers, grading
):
    first = workers.start("warm", SANDBOX_POOL_SIZE="1")
    owners = {f"{socket.gethostname()}:{pid}" for pid in _children(first.pid)}
    assert owners, "the prefork child of the worker was not found"
    wait_until(lambda: _warm_containers(owners), 90, "the pool to hold a warm container")
    # The child's pool starts after Celery has closed the sockets it inherited: no engine
    # error while it fills (a socket the refill opened too early was closed under it).
    assert "cannot start a warm container" not in workers.logs(), workers.logs()

    submission = sweep_until_terminal(submit(client, alice, matmul))
    assert submission.status == Status.PASSED, (submission.message, workers.logs())

    workers.kill(first)  # nothing of the worker survives to remove its idle containers
    left = _warm_containers(owners)
    assert left, "the killed worker should have left idle warm containers"
    workers.start("next", SANDBOX_POOL_SIZE="0")  # even a worker without a pool removes them
    assert not _warm_containers(owners), workers.logs()
