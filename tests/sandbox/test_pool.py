"""Warm single-use containers (sandbox.pool): same hardening, one job each, deadline from the job."""

from __future__ import annotations

import os
import socket
import time

import docker.errors
import pytest
from sandbox_helpers import TEST_SESSION, call_job

from sandbox.harness import codec
from sandbox.limits import DEFAULTS
from sandbox.pool import POOL_LABEL, Shape, WarmPool, preload_command, remove_orphans, warm_options
from sandbox.runner import container_options

SHAPE = Shape(image="img:1", limits=DEFAULTS, preload=("numpy",))


def test_a_warm_container_has_the_cold_options_but_for_command_and_labels():
    warm = warm_options(SHAPE, "host:1", idle_seconds=600, now=1000.0)
    cold = container_options(SHAPE.template("host:1"), deadline=0)
    differing = {key for key in cold if warm[key] != cold[key]}
    assert differing == {"command", "labels"}
    assert warm["labels"][POOL_LABEL] == "host:1"
    assert warm["labels"]["backprop.sandbox"] == "1"
    # the reaper may remove it only after its idle time plus a whole run
    assert float(warm["labels"]["backprop.deadline"]) >= 1000 + 600 + DEFAULTS.wall_seconds


def test_a_cpu_shape_never_requests_a_gpu_and_a_gpu_shape_does():
    assert "device_requests" not in warm_options(SHAPE, "h:1", idle_seconds=1)
    gpu = Shape(image="img:1", limits=DEFAULTS, device="gpu", gpu_ids=("3",))
    (request,) = warm_options(gpu, "h:1", idle_seconds=1)["device_requests"]
    assert request["DeviceIDs"] == ["3"]


def test_the_preload_command_limits_threads_before_importing_then_runs_the_same_supervisor():
    command = preload_command(["numpy", "sklearn.linear_model"], threads=2)
    assert command[:4] == ["python3", "-I", "-B", "-c"]
    code = command[4]
    assert code.index("OPENBLAS_NUM_THREADS") < code.index("import numpy")
    assert "import sklearn.linear_model" in code
    assert "from backprop_harness.supervisor import main" in code
    assert code.rstrip().endswith("os._exit(code)")


@pytest.mark.parametrize("name", ["os; import shutil", "../x", "", "a b"])
def test_a_preload_that_is_not_a_module_name_is_refused(name):
    with pytest.raises(ValueError):
        preload_command([name], threads=1)


def test_shapes_differ_by_limits_and_preload():
    job = call_job("img:1", "def solve(): return 1")
    assert Shape.of(job, ["numpy"]) == Shape.of(job, ["numpy", "numpy"])
    assert Shape.of(job, ["numpy"]) != Shape.of(job, [])
    other = call_job("img:1", "def solve(): return 1", limits={"memory_mb": 256})
    assert Shape.of(job) != Shape.of(other)


def test_a_pool_of_size_zero_runs_cold(monkeypatch):
    ran = []
    monkeypatch.setattr("sandbox.pool.run_job", lambda job, **kw: ran.append(kw) or "cold")
    pool = WarmPool(0, client_factory=lambda: pytest.fail("no engine call when disabled"))
    assert pool.run(call_job("img:1", "def solve(): return 1")) == "cold"
    assert ran == [{}]


# --- against the engine ----------------------------------------------------------------------

OWNER = f"{socket.gethostname()}:test-{TEST_SESSION}"


def _pool_containers(client, owner=OWNER):
    return client.containers.list(all=True, filters={"label": f"{POOL_LABEL}={owner}"})


@pytest.fixture
def pool(docker_client, sandbox_image):
    pool = WarmPool(1, idle_seconds=120, client_factory=lambda: docker_client, owner=OWNER)
    yield pool
    pool.close()
    assert not _pool_containers(docker_client), "the pool left containers behind"


SEES_PRELOAD = """
import sys
def solve():
    return "sklearn" in sys.modules
"""


@pytest.mark.docker
def test_a_warm_container_runs_one_job_with_sklearn_already_imported_then_is_replaced(
    docker_client, pool
):
    job = call_job(pool_image(docker_client), SEES_PRELOAD)
    shape = Shape.of(job, ["sklearn"])
    pool.warm([shape])
    assert pool.fill(timeout=90)
    (first,) = _pool_containers(docker_client)
    run = pool.run(job, preload=["sklearn"])
    assert run.exit_reason == "ok", run
    assert codec.decode(run.steps[0]["value"]) is True
    assert pool.stats["warm"] == 1
    assert pool.fill(timeout=90)
    (second,) = _pool_containers(docker_client)
    assert second.id != first.id, "a warm container is never given a second job"
    with pytest.raises(docker.errors.NotFound):
        docker_client.containers.get(first.id)


@pytest.mark.docker
def test_a_cold_run_does_not_preload(docker_client, pool):
    job = call_job(pool_image(docker_client), SEES_PRELOAD)
    run = pool.run(job)  # no warm container of this shape yet: cold, then the shape is kept warm
    assert codec.decode(run.steps[0]["value"]) is False
    assert pool.stats["cold"] == 1


@pytest.mark.docker
def test_the_deadline_of_a_warm_container_counts_from_its_job(docker_client, pool):
    job = call_job(
        pool_image(docker_client),
        "import time\ndef solve():\n    time.sleep(1.5)\n    return 1\n",
        timeout_seconds=2.5,
        limits={"wall_seconds": 3},
    )
    pool.warm([Shape.of(job)])
    assert pool.fill(timeout=90)
    time.sleep(3.5)  # idle longer than the whole wall clock
    run = pool.run(job)
    assert pool.stats["warm"] == 1
    assert run.exit_reason == "ok", run
    assert codec.decode(run.steps[0]["value"]) == 1


@pytest.mark.docker
def test_idle_warm_containers_of_a_dead_worker_are_removed(docker_client, sandbox_image):
    dead = _dead_pid()
    owner = f"{socket.gethostname()}:{dead}"
    orphaned = WarmPool(1, idle_seconds=120, client_factory=lambda: docker_client, owner=owner)
    try:
        orphaned.warm([Shape.of(call_job(sandbox_image, "def solve(): return 1"))])
        assert orphaned.fill(timeout=90)
        orphaned._closed = True  # the worker "dies": nothing removes its idle container
        orphaned._wake.set()
        assert len(_pool_containers(docker_client, owner)) == 1
        assert remove_orphans(docker_client) >= 1
        assert not _pool_containers(docker_client, owner)
    finally:
        for container in _pool_containers(docker_client, owner):
            container.remove(force=True)


def pool_image(docker_client) -> str:
    from sandbox.images import image_tag

    return image_tag()


def _dead_pid() -> int:
    pid = 999_999
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid -= 1
