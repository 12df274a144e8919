"""All the benches in one go, ending with one JSON line of the ratios that issue #15 sets.

Runs, one after another and each under its own time limit, `bench/pages.py` (browse pages
and `/healthz` under wrk), `bench/grading.py` (submit to result, pool off, beside a plain cold
`docker run`), `bench/sandbox.py` (cold and warm containers for a NumPy and a torch exercise,
and the web stack with the pool off and on, 3 s of think time) and `bench/load.py` (simulated
learners against two workers). Each bench stops what it started; a bench that fails or runs
out of time is reported and its ratios are null. Each bench's own output goes to
var/bench-summary/<name>.log. The last line is JSON with these keys:

    catalog_per_floor, path_per_floor, unit_per_floor, search_per_floor   (req/s ÷ /healthz)
    submit_per_cold_container      (submit→result median, pool off ÷ cold `docker run` median)
    pool_speedup_numpy             (web stack, pool off median ÷ pool on median)
    pool_speedup_torch             (torch container, cold median ÷ warm median)
    pool_p95_per_p50               (web stack, pool on: p95 ÷ median)
    load_p95_per_single_p50        (load submit→result p95 ÷ single-learner median)
    lost                           (load: submissions not ended exactly once)

    .venv/bin/python bench/summary.py [--quick]
    .venv/bin/python bench/summary.py --from-logs var/bench-summary   # ratios of an earlier run
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")

FULL = {
    "pages": (["bench/pages.py"], 900),
    "grading": (["bench/grading.py", "-n", "20"], 900),
    "sandbox": (["bench/sandbox.py", "-n", "10", "--web-n", "10", "--think", "3"], 1500),
    "load": (["bench/load.py", "--learners", "20", "--duration", "120", "--think", "3"], 1200),
}
QUICK = {
    "pages": (["bench/pages.py", "--duration", "3", "--paths", "20"], 600),
    "grading": (["bench/grading.py", "-n", "5"], 600),
    "sandbox": (["bench/sandbox.py", "-n", "3", "--web-n", "3", "--think", "3"], 900),
    "load": (["bench/load.py", "--learners", "4", "--duration", "30", "--think", "3"], 900),
}


def last_json(text: str) -> dict | None:
    for line in reversed(text.splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None


def run(name: str, argv: list[str], limit: int, logs: Path) -> dict | None:
    """One bench as a subprocess (its own session: a timeout stops all it started)."""
    log = logs / f"{name}.log"
    started = time.monotonic()
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [PYTHON, *argv], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            proc.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            proc.terminate()  # SIGTERM: the benches stop their stacks on it
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    figures = last_json(log.read_text())
    took = time.monotonic() - started
    state = "ok" if proc.returncode == 0 and figures else f"failed (exit {proc.returncode})"
    print(f"{name}: {state} in {took:.0f} s, log {log.relative_to(ROOT)}", file=sys.stderr)
    return figures if proc.returncode == 0 else None


def ratio(top, bottom) -> float | None:
    if top is None or not bottom:
        return None
    return round(top / bottom, 3)


def ratios(found: dict[str, dict | None]) -> dict[str, float | int | None]:
    pages = (found.get("pages") or {}).get("rps", {})
    floor = pages.get("healthz")
    grading = found.get("grading") or {}
    sandbox = found.get("sandbox") or {}
    web = sandbox.get("web") or {}
    torch = (sandbox.get("containers") or {}).get("torch") or {}
    load = found.get("load") or {}
    return {
        "catalog_per_floor": ratio(pages.get("catalog"), floor),
        "path_per_floor": ratio(pages.get("path (30 sections)"), floor),
        "unit_per_floor": ratio(pages.get("unit (deep topics)"), floor),
        "search_per_floor": ratio(pages.get("catalog search"), floor),
        "submit_per_cold_container": ratio(
            grading.get("submit_median_ms"), grading.get("cold_container_median_ms")
        ),
        "pool_speedup_numpy": ratio(web.get("off_median_ms"), web.get("on_median_ms")),
        "pool_speedup_torch": ratio(torch.get("cold_ms"), torch.get("warm_ms")),
        "pool_p95_per_p50": ratio(web.get("on_p95_ms"), web.get("on_median_ms")),
        # The load bench's own single-learner p50 per exercise, when it has one (an older log
        # has not: then the grading bench's matmul p50).
        "load_p95_per_single_p50": load.get("p95_per_single_p50")
        if load.get("p95_per_single_p50") is not None
        else ratio(load.get("submit_p95_ms"), grading.get("submit_median_ms")),
        "lost": (load.get("lost", 0) + load.get("duplicated", 0)) if load else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short runs, to try the harness")
    parser.add_argument("--only", nargs="*", help="run only these benches")
    parser.add_argument(
        "--from-logs",
        type=Path,
        help="run nothing: the ratios of the <bench>.log files an earlier run left in this folder",
    )
    args = parser.parse_args()
    if args.from_logs:
        found = {}
        for name in FULL:
            log = args.from_logs / f"{name}.log"
            found[name] = last_json(log.read_text(errors="replace")) if log.exists() else None
        print(json.dumps(ratios(found)))
        return
    logs = ROOT / "var" / "bench-summary"
    logs.mkdir(parents=True, exist_ok=True)
    plan = QUICK if args.quick else FULL
    found = {
        name: run(name, argv, limit, logs)
        for name, (argv, limit) in plan.items()
        if not args.only or name in args.only
    }
    print(json.dumps(ratios(found)))


if __name__ == "__main__":
    main()
