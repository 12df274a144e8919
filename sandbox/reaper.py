"""Remove sandbox containers past their deadline label: orphans of crashed workers."""

from __future__ import annotations

import time

import docker
import docker.errors

SANDBOX_LABEL = "backprop.sandbox"
DEADLINE_LABEL = "backprop.deadline"


def reap(client: docker.DockerClient, *, now: float | None = None) -> int:
    """Force-remove every labelled container whose deadline passed; returns how many."""
    now = time.time() if now is None else now
    removed = 0
    for container in client.containers.list(all=True, filters={"label": f"{SANDBOX_LABEL}=1"}):
        try:
            deadline = float(container.labels.get(DEADLINE_LABEL, "0"))
        except ValueError:
            deadline = 0.0  # a mangled deadline is treated as long past
        if deadline > now:
            continue
        try:
            container.remove(force=True)
        except docker.errors.NotFound:
            continue
        removed += 1
    return removed
