"""Two worker hosts: Celery workers in two network namespaces, each reaching Redis and
PostgreSQL over its own veth link, the way workers on separate machines reach shared servers.

Redis and PostgreSQL are servers of this test's own (a redis-server and a throwaway cluster,
never the shared ones), listening only on the host-side veth addresses and 127.0.0.1 (for
this process). The Docker engine is the host's: a unix socket works across network namespaces.

* the queue is spread over both hosts: each grades some, every submission once;
* a GPU-queue submission is never taken by a CPU worker: it stays queued, its task in Redis;
* a host cut off mid-grade (its link down): the lease expires, the sweep re-enqueues, the
  other host grades it — terminal once, two attempts, one notification.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from notifications.models import Notification
from submissions.models import Status, Submission
from tests.integration.conftest import CORRECT, submit, sweep_until_terminal, wait_until
from tests.servers import NetnsHosts, Postgres, Redis, killpg, netns_available
from worker.commands import celery_worker_argv

pytestmark = [
    pytest.mark.docker,
    pytest.mark.integration,
    pytest.mark.scaleout,
    pytest.mark.timeout(240),
]

ROOT = Path(__file__).resolve().parents[2]
QUICK = """def matmul(A, B):
    if len(A[0]) != len(B):
        raise ValueError("shapes")
    return [[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]
"""
LEASE_SECONDS = 5


def _need_netns() -> None:
    reason = netns_available()
    if reason is None and shutil.which("redis-server") is None:
        reason = "redis-server is not installed"
    if reason is not None:
        if os.environ.get("REQUIRE_DOCKER"):
            pytest.fail(f"REQUIRE_DOCKER is set but two worker hosts cannot be made: {reason}")
        pytest.skip(f"two worker hosts need network namespaces: {reason}")


@pytest.fixture
def hosts():
    _need_netns()
    made = NetnsHosts()
    try:
        made.add("a")
        made.add("b")
        yield made
    finally:
        made.cleanup()


@pytest.fixture
def servers(hosts, tmp_path):
    """Our Redis and PostgreSQL, on the host-side veth addresses (and 127.0.0.1) only."""
    binds = ["127.0.0.1", *(h.host_ip for h in hosts.hosts)]
    redis = Redis(binds, log=tmp_path / "redis.log")
    postgres = Postgres(binds, trusted=[hosts.network()])
    try:
        redis.start()
        postgres.init()
        postgres.start()
        postgres.create_database("scaleout")
        env = {**os.environ, "DATABASE_URL": postgres.url("scaleout", "127.0.0.1")}
        with open(tmp_path / "migrate.log", "w") as log:
            subprocess.run(
                [str(ROOT / ".venv/bin/python"), "manage.py", "migrate", "-v1"],
                env=env,
                cwd=ROOT,
                check=True,
                timeout=150,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        yield redis, postgres
    finally:
        redis.stop()
        postgres.destroy()


@pytest.fixture
def own_db(servers, django_db_blocker):
    """This process's Django on our cluster (not the session's test database) for the test."""
    import dj_database_url
    from django.db import connections
    from django.db.utils import load_backend

    _, postgres = servers
    conf = connections.configure_settings(
        {"default": dj_database_url.parse(postgres.url("scaleout", "127.0.0.1"))}
    )["default"]
    saved = connections["default"]
    connections["default"] = load_backend(conf["ENGINE"]).DatabaseWrapper(conf, "default")
    try:
        with django_db_blocker.unblock():
            yield postgres
            connections["default"].close()
    finally:
        connections["default"] = saved


@pytest.fixture
def publish_to(servers):
    """This process's Celery app (what the views and the sweep publish with) on our Redis."""
    from config.celery import app

    redis, _ = servers
    saved = app.conf.broker_url

    def point(url):
        app.conf.broker_url = url
        app._pool = None
        app.amqp._producer_pool = None

    point(redis.url("127.0.0.1"))
    yield redis
    point(saved)


class HostWorkers:
    """A `celery worker` in a namespace, reaching our servers on its link's host-side address."""

    def __init__(self, hosts: NetnsHosts, redis: Redis, postgres: Postgres, logs: Path):
        self.hosts, self.redis, self.postgres, self.logs = hosts, redis, postgres, logs
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, host, queue: str = "grading-cpu") -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": self.postgres.url("scaleout", host.host_ip),
            "REDIS_URL": self.redis.url(host.host_ip),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "GRADING_LEASE_SECONDS": str(LEASE_SECONDS),
            "GRADING_MAX_ATTEMPTS": "10",
            "SANDBOX_POOL_SIZE": "0",
        }
        log = open(self.logs / f"{host.name}.log", "w+")
        argv = celery_worker_argv(f"host-{host.name}", queue=queue)
        proc = subprocess.Popen(
            [*self.hosts.exec_prefix(host), *argv],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        proc.log_path = Path(log.name)
        self.procs[host.name] = proc
        return proc

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 90
        for name, proc in self.procs.items():
            while "ready." not in proc.log_path.read_text():
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"worker on {name} did not start:\n{self.log(name)[-3000:]}")
                time.sleep(0.2)

    def log(self, name: str) -> str:
        return self.procs[name].log_path.read_text()

    def received(self, name: str) -> int:
        return len(re.findall(r"grade_submission\[[^\]]+\] received", self.log(name)))

    def passed(self, name: str) -> int:
        return len(
            re.findall(r"grade_submission\[[^\]]+\] succeeded in [^:]+: 'passed'", self.log(name))
        )

    def logs_text(self) -> str:
        return "\n".join(f"--- {n}\n{self.log(n)[-2500:]}" for n in self.procs)

    def stop_all(self) -> None:
        for proc in self.procs.values():
            killpg(proc, timeout=15)


@pytest.fixture
def host_workers(hosts, servers, own_db, publish_to, sandbox_ready, tmp_path):
    redis, postgres = servers
    pool = HostWorkers(hosts, redis, postgres, tmp_path)
    try:
        yield pool
    finally:
        pool.stop_all()


def _learners(django_user_model, n: int):
    return [
        django_user_model.objects.create_user(f"host{i}", f"host{i}@example.com", "pw-host-12345")
        for i in range(n)
    ]


def _sync(*slugs: str):
    from django.conf import settings

    from curriculum.content.exercise_packages import find_package
    from curriculum.content.exercise_sync import exercise_rows_sync
    from curriculum.models import Exercise

    exercise_rows_sync([find_package(settings.CONTENT_DIR / "exercises", s) for s in slugs])
    return [Exercise.objects.get(slug=s) for s in slugs]


def _notifications(submission: Submission) -> int:
    return Notification.objects.filter(
        user=submission.user, url=submission.get_absolute_url()
    ).count()


def _containers_of(submission: Submission):
    import docker

    return docker.from_env(timeout=30).containers.list(
        all=True, filters={"label": f"backprop.submission={submission.pk}"}
    )


def test_two_worker_hosts_share_the_queue_keep_off_gpu_jobs_and_survive_a_cut_link(
    client, django_user_model, hosts, host_workers, settings
):
    settings.GRADING_QUEUED_STALE_SECONDS = 1
    settings.GRADING_MAX_ATTEMPTS = 10
    matmul, gpu_exercise = _sync("matmul-from-scratch", "mnist-mlp-gpu")
    assert gpu_exercise.queue == "grading-gpu"
    a, b = hosts.hosts
    for host in (a, b):
        host_workers.start(host)
    host_workers.wait_ready()
    learners = _learners(django_user_model, 7)

    # 1. Spread: six submissions at once; each host (one task at a time) grades some.
    spread = [submit(client, user, matmul, QUICK) for user in learners[:6]]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if all(Submission.objects.get(pk=s.pk).is_terminal for s in spread):
            break
        time.sleep(0.25)
    finals = list(Submission.objects.filter(pk__in=[s.pk for s in spread]))
    assert [s.status for s in finals] == [Status.PASSED] * 6, host_workers.logs_text()
    assert [s.attempts for s in finals] == [1] * 6
    assert all(_notifications(s) == 1 for s in finals)
    by_host = {host.name: host_workers.passed(host.name) for host in (a, b)}
    assert sum(by_host.values()) == 6 and all(by_host.values()), by_host

    # 2. A GPU job is not taken by CPU workers: it stays queued, its task waiting in Redis.
    gpu = submit(client, learners[6], gpu_exercise, "print('gpu')\n")
    time.sleep(4)
    gpu.refresh_from_db()
    assert (gpu.status, gpu.attempts) == (Status.QUEUED, 0)
    import redis as redis_client

    broker = redis_client.Redis.from_url(host_workers.redis.url("127.0.0.1"))
    assert broker.llen("grading-gpu") == 1
    assert sum(host_workers.received(h.name) for h in (a, b)) == 6

    # 3. A host cut off mid-grade: the other host grades the job once the lease expires.
    doomed = submit(client, learners[0], matmul, CORRECT)  # sleeps 1 s inside the sandbox
    wait_until(lambda: _containers_of(doomed), 60, "the learner's container to start")
    doomed.refresh_from_db()
    assert (doomed.status, doomed.attempts) == (Status.RUNNING, 1)
    taker = next(h for h in (a, b) if host_workers.received(h.name) == by_host[h.name] + 1)
    other = b if taker is a else a
    hosts.cut(taker)
    cut_at = time.monotonic()

    from worker.sweep import sweep

    doomed = sweep_until_terminal(doomed, timeout=90)
    assert time.monotonic() - cut_at >= LEASE_SECONDS - 1  # not before the lease expired
    assert doomed.status == Status.PASSED, (doomed.message, host_workers.logs_text())
    assert doomed.attempts == 2
    assert _notifications(doomed) == 1
    assert host_workers.passed(other.name) == by_host[other.name] + 1
    assert host_workers.passed(taker.name) == by_host[taker.name]  # it never got to record
    sweep()  # nothing left to do for the graded row
    doomed.refresh_from_db()
    assert (doomed.status, doomed.attempts) == (Status.PASSED, 2)
    killpg(host_workers.procs[taker.name], signal.SIGKILL)  # stuck on a dead link: no cleanup
