"""Containers never outlive a run: the context manager and the reaper."""

import time

import pytest
from sandbox_helpers import call_job

from sandbox.reaper import reap
from sandbox.runner import container_options, hardened_container

pytestmark = pytest.mark.docker


def test_the_container_is_removed_when_the_block_raises(docker_client, sandbox_image):
    job = call_job(sandbox_image, "def solve():\n    return 1\n")
    with (
        pytest.raises(RuntimeError, match="boom"),
        hardened_container(docker_client, job) as container,
    ):
        container.start()
        raise RuntimeError("boom")
    assert docker_client.containers.list(all=True, filters={"id": container.id}) == []


def test_the_reaper_removes_only_containers_past_their_deadline(docker_client, sandbox_image):
    job = call_job(sandbox_image, "def solve():\n    return 1\n")
    options = container_options(job, deadline=time.time() - 1)
    expired = docker_client.containers.create(**options)
    alive = docker_client.containers.create(**container_options(job, deadline=time.time() + 600))
    try:
        assert reap(docker_client) >= 1
        remaining = {
            c.id
            for c in docker_client.containers.list(
                all=True, filters={"label": "backprop.sandbox=1"}
            )
        }
        assert expired.id not in remaining and alive.id in remaining
    finally:
        alive.remove(force=True)
