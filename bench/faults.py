"""Faults under load: simulated learners keep submitting while the platform loses, in turn, a
grading worker (SIGKILL mid-grade), Redis (restarted), PostgreSQL (restarted) and the Docker
engine (stopped for ten seconds). Nothing may be lost or graded twice, no page may answer 500.

It starts its own stack, never touching the shared servers: a throwaway PostgreSQL cluster
(initdb + pg_ctl in /var/tmp, fsync off), a redis-server on its own port (no persistence: a
restart loses the queue, which the sweep must make good), gunicorn -w 3 and two Celery
workers (`-c 1`, grading-cpu, lease `--lease` s). This process runs the sweep and the reaper
every second (what Celery beat does in production). Learner threads log in, open the catalog
and the exercise page, submit a correct `matmul-from-scratch`, poll the status as htmx does
(a 503 while the database is away is fine: they poll on), think `--think` s, again.

The Docker-engine fault stops the dockerd started by scripts/start-dockerd.sh (by pid: there
is no systemd) and starts it again with that script; it is started again whatever happens.
It stops every container on the machine: run it on a machine of your own (`--faults` without
`docker` leaves the engine alone).

At the end (after waiting, bounded, for what is still grading) it checks in the database:
every accepted submission has one terminal status, a result and one "graded" notification;
none is stuck; no row exists for a refused submit; no container labelled with one of its
submissions is left; no page answered 500. It prints counts and submit-to-result p50/p95 per
phase (before, during and after each fault), then one JSON line; exit status 1 on a violation.

    .venv/bin/python bench/faults.py [--learners 30] [--faults worker,redis,postgres,docker]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.grading import GUNICORN, PYTHON, Learner, percentile, process, setup_script  # noqa: E402
from tests.servers import Postgres, Redis, free_port, killpg, wait_listening  # noqa: E402
from worker.commands import celery_worker_argv  # noqa: E402 - plain module, no Django

SLUG = "matmul-from-scratch"
PASSWORD = "bench-faults-pw-4711"
FAULTS = ("worker", "redis", "postgres", "docker")
TERMINAL = {"passed", "failed", "error", "timed_out", "rejected"}


def reference_code() -> str:
    folder = ROOT / "content" / "exercises" / SLUG / "reference"
    return next(folder.glob("*.py")).read_text()


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    graded: list[tuple[int, float, float, str]] = field(default_factory=list)  # pk, t0, t1, status
    accepted: list[int] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)  # HTTP status → count
    refused: int = 0  # submits answered 503 (the database was away): nothing stored
    errors: list[str] = field(default_factory=list)

    def http(self, status: int) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def fetch(learner: Learner, tally: Tally, path: str, data=None, headers=None):
    """One request; (status, response or None). A refused connection is a finding, not a crash."""
    try:
        response = learner.request(path, data, headers)
        body = response.read().decode(errors="replace")
    except (urllib.error.URLError, OSError) as failed:
        tally.error(f"{path}: {failed!r}")
        return 0, None, ""
    tally.http(response.status)
    if response.status >= 500 and response.status != 503:
        tally.error(f"{path} answered {response.status}")
    return response.status, response, body


def login(learner: Learner, tally: Tally, email: str, until: float) -> bool:
    while time.monotonic() < until:
        status, _, _ = fetch(learner, tally, "/accounts/login/")
        if status == 200:
            fields = {"username": email, "password": PASSWORD}
            fields["csrfmiddlewaretoken"] = learner._csrf()
            status, _, _ = fetch(
                learner,
                tally,
                "/accounts/login/",
                fields,
                {"Referer": learner.base + "/accounts/login/"},
            )
            if status == 302:
                return True
        time.sleep(1)
    return False


def submit(learner: Learner, tally: Tally, code: str) -> int | None:
    """The id of the new submission; None when refused (503: the database is away)."""
    status, _, _ = fetch(learner, tally, f"/exercises/{SLUG}/")
    if status != 200:
        return None
    status, response, body = fetch(
        learner,
        tally,
        f"/exercises/{SLUG}/submit/",
        {"code": code, "csrfmiddlewaretoken": learner._csrf()},
        {"Referer": f"{learner.base}/exercises/{SLUG}/"},
    )
    if status == 503:
        with tally.lock:
            tally.refused += 1
        return None
    match = re.search(
        r"/submissions/(\d+)/", response.headers.get("Location", "") if response else ""
    )
    if status != 302 or not match:
        tally.error(f"submit answered {status}: {body[:200]!r}")
        return None
    return int(match.group(1))


def poll(learner: Learner, tally: Tally, pk: int, until: float) -> str | None:
    while time.monotonic() < until:
        status, _, body = fetch(
            learner, tally, f"/submissions/{pk}/status/", headers={"HX-Request": "true"}
        )
        if status == 286:
            found = re.search(r'data-status="(\w+)"', body)
            return found.group(1) if found else "?"
        time.sleep(0.25)
    return None


def learner_loop(
    index: int,
    base: str,
    code: str,
    halt: threading.Event,
    think: float,
    drain: float,
    tally: Tally,
):
    learner = Learner(base)
    if not login(learner, tally, f"faults{index}@example.com", time.monotonic() + 120):
        tally.error(f"learner {index} could not log in")
        return
    halt.wait(random.uniform(0, think))  # spread the learners out
    while not halt.is_set():
        fetch(learner, tally, "/")
        started = time.time()
        pk = submit(learner, tally, code)
        if pk is None:
            time.sleep(1)
            continue
        with tally.lock:
            tally.accepted.append(pk)
        status = poll(learner, tally, pk, until=time.monotonic() + drain)
        if status is None:
            tally.error(f"#{pk} not final in time")
            return
        with tally.lock:
            tally.graded.append((pk, started, time.time(), status))
        if status != "passed":
            tally.error(f"#{pk} ended {status}")
        halt.wait(think)


def sweeper(stop: threading.Event, notes: list[str]) -> None:
    """What Celery beat runs in production: the sweep every second, the reaper every five."""
    from django.db import connection

    from worker.sweep import reap, sweep

    turn = 0
    while not stop.wait(1.0):
        turn += 1
        try:
            sweep()
            if turn % 5 == 0:
                reap()
        except Exception as failed:  # the database or the broker is away: next second
            notes.append(f"sweep: {type(failed).__name__}")
            connection.close()


def dockerd_pid() -> int | None:
    found = subprocess.run(["pgrep", "-x", "dockerd"], capture_output=True, text=True)
    pids = [int(p) for p in found.stdout.split()]
    return pids[0] if pids else None


def ensure_dockerd() -> None:
    """Start the engine again with scripts/start-dockerd.sh unless it answers (idempotent)."""
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "start-dockerd.sh")],
        check=False,
        timeout=120,
        stdout=subprocess.DEVNULL,
    )


class Stack:
    """The bench's own servers and processes; everything is stopped by the ExitStack."""

    def __init__(self, exits: ExitStack, logs: Path, lease: int, learners: int):
        self.exits, self.logs, self.lease = exits, logs, lease
        self.postgres = Postgres(["127.0.0.1"], trusted=[])
        exits.callback(self.postgres.destroy)
        self.postgres.init()
        self.postgres.start()
        self.postgres.create_database("faults")
        self.redis = Redis(["127.0.0.1"], log=logs / "redis.log")
        exits.callback(self.redis.stop)
        self.redis.start()
        self.env = {
            **os.environ,
            "DATABASE_URL": self.postgres.url("faults"),
            "REDIS_URL": self.redis.url(),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SANDBOX_POOL_SIZE": "0",
            "GRADING_LEASE_SECONDS": str(lease),
            "GRADING_QUEUED_STALE_SECONDS": "5",
            "GRADING_MAX_ATTEMPTS": "10",
            "GRADING_RETRY_BASE_SECONDS": "2",
            "GRADING_RETRY_MAX_SECONDS": "5",
            "LOG_LEVEL": "WARNING",
            # The abuse limits are for people; simulated learners submit faster than one.
            "SUBMISSION_RATE": "1000/minute",
            "SUBMISSION_MAX_PENDING": "100",
        }
        users = [(f"faults{i}", f"faults{i}@example.com", PASSWORD) for i in range(learners)]
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "-v0"], env=self.env, cwd=ROOT, check=True, timeout=300
        )
        # The web and the workers boot while the exercise and the learners are set up.
        self.web_port = free_port()
        web = exits.enter_context(
            process(
                [GUNICORN, "config.wsgi", "-w", "3", "-b", f"127.0.0.1:{self.web_port}"]
                + ["--timeout", "60"],
                self.env,
                logs / "gunicorn.log",
            )
        )
        self.workers = [self.start_worker(i) for i in range(2)]
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", setup_script([SLUG], users)],
            env=self.env,
            cwd=ROOT,
            check=True,
            timeout=300,
        )
        # Ids of our own range: the containers labelled with them are ours, not another run's.
        import psycopg

        first = 700_000_000 + (os.getpid() % 1000) * 100_000
        with psycopg.connect(self.postgres.url("faults"), autocommit=True) as conn:
            conn.execute(f"ALTER SEQUENCE submissions_submission_id_seq RESTART WITH {first}")
        wait_listening("127.0.0.1", self.web_port, 90, web, "gunicorn")
        for proc in self.workers:
            self.wait_ready(proc)
        self.base = f"http://127.0.0.1:{self.web_port}"

    def start_worker(self, index: int) -> subprocess.Popen:
        log = self.logs / f"worker{index}.log"
        proc = self.exits.enter_context(
            process(
                celery_worker_argv(f"faults{index}-{os.getpid()}", python=PYTHON), self.env, log
            )
        )
        proc.log_path = log
        return proc

    def wait_ready(self, proc, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while "ready." not in proc.log_path.read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"a worker did not start:\n{proc.log_path.read_text()[-2000:]}")
            time.sleep(0.2)


def running_count() -> int:
    from django.db import connection

    from submissions.models import Status, Submission

    try:
        return Submission.objects.filter(status=Status.RUNNING).count()
    except Exception:
        connection.close()
        return 0


def inject(fault: str, stack: Stack, hold: float, say) -> None:
    """Cause `fault` and return once the platform's side of it is over (what it then does to
    recover is what the 'after' phase measures)."""
    if fault == "worker":
        deadline = time.monotonic() + 30
        while running_count() < len(stack.workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        say(f"SIGKILL worker 0 with {running_count()} submissions running")
        killpg(stack.workers[0], signal.SIGKILL)
        stack.workers[0] = stack.start_worker(len(stack.workers) + random.randint(10, 99))
        stack.wait_ready(stack.workers[0])
    elif fault == "redis":
        stack.redis.stop()
        time.sleep(hold)
        stack.redis.start()
    elif fault == "postgres":
        stack.postgres.stop("fast")
        time.sleep(hold)
        stack.postgres.start()
    elif fault == "docker":
        pid = dockerd_pid()
        if pid is None:
            sys.exit(
                "no dockerd process to stop (the engine is not one started by start-dockerd.sh)"
            )
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 60
        while dockerd_pid() == pid and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(10)
        ensure_dockerd()
    else:
        raise ValueError(fault)


def phase_of(t: float, events: list[tuple[str, float, float]], load_end: float) -> str:
    if not events or t < events[0][1]:
        return "before faults"
    for index, (name, start, end) in enumerate(events):
        following = events[index + 1][1] if index + 1 < len(events) else load_end
        if start <= t < end:
            return f"during {name}"
        if end <= t < following:
            return f"after {name}"
    return f"after {events[-1][0]}"


def check(stack: Stack, tally: Tally, learners: int) -> dict[str, int]:
    """From the database and the engine: once, terminal, a result, one notification each."""
    import docker
    from django.db import connection

    from accounts.models import User
    from notifications.models import Notification
    from submissions.models import Submission
    from worker.sweep import reap

    connection.close()  # this thread's connection may predate the PostgreSQL restart
    pks = set(tally.accepted)
    rows = {s.pk: s for s in Submission.objects.filter(pk__in=pks)}
    counts = {"accepted": len(pks), "passed": 0, "lost": 0, "stuck": 0, "duplicated": 0}
    for pk in pks:
        row = rows.get(pk)
        if row is None:
            counts["lost"] += 1
            continue
        if row.status not in TERMINAL:
            counts["stuck"] += 1
            continue
        notes = Notification.objects.filter(user=row.user, url=row.get_absolute_url()).count()
        if notes != 1 or row.result is None or row.finished_at is None:
            counts["duplicated"] += 1
        counts["passed"] += row.status == "passed"
    users = User.objects.filter(email__startswith="faults", email__endswith="@example.com")
    stored = Submission.objects.filter(user__in=users).exclude(pk__in=pks).count()
    counts["stored_unaccounted"] = stored  # rows no learner was told about
    counts["attempts_max"] = max((r.attempts for r in rows.values()), default=0)
    client = docker.from_env(timeout=30)
    deadline = time.monotonic() + 120
    while True:
        reap()
        left = [
            c
            for c in client.containers.list(all=True, filters={"label": "backprop.submission"})
            if int(c.labels.get("backprop.submission", "0")) in pks
        ]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(3)  # an orphan of the killed worker: the reaper takes it past its deadline
    counts["containers_left"] = len(left)
    return counts


def run(args) -> int:
    logs = Path(args.logs)
    logs.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    faults = [f for f in args.faults.split(",") if f]
    unknown = set(faults) - set(FAULTS)
    if unknown:
        sys.exit(f"unknown faults: {', '.join(sorted(unknown))}; known: {', '.join(FAULTS)}")
    tally, notes, events = Tally(), [], []

    def say(text: str) -> None:
        print(f"[faults {time.monotonic() - began:6.1f}s] {text}", flush=True)

    with ExitStack() as exits:
        if "docker" in faults:
            exits.callback(ensure_dockerd)  # whatever happens, the engine runs again at the end
        say("starting the stack (own PostgreSQL cluster, own Redis, gunicorn, 2 workers)")
        stack = Stack(exits, logs, args.lease, args.learners)
        os.environ.update({k: v for k, v in stack.env.items() if k not in ("LOG_LEVEL",)})
        import django

        django.setup()
        stop = threading.Event()
        sweep_thread = threading.Thread(target=sweeper, args=(stop, notes), daemon=True)
        sweep_thread.start()
        exits.callback(stop.set)
        code = reference_code()
        warm = Learner(stack.base)
        if not login(warm, tally, "faults0@example.com", time.monotonic() + 60):
            sys.exit("the warm-up login failed")
        pk = submit(warm, tally, code)
        if pk is None or poll(warm, tally, pk, time.monotonic() + 300) != "passed":
            sys.exit("the warm-up submission did not pass")
        tally.accepted.append(pk)
        say(f"stack up at {stack.base}; {args.learners} learners for the faults {faults}")
        load_start = time.time()
        halt = threading.Event()
        exits.callback(halt.set)
        threads = [
            threading.Thread(
                target=learner_loop,
                args=(i, stack.base, code, halt, args.think, args.drain, tally),
                daemon=True,
            )
            for i in range(args.learners)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.baseline)
        for fault in faults:
            say(f"fault: {fault}")
            start = time.time()
            inject(fault, stack, args.hold, say)
            end = time.time()
            events.append((fault, start, end))
            say(f"{fault} over after {end - start:.1f} s; observing {args.after:.0f} s")
            time.sleep(args.after)
        load_end = time.time()
        halt.set()  # learners stop submitting; what they wait for may still grade
        say("load over; waiting for what is still grading")
        for thread in threads:
            thread.join(timeout=args.drain)
        alive = sum(t.is_alive() for t in threads)
        counts = check(stack, tally, args.learners)
        stop.set()
        sweep_thread.join(timeout=10)
        if "docker" in faults:
            ensure_dockerd()

    rows = []
    by_phase: dict[str, list[float]] = {}
    for pk, t0, t1, _status in tally.graded:
        if pk == tally.accepted[0] and t0 < load_start:
            continue
        by_phase.setdefault(phase_of(t0, events, load_end), []).append(t1 - t0)
    order = ["before faults"] + [f"{w} {f}" for f in faults for w in ("during", "after")]
    print(
        f"\n{args.learners} learners, think {args.think} s, faults {', '.join(faults)} "
        f"(hold {args.hold} s, observe {args.after} s each), lease {args.lease} s, 2 workers, "
        f"{os.cpu_count()} CPUs, {time.monotonic() - began:.0f} s in all\n"
    )
    print("| phase (by submit time) | graded | p50 s | p95 s | max s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for phase in order:
        values = by_phase.get(phase, [])
        if values:
            rows.append(phase)
            print(
                f"| {phase} | {len(values)} | {statistics.median(values):.1f} | "
                f"{percentile(values, 95):.1f} | {max(values):.1f} |"
            )
        else:
            print(f"| {phase} | 0 | – | – | – |")
    every = [t1 - t0 for _, t0, t1, _ in tally.graded]
    report = {
        **counts,
        "refused_503": tally.refused,
        "http_500": sum(n for s, n in tally.statuses.items() if s >= 500 and s != 503),
        "http_503": tally.statuses.get(503, 0),
        "requests": sum(tally.statuses.values()),
        "errors": len(tally.errors),
        "learners_unfinished": alive,
        "submit_p95_s": round(percentile(every, 95), 1) if every else None,
        "faults": faults,
        "events": [(name, round(end - start, 1)) for name, start, end in events],
    }
    print("\n| what | value |\n| --- | ---: |")
    for key, value in report.items():
        print(f"| {key} | {value} |")
    for error in tally.errors[:20]:
        print(f"error: {error}")
    print(json.dumps(report))
    bad = (
        counts["lost"]
        or counts["stuck"]
        or counts["duplicated"]
        or counts["stored_unaccounted"]
        or counts["containers_left"]
        or report["http_500"]
        or tally.errors
        or alive
    )
    return 1 if bad else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--faults", default=",".join(FAULTS), help="in this order, comma-separated")
    parser.add_argument(
        "--think", type=float, default=5.0, help="seconds between result and next submit"
    )
    parser.add_argument(
        "--baseline", type=float, default=20.0, help="seconds of load before the first fault"
    )
    parser.add_argument(
        "--hold", type=float, default=10.0, help="seconds Redis / PostgreSQL stay down"
    )
    parser.add_argument(
        "--after", type=float, default=30.0, help="seconds of load after each fault"
    )
    parser.add_argument(
        "--lease", type=int, default=20, help="GRADING_LEASE_SECONDS of the workers"
    )
    parser.add_argument(
        "--drain", type=float, default=300.0, help="longest wait for the last results"
    )
    parser.add_argument("--logs", default=str(ROOT / "var" / "bench-faults"))
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` stops what we started
    sys.exit(run(args))


if __name__ == "__main__":
    main()
