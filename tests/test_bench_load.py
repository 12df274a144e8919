"""The load bench says whether the learners asked for more grades than the CPUs can run.

Its p95 can only stay near one learner's p50 when the machine grades as fast as the learners
submit; `bench.load.capacity` turns the CPUs' busy time into CPU-seconds per grade and
compares what that allows with what the learners offer. Run as a program, as the other bench
tests do: tests never import ``bench/``.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CAPACITY = """
import json, sys
from bench.load import capacity
print(json.dumps(capacity(*json.loads(sys.argv[1]))))
"""


def capacity(*args) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CAPACITY, json.dumps(args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_saturated_machine_offers_less_than_the_learners_ask_for():
    # 120 s on 2 CPUs at 100 jiffies a second: 24,000 jiffies, 600 of them idle; 180 grades.
    seen = capacity([1000, 50_000], [1600, 74_000], 180, 2, 4.5, 20)
    assert seen == {
        "cpu_busy_share": 0.975,
        "cpu_seconds_per_grade": 1.3,  # 234 busy CPU-seconds over 180 grades
        "capacity_per_minute": 92.3,  # 2 CPUs ÷ 1.3 s × 60
        "offered_per_minute": 266.7,  # 20 learners, one submission per 4.5 s each
    }


def test_a_light_load_is_within_capacity_and_nothing_graded_says_nothing():
    seen = capacity([0, 0], [9_000, 12_000], 60, 2, 10.0, 4)
    assert seen["cpu_seconds_per_grade"] == 0.5
    assert seen["capacity_per_minute"] == 240.0 > seen["offered_per_minute"] == 24.0
    nothing = capacity([0, 0], [100, 100], 0, 2, 0, 4)
    assert nothing == {
        "cpu_busy_share": 0.0,
        "cpu_seconds_per_grade": None,
        "capacity_per_minute": None,
        "offered_per_minute": None,
    }
