"""Grading under load: simulated learners against gunicorn and two Celery worker processes.

Starts the same stack as `bench/grading.py` (its own Redis, gunicorn -w 2, a dedicated
PostgreSQL database) with two worker processes, creates `--learners` bench users, and runs
one thread per learner for `--duration` seconds: log in, open the catalog and the exercise
page, submit a correct solution of a NumPy-style or a torch exercise (alternating), poll the
status as the page does (at the fragment's own cadence: every 100 ms in the first second,
250 ms to 5 s, then 1 s; 204 while unchanged) until it is final, think
`--think` seconds, again. It then waits (bounded)
for what is still grading and checks, in the database, that every submission the learners
made ended exactly once: a terminal status, the expected one, one attempt, one "graded"
notification. Before the load, one learner alone submits each exercise `--single` times: its
p50 per exercise is what the load's p95 of the same exercise is compared with
(`p95_per_single_p50`, the worse exercise). It prints throughput, submit-to-result p50/p95
(all, and per exercise), the page p95 and those counts, and what bounds them: the CPUs' busy
share during the load, the machine's CPU-seconds per grade, the grades a minute that allows,
and the submissions a minute the learners offered (`capacity`). It ends with one JSON line.
See bench/README.md, "Load".

    .venv/bin/python bench/load.py [--learners 20] [--duration 120] [--think 3] [--pool-size 0]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.grading import Learner, cpu_times, percentile, setup_script, stack  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/bench_load"
# Plain Python / NumPy, then torch: a DPO loss over a tiny causal LM's log-probabilities (torch
# imported, small tensors: the "torch exercise" whose warm run is about 0.1 s).
# `--exercises matmul-from-scratch mlp-pytorch` puts one that trains a network for seconds instead.
EXERCISES = ("matmul-from-scratch", "dpo-loss")
PASSWORD = "bench-load-pw-4711"


def reference_code(slug: str) -> str:
    """The package's reference: a submission that must pass."""
    folder = ROOT / "content" / "exercises" / slug / "reference"
    return next(folder.glob("*.py")).read_text()


@dataclass
class Tally:
    """What every learner thread saw; one lock, appended to by all threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    submitted: list[tuple[int, str]] = field(default_factory=list)  # (id, slug)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    pages: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, name: str, value) -> None:
        with self.lock:
            if name == "page":
                self.pages.append(value)
            elif name == "error":
                self.errors.append(value)
            else:
                self.latencies.setdefault(name, []).append(value)


def timed_page(learner: Learner, path: str, tally: Tally) -> None:
    started = time.perf_counter()
    response = learner.request(path)
    response.read()
    tally.add("page", time.perf_counter() - started)
    if response.status >= 500:
        tally.add("error", f"{path} answered {response.status}")


def submit(learner: Learner, slug: str, code: str) -> int:
    """Like Learner.submit, but raising instead of exiting: one thread's failure is counted."""
    response = learner.request(
        f"/exercises/{slug}/submit/",
        {"code": code, "csrfmiddlewaretoken": learner._csrf()},
        {"Referer": f"{learner.base}/exercises/{slug}/"},
    )
    match = re.search(r"/submissions/(\d+)/", response.headers.get("Location", ""))
    if response.status != 302 or not match:
        raise RuntimeError(f"submit of {slug} answered HTTP {response.status}")
    return int(match.group(1))


def wait_final(learner: Learner, pk: int, until: float) -> str | None:
    """Poll as the page does: at the cadence each fragment names, sending the version it shows
    (204 while unchanged)."""
    return learner.poll_status(pk, until=until, poll=None, seen="")


def learner_loop(
    index: int,
    base: str,
    codes: dict[str, str],
    stop_at: float,
    think: float,
    tally: Tally,
) -> None:
    learner = Learner(base)
    try:
        learner.login(f"load{index}@example.com", PASSWORD)
    except SystemExit as failed:
        tally.add("error", f"learner {index}: {failed}")
        return
    turn = index
    while time.monotonic() < stop_at:
        slugs = list(codes)
        slug = slugs[turn % len(slugs)]
        turn += 1
        try:
            timed_page(learner, "/", tally)
            timed_page(learner, f"/exercises/{slug}/", tally)
            started = time.perf_counter()
            pk = submit(learner, slug, codes[slug])
            with tally.lock:
                tally.submitted.append((pk, slug))
            status = wait_final(learner, pk, until=stop_at + 300)
            if status is None:
                tally.add("error", f"#{pk} not final in time")
                return
            tally.add(slug, time.perf_counter() - started)
            if status != "passed":
                tally.add("error", f"#{pk} ({slug}) ended {status}")
        except Exception as failed:  # one learner's failure is a finding, not a crash
            tally.add("error", f"learner {index}: {failed!r}")
        time.sleep(think)


def capacity(
    before: tuple[int, int],
    after: tuple[int, int],
    graded: int,
    cpus: int,
    cycle_alone: float,
    learners: int,
    hz: int = 100,
) -> dict[str, float | None]:
    """What the machine could grade against what the learners asked for.

    `before`/`after` are `cpu_times()` around the load: the CPUs' busy share, and the
    machine's CPU-seconds per graded submission (grading, web, database, all of it). At that
    cost the CPUs grade at most `cpus / cost` a second. Learners who got their results as fast
    as one learner alone would submit every `cycle_alone` seconds (think, pages, the wait), so
    they offer `learners / cycle_alone` a second; when that is more than the machine can
    grade, the queue grows until the wait stretches their cycle to fit, and no p95 near the
    single learner's p50 is possible on this machine."""
    idle = after[0] - before[0]
    total = after[1] - before[1]
    busy = (total - idle) / hz  # CPU-seconds
    per_grade = busy / graded if graded else None
    return {
        "cpu_busy_share": round((total - idle) / total, 3) if total else None,
        "cpu_seconds_per_grade": round(per_grade, 3) if per_grade else None,
        "capacity_per_minute": round(cpus / per_grade * 60, 1) if per_grade else None,
        "offered_per_minute": round(learners / cycle_alone * 60, 1) if cycle_alone else None,
    }


def ended_once(database_url: str, submitted: list[tuple[int, str]]) -> dict[str, int]:
    """Counts from the database: final once, with one attempt and one notification."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from notifications.models import Notification
    from submissions.models import Status, Submission

    rows = {s.pk: s for s in Submission.objects.filter(pk__in=[pk for pk, _ in submitted])}
    counts = {"submissions": len(submitted), "passed": 0, "lost": 0, "duplicated": 0}
    for pk, _slug in submitted:
        row = rows.get(pk)
        if row is None or not row.is_terminal:
            counts["lost"] += 1
            continue
        notes = Notification.objects.filter(user=row.user, url=row.get_absolute_url()).count()
        if row.attempts != 1 or notes != 1:
            counts["duplicated"] += 1
        counts["passed"] += row.status == Status.PASSED
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--duration", type=float, default=120, help="seconds of submitting")
    parser.add_argument("--think", type=float, default=3.0)
    parser.add_argument("--pool-size", type=int, default=0)
    parser.add_argument("--exercises", nargs="+", default=list(EXERCISES))
    parser.add_argument(
        "--single", type=int, default=3, help="one learner's submissions of each exercise first"
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_LOAD_DATABASE_URL", DEFAULT_DB)
    )
    parser.add_argument("--logs", default=str(ROOT / "var" / "bench-load"))
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    logs = Path(args.logs)
    logs.mkdir(parents=True, exist_ok=True)
    codes = {slug: reference_code(slug) for slug in args.exercises}
    users = [(f"load{i}", f"load{i}@example.com", PASSWORD) for i in range(args.learners)]
    tally = Tally()
    single: dict[str, list[float]] = {}
    began = time.monotonic()
    with stack(
        args.database_url,
        args.pool_size,
        logs,
        workers=2,
        setup=setup_script(list(args.exercises), users),
    ) as base:
        # One graded submission of each exercise first: it runs (and caches) the reference.
        # Then the same learner alone, `--single` times each: the p50 the load is held to.
        warm = Learner(base)
        warm.login(users[0][1], PASSWORD)
        for slug in args.exercises:
            for attempt in range(1 + args.single):
                warm.request(f"/exercises/{slug}/").read()
                started = time.perf_counter()
                pk = submit(warm, slug, codes[slug])
                if wait_final(warm, pk, until=time.monotonic() + 300) != "passed":
                    sys.exit(f"the single-learner submission of {slug} did not pass")
                if attempt:
                    single.setdefault(slug, []).append(time.perf_counter() - started)
                time.sleep(args.think)
        stop_at = time.monotonic() + args.duration
        threads = [
            threading.Thread(
                target=learner_loop,
                args=(i, base, codes, stop_at, args.think, tally),
                daemon=True,
            )
            for i in range(args.learners)
        ]
        cpu_before = cpu_times()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.duration + 420)
        cpu_after = cpu_times()
        ran = time.monotonic() - (stop_at - args.duration)
    counts = ended_once(args.database_url, tally.submitted)
    every = [v for values in tally.latencies.values() for v in values]
    # A learner's cycle had results come as fast as alone: think, two pages (their median
    # under load), the single learner's mean wait.
    alone = statistics.mean(v for values in single.values() for v in values) if single else 0
    two_pages = 2 * statistics.median(tally.pages) if tally.pages else 0
    machine = capacity(
        cpu_before,
        cpu_after,
        len(every),
        os.cpu_count() or 1,
        args.think + two_pages + alone,
        args.learners,
        hz=os.sysconf("SC_CLK_TCK"),
    )
    report = {
        "learners": args.learners,
        "seconds": round(ran, 1),
        "graded_per_minute": round(len(every) / ran * 60, 1),
        "submit_p50_ms": round(statistics.median(every) * 1000) if every else None,
        "submit_p95_ms": round(percentile(every, 95) * 1000) if every else None,
        "page_p95_ms": round(percentile(tally.pages, 95) * 1000) if tally.pages else None,
        **{
            f"{slug}_p50_ms": round(statistics.median(v) * 1000)
            for slug, v in tally.latencies.items()
        },
        **{
            f"{slug}_p95_ms": round(percentile(v, 95) * 1000) for slug, v in tally.latencies.items()
        },
        **{
            f"single_{slug}_p50_ms": round(statistics.median(v) * 1000)
            for slug, v in single.items()
        },
        # Each exercise's p95 under load ÷ its p50 for one learner alone; the worse of them.
        "p95_per_single_p50": max(
            (
                round(percentile(tally.latencies[slug], 95) / statistics.median(alone), 2)
                for slug, alone in single.items()
                if tally.latencies.get(slug)
            ),
            default=None,
        ),
        **counts,
        "errors": len(tally.errors),
        **machine,
    }
    print(
        f"\n{args.learners} learners, {args.duration:.0f} s, think {args.think} s, pool {args.pool_size}, "
        f"2 workers, {os.cpu_count()} CPUs, {time.monotonic() - began:.0f} s in all\n"
    )
    print("| what | value |\n| --- | ---: |")
    for key, value in report.items():
        print(f"| {key} | {value} |")
    if machine["capacity_per_minute"] and machine["offered_per_minute"]:
        times = machine["offered_per_minute"] / machine["capacity_per_minute"]
        print(
            f"\nThe learners offered about {machine['offered_per_minute']} submissions a minute "
            f"(had each result come as fast as alone); at {machine['cpu_seconds_per_grade']} "
            f"CPU-s a grade these {os.cpu_count()} CPUs grade at most "
            f"{machine['capacity_per_minute']}: "
            + (
                f"{times:.1f} times more than they can run, so the queue sets the wait."
                if times > 1
                else "within what they can run."
            )
        )
    for error in tally.errors[:20]:
        print(f"error: {error}")
    print(json.dumps(report))
    if counts["lost"] or counts["duplicated"] or tally.errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
