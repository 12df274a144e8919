"""Submit-to-result latency of grading through the running web stack (issue #2).

Starts its own stack unless `--url` names a running one: a Redis server on its own port,
gunicorn and one Celery worker (`-c 1`, queue grading-cpu) on a dedicated PostgreSQL
database (created if missing, never dropped). Logs in over HTTP as a bench user with a CSRF
token, submits N correct solutions of `matmul-from-scratch` one after another, polls the
status endpoint (as htmx does, `HX-Request: true`, until HTTP 286) and prints the median
and p95 of submit-to-result. From the same run it times the same code as a bare
`python -c` process and as a plain cold `docker run`, with ratios. Everything it starts is
stopped; every step is bounded in time. See bench/README.md, section "Grading".

    .venv/bin/python bench/grading.py [-n 20] [--pool-size 0] [--url http://127.0.0.1:8000]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
sys.path.insert(0, str(ROOT))
from worker.commands import celery_worker_argv  # noqa: E402 - plain module, no Django

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/bench_grading"
SLUG = "matmul-from-scratch"
USER_EMAIL, USER_PASSWORD = "bench-grader@example.com", "bench-grader-pw-4711"

SOLUTION = """def matmul(A, B):
    if len(A[0]) != len(B):
        raise ValueError(f"{len(A)}x{len(A[0])} times {len(B)}x{len(B[0])}")
    return [[sum(a * b for a, b in zip(row, col)) for col in zip(*B)] for row in A]
"""
# The same code on its own: define it and call it once, as a probe would.
SNIPPET = SOLUTION + "print(matmul([[1.0, 2.0], [3.0, 4.0]], [[5.0], [6.0]]))\n"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), percentile(values, 95)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(
    port: int, timeout: float, proc: subprocess.Popen | None = None, what: str = ""
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            sys.exit(f"{what} exited early (code {proc.returncode})")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    sys.exit(f"{what} did not listen on {port} within {timeout} s")


@contextmanager
def process(cmd: list[str], env: dict[str, str], log: Path):
    """A subprocess in its own session, stopped (TERM, then KILL) however the block ends."""
    with open(log, "w") as out:
        proc = subprocess.Popen(
            cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield proc
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=10)


def ensure_database(url: str) -> None:
    import psycopg

    name = urllib.parse.urlparse(url).path.lstrip("/")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_script(slugs: list[str], users: list[tuple[str, str, str]]) -> str:
    """Django shell code that syncs the exercises `slugs` and creates (username, email, password)."""
    return f"""
from django.conf import settings
from accounts.models import User
from curriculum.content.exercise_packages import find_package
from curriculum.content.exercise_sync import exercise_rows_sync
exercise_rows_sync([find_package(settings.CONTENT_DIR / "exercises", s) for s in {slugs!r}])
for name, email, password in {users!r}:
    user = User.objects.filter(email=email).first() or User.objects.create_user(name, email, password)
    user.set_password(password); user.save()
"""


SETUP = setup_script([SLUG], [("bench-grader", USER_EMAIL, USER_PASSWORD)])


@contextmanager
def stack(
    database_url: str,
    pool_size: int,
    logs: Path,
    *,
    lease: int = 420,
    workers: int = 1,
    setup: str = SETUP,
):
    """Redis (own port) + gunicorn + `workers` Celery worker processes; yields the base URL."""
    ensure_database(database_url)
    redis_port, web_port = free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SANDBOX_POOL_SIZE": str(pool_size),
        "GRADING_LEASE_SECONDS": str(lease),
        "LOG_LEVEL": "WARNING",
        # A bench submits faster than a learner may: lift the per-user limits for its users.
        "SUBMISSION_RATE": "100000/minute",
        "SUBMISSION_MAX_PENDING": "1000",
    }
    with ExitStack() as stack:
        redis = stack.enter_context(
            process(
                [
                    "redis-server",
                    "--port",
                    str(redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                env,
                logs / "redis.log",
            )
        )
        wait_port(redis_port, 10, redis, "redis-server")
        # After Redis is up: the setup's user saves drop cached rows in the cache it names.
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True, timeout=300
        )
        subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", setup], env=env, cwd=ROOT, check=True, timeout=300
        )
        web = stack.enter_context(
            process(
                [
                    GUNICORN,
                    "config.wsgi",
                    "-w",
                    "2",
                    "-b",
                    f"127.0.0.1:{web_port}",
                    "--timeout",
                    "60",
                ],
                env,
                logs / "gunicorn.log",
            )
        )
        started = []
        for index in range(workers):
            worker_log = logs / f"worker{index}-pool{pool_size}.log"
            worker = stack.enter_context(
                process(
                    celery_worker_argv(f"bench{index}-{os.getpid()}", python=PYTHON),
                    env,
                    worker_log,
                )
            )
            started.append((worker, worker_log))
        wait_port(web_port, 60, web, "gunicorn")
        deadline = time.monotonic() + 90
        for worker, worker_log in started:
            while "ready." not in worker_log.read_text():
                if worker.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"the worker did not start:\n{worker_log.read_text()[-2000:]}")
                time.sleep(0.2)
            if pool_size > 0:
                wait_pool_full(worker.pid)
        yield f"http://127.0.0.1:{web_port}"


def wait_pool_full(worker_pid: int, timeout: float = 240, quiet: float = 5) -> int:
    """Measure the pool's steady state: wait until the worker's warm containers stop changing."""
    import docker

    client = docker.from_env(timeout=30)
    children = Path(f"/proc/{worker_pid}/task/{worker_pid}/children").read_text().split()
    owners = {f"{socket.gethostname()}:{pid}" for pid in children}
    deadline, last, since = time.monotonic() + timeout, -1, time.monotonic()
    while time.monotonic() < deadline:
        found = client.containers.list(filters={"label": "backprop.pool"})
        count = sum(1 for c in found if c.labels.get("backprop.pool") in owners)
        if count != last:
            last, since = count, time.monotonic()
        elif count > 0 and time.monotonic() - since >= quiet:
            return count
        time.sleep(0.5)
    sys.exit("the worker's warm pool did not fill")


class Answer:
    """A finished HTTP response: status, headers and the whole body (`read()` as urllib's)."""

    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    def read(self) -> bytes:
        return self.body


class Learner:
    """A logged-in browser session over plain HTTP: cookies, the CSRF token, htmx polling."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def _csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, path: str, data: dict | None = None, headers: dict | None = None) -> Answer:
        """One request, its body read and its connection closed at once, as a browser does on
        `Connection: close`. A response left open (a 302 whose body nobody reads, held by an
        HTTPError until the garbage collector runs) keeps a sync gunicorn worker lingering in
        its graceful close for up to 2 s: under load that, not Django, was the web tier's cap."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            response = self.opener.open(req, timeout=30)
        except urllib.error.HTTPError as error:  # 302 and 286 land here with NoRedirect
            response = error
        with response:
            return Answer(response.status, response.headers, response.read())

    def login(self, email: str, password: str) -> None:
        self.request("/accounts/login/").read()
        response = self.request(
            "/accounts/login/",
            {"username": email, "password": password, "csrfmiddlewaretoken": self._csrf()},
            {"Referer": self.base + "/accounts/login/"},
        )
        if response.status != 302:
            sys.exit(f"login failed with HTTP {response.status}")

    def submit(self, slug: str, code: str) -> int:
        self.request(f"/exercises/{slug}/").read()
        response = self.request(
            f"/exercises/{slug}/submit/",
            {"code": code, "csrfmiddlewaretoken": self._csrf()},
            {"Referer": f"{self.base}/exercises/{slug}/"},
        )
        location = response.headers.get("Location", "")
        match = re.search(r"/submissions/(\d+)/", location)
        if response.status != 302 or not match:
            sys.exit(f"submit failed: HTTP {response.status} {location!r}")
        return int(match.group(1))

    def open_exercise(self, slug: str) -> None:
        """The exercise page, as the learner has it open before pressing Submit."""
        self.request(f"/exercises/{slug}/").read()

    def submit_htmx(self, slug: str, code: str) -> tuple[int, str]:
        """Submit as the page's htmx form does; the answer is the live status fragment.

        Returns the submission id and the status version the fragment shows (`seen`)."""
        response = self.request(
            f"/exercises/{slug}/submit/",
            {"code": code},
            {
                "Referer": f"{self.base}/exercises/{slug}/",
                "HX-Request": "true",
                "X-CSRFToken": self._csrf(),
            },
        )
        body = response.read().decode()
        match = re.search(r'id="submission-(\d+)"', body)
        if response.status != 200 or not match:
            sys.exit(f"submit failed: HTTP {response.status} {body[:200]!r}")
        version = re.search(r'data-version="([^"]*)"', body)
        return int(match.group(1)), version.group(1) if version else ""

    def wait_result(
        self, pk: int, timeout: float = 120, poll: float = 0.02, seen: str | None = None
    ) -> str:
        """Poll the status until it is final (see `poll_status`); exit if it never is."""
        status = self.poll_status(pk, until=time.monotonic() + timeout, poll=poll, seen=seen)
        if status is None:
            sys.exit(f"submission {pk} not graded within {timeout} s")
        return status

    def poll_status(
        self, pk: int, *, until: float, poll: float | None, seen: str | None = None
    ) -> str | None:
        """Poll the status fragment as htmx does; HTTP 286 means final. None past `until`.

        With `seen` (the version the page shows; "" before any) an unchanged status answers
        204, as for the browser; each new fragment's version is sent from then on. `poll`:
        seconds between polls, or None for the page's own cadence (each fragment's
        `hx-trigger="every …ms"`, fast at first; see submissions.live)."""
        interval = poll if poll is not None else 0.1
        while time.monotonic() < until:
            query = f"?seen={urllib.parse.quote(seen)}" if seen is not None else ""
            response = self.request(
                f"/submissions/{pk}/status/{query}", headers={"HX-Request": "true"}
            )
            body = response.read().decode()
            if response.status == 286:
                found = re.search(r'data-status="(\w+)"', body)
                return found.group(1) if found else "?"
            version = re.search(r'data-version="([^"]*)"', body)
            if seen is not None and version:
                seen = version.group(1)
            cadence = re.search(r'hx-trigger="every (\d+)ms"', body)
            if poll is None and cadence:
                interval = int(cadence.group(1)) / 1000
            time.sleep(interval)
        return None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def submit_to_result(
    base: str,
    n: int,
    *,
    warmup: int = 1,
    think: float = 0.0,
    measured: list[int] | None = None,
    before_each=None,
    before_measuring=None,
) -> list[float]:
    """`think`: seconds between a result and the next submission (a learner reading it);
    `measured` gets the ids of the measured submissions; `before_each()` runs before each
    measured submission (the baseline it is compared with, side by side); `before_measuring()`
    once, after the warm-up (waiting for the worker's start-up to be over)."""
    learner = Learner(base)
    learner.login(USER_EMAIL, USER_PASSWORD)
    latencies = []
    for index in range(warmup + n):
        if index == warmup and before_measuring is not None:
            before_measuring()
        if index:
            time.sleep(think)
        if index >= warmup and before_each is not None:
            before_each()
        learner.open_exercise(SLUG)  # the page is open before the learner presses Submit
        started = time.perf_counter()
        pk, seen = learner.submit_htmx(SLUG, SOLUTION)
        status = learner.wait_result(pk, seen=seen)
        elapsed = time.perf_counter() - started
        if status != "passed":
            sys.exit(f"submission {pk} ended {status}, expected passed")
        if index >= warmup:  # the first one also runs (and caches) the reference solution
            latencies.append(elapsed)
            if measured is not None:
                measured.append(pk)
    return latencies


def phase_table(database_url: str, pks: list[int]) -> list[str]:
    """The grading phases the worker kept on each measured submission (submissions.phases)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from submissions.models import Submission
    from submissions.phases import phase_stats

    lines = ["| phase | runs | p50 ms | p95 ms |", "| --- | ---: | ---: | ---: |"]
    for stat in phase_stats(Submission.objects.filter(pk__in=pks)):
        lines.append(f"| {stat.phase} | {stat.count} | {stat.p50_ms:.1f} | {stat.p95_ms:.1f} |")
    return lines


def bare_process(n: int, code: str = SNIPPET, python: str = PYTHON) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        subprocess.run([python, "-c", code], check=True, capture_output=True, timeout=60)
        times.append(time.perf_counter() - started)
    return times


def cpu_times() -> tuple[int, int]:
    """(idle, total) jiffies of all CPUs so far, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return fields[3] + fields[4], sum(fields[:8])


def machine_quiet(timeout: float = 120.0, idle: float = 0.85, window: float = 0.5) -> float:
    """Waits until the CPUs were at least `idle` idle over `window` s; returns the seconds waited.

    A worker with the pool on starts warm containers for the shapes of its busiest exercises
    (`SANDBOX_POOL_WARM_EXERCISES`, some with torch imported) when it starts; that is a cost
    of its start, not of a learner's grade, and it lasts tens of seconds on 2 CPUs."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        idle_before, total_before = cpu_times()
        time.sleep(window)
        idle_after, total_after = cpu_times()
        if (
            total_after > total_before
            and (idle_after - idle_before) / (total_after - total_before) >= idle
        ):
            break
    return time.monotonic() - began


def running_pool_containers() -> int:
    """How many warm containers the engine runs now (every worker's pool, every shape)."""
    found = subprocess.run(
        ["docker", "ps", "--filter", "label=backprop.pool", "--format", "{{.ID}}"],
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout.split()
    return len(found)


def engine_settled(pool_containers: int, timeout: float = 10.0) -> None:
    """Until the engine holds no sandbox container but the pool's running ones: the worker
    removes a grade's container after storing its result, and neither the next grade nor the
    next baseline run should be timed while that removal (or the pool's refill) competes with
    it. `pool_containers` is what the full pool holds, over all its shapes."""
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        states = subprocess.run(
            ["docker", "ps", "-a", "--filter", "label=backprop.sandbox", "--format", "{{.State}}"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.split()
        if len(states) <= pool_containers and all(state == "running" for state in states):
            return
        time.sleep(0.05)


def cold_docker_run(n: int, image: str, code: str = SNIPPET) -> list[float]:
    """A plain `docker run --rm --network none IMAGE python3 -c CODE`: no harness, no hardening."""
    times = []
    for _ in range(n):
        started = time.perf_counter()
        subprocess.run(
            ["docker", "run", "--rm", "--network", "none", image, "python3", "-c", code],
            check=True,
            capture_output=True,
            timeout=120,
        )
        times.append(time.perf_counter() - started)
    return times


def sandbox_image() -> str:
    sys.path.insert(0, str(ROOT))
    from sandbox.images import image_tag

    return os.environ.get("SANDBOX_IMAGE") or image_tag()


def row(label: str, values: list[float], base: float | None) -> str:
    median, p95 = summary(values)
    ratio = f"{median / base:.1f}×" if base else "1.0×"
    return f"| {label} | {len(values)} | {median * 1000:.0f} | {p95 * 1000:.0f} | {ratio} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20, help="submissions (and runs of each baseline)")
    parser.add_argument(
        "--url", help="a running stack to use instead of starting one (bench user must exist)"
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument(
        "--pool-size", type=int, default=0, help="SANDBOX_POOL_SIZE of the worker it starts"
    )
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds between a result and the next submit"
    )
    parser.add_argument("--logs", default=str(ROOT / "var" / "bench-grading"))
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` stops what we started
    logs = Path(args.logs)
    logs.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    image = sandbox_image()
    bare = bare_process(args.n)
    cold: list[float] = []

    full_pool: list[int] = []

    def cold_beside() -> None:
        """One plain cold run just before each measured submission, each on a settled engine:
        the two are compared side by side, not minutes apart on a VM whose speed drifts."""
        if not full_pool:  # the stack waited for the pool to fill before the first submission
            full_pool.append(running_pool_containers() if args.pool_size else 0)
        engine_settled(full_pool[0])
        cold.extend(cold_docker_run(1, image))
        engine_settled(full_pool[0])

    measured: list[int] = []
    if args.url:
        web = submit_to_result(
            args.url, args.n, think=args.think, measured=measured, before_each=cold_beside
        )
    else:
        with stack(args.database_url, args.pool_size, logs) as base:
            web = submit_to_result(
                base, args.n, think=args.think, measured=measured, before_each=cold_beside
            )
    bare_median = statistics.median(bare)
    print(
        f"\nmatmul-from-scratch, {args.n} runs each, pool size {args.pool_size}, think {args.think} s, image {image}, "
        f"{os.cpu_count()} CPUs, {time.monotonic() - started:.0f} s in all\n"
    )
    print("| what | runs | median ms | p95 ms | median ÷ bare |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(row("bare `python -c` (host venv)", bare, None))
    print(row("plain cold `docker run --rm --network none`", cold, bare_median))
    print(
        row(
            "submit → result through the web stack (HTTP, Redis, Celery, hardened sandbox, judge)",
            web,
            bare_median,
        )
    )
    print(
        f"\nsubmit→result median ÷ plain cold container: {statistics.median(web) / statistics.median(cold):.1f}×"
    )
    print(
        json.dumps(
            {
                "bench": "grading",
                "pool_size": args.pool_size,
                "submit_median_ms": round(statistics.median(web) * 1000, 1),
                "submit_p95_ms": round(percentile(web, 95) * 1000, 1),
                "cold_container_median_ms": round(statistics.median(cold) * 1000, 1),
            }
        )
    )
    if not args.url:  # a stack of ours: its database is the one we know
        print("\nWhere the time goes (moments kept by the worker on each submission):\n")
        print("\n".join(phase_table(args.database_url, measured)))


if __name__ == "__main__":
    main()
