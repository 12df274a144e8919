"""Throughput and p95 latency of the browse pages under many concurrent clients.

Seeds a dedicated PostgreSQL database (created if missing) with the five real paths and
200 generated ones, starts gunicorn on it (with its own redis-server as the cache, as in
production, unless `--cache memory`), runs `wrk --latency` against the catalog, a
path page, a unit page, a catalog search, a week and an exercise page as a visitor, and the
catalog, path, unit, exercise and dashboard pages as a logged-in learner, prints a table and
stops them.
Every step is bounded in time. See bench/README.md, section "Pages".

    .venv/bin/python bench/pages.py [--paths 200] [--duration 10] [--connections 64] [--cache redis]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/bench_pages"

# wrk's --latency table stops at p90/p99; the done() hook prints the percentiles we report.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("P50_US %d\\nP95_US %d\\nP99_US %d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def run(cmd: list[str], env: dict[str, str], timeout: int) -> str:
    result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if result.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def ensure_database(url: str) -> None:
    """Create the benchmark database if it is missing (never drops anything)."""
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def seed(env: dict[str, str], count: int) -> None:
    run([PYTHON, "manage.py", "migrate", "-v0"], env, 300)
    run([PYTHON, "manage.py", "import_content", "-v0"], env, 300)
    print(run([PYTHON, "-m", "tests.synthetic_paths", str(count)], env, 600).strip())


SESSION_SCRIPT = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User
user, _ = User.objects.get_or_create(username="bench-pages@example.com", defaults={"email": "bench-pages@example.com"})
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "accounts.session_user.CachedUserBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def learner_cookie(env: dict[str, str]) -> str:
    """A logged-in learner's session cookie, for the rows measured as that learner."""
    key = run([PYTHON, "manage.py", "shell", "-c", SESSION_SCRIPT], env, 120).strip().splitlines()
    return f"sessionid={key[-1]}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    sys.exit(f"nothing listens on port {port}")


def wait_until_up(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"gunicorn did not answer {url} in time")


def wrk(
    url: str, *, seconds: int, connections: int, threads: int, script: str, cookie: str = ""
) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            "--latency",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            script,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": int(re.search(r"P50_US (\d+)", out).group(1)) / 1000,
        "p95": int(re.search(r"P95_US (\d+)", out).group(1)) / 1000,
        "p99": int(re.search(r"P99_US (\d+)", out).group(1)) / 1000,
        "errors": (int(non_2xx.group(1)) if non_2xx else 0)
        + (sum(map(int, errors.groups())) if errors else 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument(
        "--paths", type=int, default=200, help="generated paths beside the real ones"
    )
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=64, help="concurrent wrk connections")
    parser.add_argument("--threads", type=int, default=4, help="wrk threads")
    parser.add_argument(
        "--cache",
        choices=["redis", "memory"],
        default="redis",
        help="redis: an own redis-server, as production has; memory: each process's (the demo)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")

    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONPATH": str(ROOT),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    ensure_database(args.database_url)
    started = time.monotonic()
    seed(env, args.paths)
    print(f"seeded in {time.monotonic() - started:.0f}s")

    base = f"http://127.0.0.1:{args.port}"
    pages = {
        "healthz": "/healthz",  # Django's own floor: middleware, routing, a response
        "catalog": "/",
        "path (30 sections)": "/paths/ml-engineer-master-curriculum/",
        "unit (deep topics)": "/paths/ml-engineer-master-curriculum/1/",
        "catalog search": "/?q=gradient+descent",
        "week (16-week path)": "/paths/ml-dl-engineer-16-weeks/1/",
        "exercise": "/exercises/matmul-from-scratch/",
        # Logged in: rendered for the learner each time (their menu, progress, drafts).
        "catalog (learner)": "/",
        "path (learner)": "/paths/ml-engineer-master-curriculum/",
        "unit (learner)": "/paths/ml-engineer-master-curriculum/1/",
        "exercise (learner)": "/exercises/matmul-from-scratch/",
        "dashboard (learner)": "/dashboard/",
    }
    redis = None
    if args.cache == "redis":
        redis_port = free_port()
        redis = subprocess.Popen(
            ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        env["CACHE_URL"] = f"redis://127.0.0.1:{redis_port}/1"
        wait_for_port(redis_port, time.monotonic() + 10)
    cookie = learner_cookie(env)
    server = subprocess.Popen(
        [
            GUNICORN,
            "config.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_until_up(base + "/healthz", time.monotonic() + 30)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        rows = []
        for name, path in pages.items():
            as_learner = cookie if name.endswith("(learner)") else ""
            warm_up = urllib.request.Request(base + path, headers={"Cookie": as_learner})
            with urllib.request.urlopen(warm_up, timeout=10) as response:  # and fail loudly
                assert response.status == 200, (path, response.status)
                assert response.url == base + path, (path, "redirected to", response.url)
            rows.append(
                (
                    name,
                    path,
                    wrk(
                        base + path,
                        seconds=args.duration,
                        connections=args.connections,
                        threads=args.threads,
                        script=script.name,
                        cookie=as_learner,
                    ),
                )
            )
        os.unlink(script.name)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if redis is not None:
            os.killpg(redis.pid, signal.SIGTERM)
            redis.wait(timeout=30)

    print(
        f"\ngunicorn -w {args.workers}; wrk -t{args.threads} -c{args.connections} -d{args.duration}s; "
        f"{args.paths} generated + real paths; cache: {args.cache}\n"
    )
    print("| page | URL | req/s | p50 ms | p95 ms | p99 ms | requests | errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, path, r in rows:
        print(
            f"| {name} | `{path}` | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} "
            f"| {r['requests']} | {r['errors']} |"
        )
    floor = rows[0][2]["rps"]
    for name, _, r in rows[1:]:
        print(f"{name}: {r['rps'] / floor:.3f} of /healthz")
    print(json.dumps({"bench": "pages", "rps": {name: r["rps"] for name, _, r in rows}}))


if __name__ == "__main__":
    main()
