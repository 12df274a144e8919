"""bench/summary.py turns each bench's last JSON line into the ratios issue #15 names.

Run as a program over the logs a run leaves (``--from-logs``), as a reader comparing two runs
would: tests never import ``bench/``.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def summarise(logs: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "summary.py"), "--from-logs", str(logs)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


def test_the_ratios_come_from_each_benchs_figures(tmp_path):
    found = {
        "pages": {
            "rps": {
                "healthz": 2000.0,
                "catalog": 600.0,
                "path (30 sections)": 500.0,
                "unit (deep topics)": 800.0,
                "catalog search": 250.0,
            }
        },
        "grading": {"submit_median_ms": 260.0, "cold_container_median_ms": 200.0},
        "sandbox": {
            "web": {"off_median_ms": 600.0, "on_median_ms": 150.0, "on_p95_ms": 240.0},
            "containers": {"torch": {"cold_ms": 1500.0, "warm_ms": 120.0}},
        },
        "load": {"submit_p95_ms": 700.0, "lost": 0, "duplicated": 1},
    }
    for name, figures in found.items():
        (tmp_path / f"{name}.log").write_text(f"some output\n{json.dumps(figures)}\n")
    assert summarise(tmp_path) == {
        "catalog_per_floor": 0.3,
        "path_per_floor": 0.25,
        "unit_per_floor": 0.4,
        "search_per_floor": 0.125,
        "submit_per_cold_container": 1.3,
        "pool_speedup_numpy": 4.0,
        "pool_speedup_torch": 12.5,
        "pool_p95_per_p50": 1.6,
        "load_p95_per_single_p50": 2.692,
        "lost": 1,
    }


def test_the_load_benchs_own_single_learner_ratio_wins(tmp_path):
    (tmp_path / "grading.log").write_text(json.dumps({"submit_median_ms": 100.0}) + "\n")
    load = {"submit_p95_ms": 900.0, "p95_per_single_p50": 2.4, "lost": 0, "duplicated": 0}
    (tmp_path / "load.log").write_text(json.dumps(load) + "\n")
    assert summarise(tmp_path)["load_p95_per_single_p50"] == 2.4


def test_a_bench_that_failed_gives_nulls_not_a_crash(tmp_path):
    (tmp_path / "pages.log").write_text("Traceback (most recent call last):\n  boom\n")
    (tmp_path / "grading.log").write_text('noise\n{"broken": \n')
    assert set(summarise(tmp_path).values()) == {None}
