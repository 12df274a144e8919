"""The command line of a grading worker, shared by `make demo`'s docs, tests and benchmarks."""

import sys


def celery_worker_argv(
    name: str, *, queue: str = "grading-cpu", concurrency: int = 1, python: str = sys.executable
) -> list[str]:
    """One worker process consuming `queue`; quiet on the wire (no gossip, mingle, heartbeat)."""
    return [
        python,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "-Q",
        queue,
        "-c",
        str(concurrency),
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel",
        "INFO",
        "-n",
        f"{name}@%h",
    ]
