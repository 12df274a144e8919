"""Fixtures for sandbox tests: a Docker client and the sandbox image, or a clear skip.

Without an engine the docker tests skip with the reason printed, unless
REQUIRE_DOCKER=1, where a missing engine is a failure (CI sets it).
"""

from __future__ import annotations

import os

import pytest

REQUIRE_DOCKER = os.environ.get("REQUIRE_DOCKER") == "1"


@pytest.fixture(scope="session")
def docker_client():
    import docker

    try:
        client = docker.from_env(timeout=60)
        client.ping()
    except Exception as error:  # any failure to reach the engine means "no engine"
        message = f"no Docker engine answers ({error}); REQUIRE_DOCKER=1 turns this into a failure"
        if REQUIRE_DOCKER:
            pytest.fail(message)
        pytest.skip(message)
    yield client
    client.close()


@pytest.fixture(scope="session")
def sandbox_image(docker_client) -> str:
    """The current recipe's image, built on first use (minutes) and reused by tag afterwards."""
    from sandbox.images import build_image

    return build_image(docker_client)


@pytest.fixture(autouse=True)
def no_sandbox_container_left(request):
    """Every docker test also proves that no labelled container outlives its run."""
    yield
    if "docker_client" not in request.fixturenames:
        return
    from sandbox_helpers import TEST_LABEL, TEST_SESSION

    client = request.getfixturevalue("docker_client")
    left = client.containers.list(
        all=True, filters={"label": ["backprop.sandbox=1", f"{TEST_LABEL}={TEST_SESSION}"]}
    )
    for container in left:
        container.remove(force=True)
    assert not left, f"sandbox containers left behind: {[c.name for c in left]}"


@pytest.fixture(params=["runc", "runsc"])
def sandbox_runtime(request, docker_client) -> str:
    """Attack tests run under runc and gVisor; runsc skips (reason printed) only when it is
    not registered with the engine and REQUIRE_DOCKER is unset."""
    name = request.param
    if name not in (docker_client.info().get("Runtimes") or {}):
        reason = (
            f"the {name} runtime is not registered with dockerd "
            "(scripts/start-dockerd.sh registers runsc when it is installed)"
        )
        if REQUIRE_DOCKER:
            pytest.fail(f"{reason}; REQUIRE_DOCKER=1")
        pytest.skip(reason)
    return name
