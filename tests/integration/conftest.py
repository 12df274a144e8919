"""Fixtures for the integration tests: a Redis server of the test's own (stopped and started at
will; never the shared one), this process's Celery app pointed at it, real worker subprocesses."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.urls import reverse

from submissions.models import Submission
from tests.conftest import database_url_for_subprocess
from worker.commands import celery_worker_argv

CORRECT = """import time
time.sleep(1.0)  # long enough for the test to kill the worker while this runs


def matmul(A, B):
    if len(A[0]) != len(B):
        raise ValueError(f"{len(A)}x{len(A[0])} times {len(B)}x{len(B[0])}")
    return [[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A throwaway redis-server on its own port, which the test may stop and start again."""

    def __init__(self, port: int):
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise AssertionError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None


@pytest.fixture
def own_redis():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    redis = OwnRedis(_free_port())
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture
def broker(own_redis):
    """Point this process's Celery app (what the views and the sweep publish with) at own_redis."""
    from config.celery import app

    saved = app.conf.broker_url

    def point(url):
        app.conf.broker_url = url
        app._pool = None
        app.amqp._producer_pool = None

    point(own_redis.url)
    yield own_redis
    point(saved)


@pytest.fixture
def grading(settings):
    settings.GRADING_QUEUED_STALE_SECONDS = 1
    settings.GRADING_MAX_ATTEMPTS = 10
    return settings


class Workers:
    """Start and kill real `celery worker` subprocesses against the test database and own_redis."""

    def __init__(self, redis: OwnRedis, tmp_path: Path):
        self.redis = redis
        self.tmp_path = tmp_path
        self.procs: list[subprocess.Popen] = []

    def start(self, name: str, **env_overrides: str) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": database_url_for_subprocess(),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "REDIS_URL": self.redis.url,
            "GRADING_LEASE_SECONDS": "6",
            "GRADING_MAX_ATTEMPTS": "10",
            "GRADING_RETRY_BASE_SECONDS": "2",
            "GRADING_RETRY_MAX_SECONDS": "4",
            "SANDBOX_POOL_SIZE": "0",
            **env_overrides,
        }
        log_path = self.tmp_path / f"{name}.log"
        log = open(log_path, "w+")
        proc = subprocess.Popen(
            celery_worker_argv(f"{name}-{os.getpid()}"),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        proc.log_path = log_path
        self.procs.append(proc)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if "ready." in log_path.read_text():
                return proc
            if proc.poll() is not None:
                pytest.fail(f"worker {name} exited early:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        pytest.fail(f"worker {name} not ready:\n{log_path.read_text()[-3000:]}")

    def kill(self, proc: subprocess.Popen) -> None:
        """SIGKILL the whole worker (main process and pool child): no cleanup at all."""
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def stop(self, proc: subprocess.Popen) -> None:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.log_path.name}\n{p.log_path.read_text()[-2500:]}" for p in self.procs
        )


@pytest.fixture
def workers(broker, transactional_db, sandbox_ready, tmp_path):
    from config.celery import app

    app.control.purge()
    pool = Workers(broker, tmp_path)
    yield pool
    for proc in pool.procs:
        pool.stop(proc)


def submit(client, user, exercise, code=CORRECT) -> Submission:
    client.force_login(user)
    response = client.post(reverse("submissions:submit", args=[exercise.slug]), {"code": code})
    assert response.status_code == 302, response.content[:500]
    return Submission.objects.latest("pk")


def sweep_until_terminal(submission: Submission, timeout: float = 120) -> Submission:
    """Run the sweep (what Celery beat runs) every second until the submission is final."""
    from worker.sweep import sweep

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        submission.refresh_from_db()
        if submission.is_terminal:
            return submission
        sweep()
        time.sleep(1.0)
    raise AssertionError(
        f"submission {submission.pk} still {submission.status} ({submission.message!r})"
    )


def wait_until(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
