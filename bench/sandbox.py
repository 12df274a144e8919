"""What a warm single-use container saves, from one run: bare process vs cold vs warm container.

For a NumPy exercise and a torch exercise it times, N times each:
  * a bare `python -c` of the same code on the host (no container; torch only if the host has it),
  * a cold hardened sandbox run (`sandbox.runner.run_job`: create, start, harness, import, run),
  * a warm one (`sandbox.pool.WarmPool`: the container was started and its imports done
    before the job; waiting for the pool to refill between runs is not timed),
then submit-to-result through the whole web stack (bench/grading.py's stack: gunicorn,
Redis, one Celery worker, PostgreSQL) with the pool off (SANDBOX_POOL_SIZE=0) and on.
Prints medians, p95 and ratios. Stops what it starts. See bench/README.md, "Sandbox".

    .venv/bin/python bench/sandbox.py [-n 10] [--web-n 10] [--pool-size 2] [--skip-web]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file is bench/sandbox.py: its folder must not shadow the `sandbox` package.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]


def _load_grading():
    """bench/grading.py: the web stack and the percentile helpers."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_grading", ROOT / "bench" / "grading.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


grading = _load_grading()

from sandbox.job import Job  # noqa: E402
from sandbox.limits import DEFAULTS  # noqa: E402
from sandbox.pool import Shape, WarmPool  # noqa: E402
from sandbox.runner import run_job  # noqa: E402

EXERCISES = {
    "NumPy": {
        "source": "import numpy as np\n\n\ndef solve():\n"
        "    a = np.arange(10000.0).reshape(100, 100) / 1e4\n    return float((a @ a).sum())\n",
        "preload": ("numpy",),
    },
    "torch": {
        "source": "import torch\n\n\ndef solve():\n"
        "    x = torch.ones(64, 64)\n    return float((x @ x).sum())\n",
        "preload": ("torch",),
    },
}
PLAN = {
    "steps": [
        {
            "kind": "call",
            "id": "solve",
            "module": "solution",
            "function": "solve",
            "timeout_seconds": 60,
        }
    ]
}


def job(image: str, source: str) -> Job:
    return Job(
        image=image,
        files={"solution.py": source.encode()},
        plan=PLAN,
        limits=DEFAULTS.with_overrides({"wall_seconds": 90}),
        labels={"backprop.bench": "sandbox"},
    )


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def check(run) -> None:
    if run.exit_reason != "ok" or run.steps[0].get("status") != "ok":
        sys.exit(f"a sandbox run failed: {run.exit_reason} {run.steps} {run.stderr[-500:]}")


def host_has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def measure_exercise(name: str, spec: dict, image: str, n: int) -> dict[str, list[float] | None]:
    the_job = job(image, spec["source"])
    snippet = spec["source"] + "\nsolve()\n"
    bare = grading.bare_process(n, snippet) if host_has(spec["preload"][0]) else None
    check(run_job(the_job))  # page the image in once, untimed
    cold = []
    for _ in range(n):
        cold.append(timed(lambda: check(run_job(the_job))))
    pool = WarmPool(1, idle_seconds=600)
    warm = []
    try:
        pool.warm([Shape.of(the_job, spec["preload"])])
        for _ in range(n):
            if not pool.fill(timeout=180):
                sys.exit("the pool did not fill within 180 s")
            warm.append(timed(lambda: check(pool.run(the_job, preload=spec["preload"]))))
        if pool.stats["cold"]:
            sys.exit(f"{pool.stats['cold']} runs found no warm container")
    finally:
        pool.close()
    print(f"  {name}: done", file=sys.stderr)
    return {"bare": bare, "cold": cold, "warm": warm}


def fmt(values: list[float] | None) -> tuple[str, str]:
    if not values:
        return "n/a", "n/a"
    median, p95 = grading.summary(values)
    return f"{median * 1000:.0f}", f"{p95 * 1000:.0f}"


def ratio(a: list[float] | None, b: list[float] | None) -> str:
    if not a or not b:
        return "n/a"
    return f"{statistics.median(a) / statistics.median(b):.1f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10, help="runs of each sandbox variant")
    parser.add_argument(
        "--web-n", type=int, default=10, help="submissions through the web stack, pool off and on"
    )
    parser.add_argument(
        "--pool-size", type=int, default=2, help="SANDBOX_POOL_SIZE of the 'pool on' worker"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=3.0,
        help="seconds between a result and the learner's next submission (web part)",
    )
    parser.add_argument("--skip-web", action="store_true")
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", grading.DEFAULT_DB)
    )
    parser.add_argument("--logs", default=str(ROOT / "var" / "bench-sandbox"))
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` stops what we started
    logs = Path(args.logs)
    logs.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    image = grading.sandbox_image()
    results = {
        name: measure_exercise(name, spec, image, args.n) for name, spec in EXERCISES.items()
    }
    web = {}
    if not args.skip_web:
        for size in (0, args.pool_size):
            waited: list[float] = []
            with grading.stack(args.database_url, size, logs) as base:
                web[size] = grading.submit_to_result(
                    base,
                    args.web_n,
                    think=args.think,
                    before_measuring=lambda waited=waited: waited.append(grading.machine_quiet()),
                )
            print(
                f"  web stack, pool size {size}: done (measured once the machine was quiet, "
                f"{waited[0]:.1f} s after the warm-up)",
                file=sys.stderr,
            )

    print(
        f"\n{args.n} runs per sandbox variant, {args.web_n} submissions per web variant, image {image}, "
        f"{os.cpu_count()} CPUs, {time.monotonic() - started:.0f} s in all\n"
    )
    print(
        "| exercise | bare `python -c` median / p95 ms | cold container median / p95 ms | "
        "warm container median / p95 ms | cold ÷ warm | warm ÷ bare |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        print(
            f"| {name} | {' / '.join(fmt(r['bare']))} | {' / '.join(fmt(r['cold']))} | "
            f"{' / '.join(fmt(r['warm']))} | {ratio(r['cold'], r['warm'])} | {ratio(r['warm'], r['bare'])} |"
        )
    if web:
        off, on = web[0], web[args.pool_size]
        print(
            f"\n| submit → result, matmul-from-scratch, whole web stack, {args.think:g} s between submissions "
            "| median ms | p95 ms |"
        )
        print("| --- | ---: | ---: |")
        print(f"| pool off (SANDBOX_POOL_SIZE=0) | {' | '.join(fmt(off))} |")
        print(f"| pool on (SANDBOX_POOL_SIZE={args.pool_size}) | {' | '.join(fmt(on))} |")
        print(f"\npool off ÷ pool on (median): {ratio(off, on)}")

    def ms(values):
        return round(statistics.median(values) * 1000, 1) if values else None

    figures = {
        "bench": "sandbox",
        "containers": {
            name: {"cold_ms": ms(r["cold"]), "warm_ms": ms(r["warm"])}
            for name, r in results.items()
        },
    }
    if web:
        figures["web"] = {
            "off_median_ms": ms(web[0]),
            "on_median_ms": ms(web[args.pool_size]),
            "on_p95_ms": round(grading.percentile(web[args.pool_size], 95) * 1000, 1),
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
