"""A timed-out run states the limit that stopped it, once, and scores 0.

The run the issue saw: an infinite loop in matmul-from-scratch (wall clock 20 s; each call's
limit shrunk to fit the budget, 1.244 s; a resource check named "Finishes within 2 seconds")
read "20 s time limit", "did not return within 1.244 seconds" and "the run hit the time
limit" at once, and scored 0.10. Fed to the judge as the supervisor reports it: the first
call timed out, every step after it skipped. No container needed.
"""

import re

import pytest
from django.conf import settings

from curriculum.content.exercise_packages import find_package
from worker.job_spec import limits_for
from worker.judge.grade import LOAD_STEP, Observation, judge
from worker.judge.plan import build_plan

LOOPING = "def matmul(A, B):\n    while True:\n        pass\n"


@pytest.fixture(scope="module")
def package():
    return find_package(settings.CONTENT_DIR / "exercises", "matmul-from-scratch")


@pytest.fixture(scope="module")
def plan(package):
    return build_plan(package, seed=1, wall_seconds=limits_for(package).wall_seconds)


def timed_out_at(plan, index):
    """The supervisor's report when step `index` (after the import) ran past its limit."""
    steps = {LOAD_STEP: {"id": LOAD_STEP, "status": "ok", "value": None, "seconds": 0.01}}
    for position, step in enumerate(plan["steps"][1:]):
        if position < index:
            outcome = {"status": "ok", "value": [[1.0]], "seconds": 0.01}
        elif position == index:
            limit = step["timeout_seconds"]
            outcome = {"status": "timeout", "message": f"the step did not finish within {limit} s"}
        else:
            outcome = {"status": "skipped", "message": "an earlier step timed out"}
        steps[step["id"]] = {"id": step["id"], **outcome}
    return Observation(exit_reason="timeout", steps=steps, wall_seconds=2.5)


def judged(package, plan, learner, code=LOOPING):
    reference = {s["id"]: {"status": "ok", "value": [[1.0]]} for s in plan["steps"][1:]}
    return judge(
        package=package,
        plan=plan,
        sources={"solution.py": code},
        learner=learner,
        reference=reference,
        seed=1,
        limits=limits_for(package).as_dict(),
    )


def every_text(result):
    return " ".join([result["message"]] + [c["message"] for c in result["checks"]])


def seconds_figures(text):
    return set(re.findall(r"(\d+(?:\.\d+)?) ?s(?:econds)?\b", text))


def test_an_infinite_loop_names_the_one_limit_that_stopped_it(package, plan):
    result = judged(package, plan, timed_out_at(plan, 0))
    first = plan["steps"][1]
    limit = f"{round(first['timeout_seconds'], 2):g}"
    assert result["message"] == (
        f"A call of matmul did not return within {limit} s, the time limit of one call, and "
        "was stopped; nothing after it ran. A run that times out scores 0."
    )
    # No other limit in seconds anywhere: not the run's 20 s, nor the resource check's 2 s.
    assert seconds_figures(every_text(result)) == {limit}
    resource = next(c for c in result["checks"] if c["kind"] == "resource")
    assert resource["message"] == (
        "Not measured: your code was stopped at a time limit before it finished."
    )


def test_a_timed_out_run_scores_0_and_its_checks_add_up_to_that(package, plan):
    result = judged(package, plan, timed_out_at(plan, 0))
    assert result["score"] == 0.0
    assert sum(c["score"] for c in result["checks"]) == 0.0
    no_numpy = next(c for c in result["checks"] if c["id"] == "no_numpy")
    assert no_numpy["status"] == "pass"  # judged on the source, but not counted
    assert no_numpy["message"] == "Not counted: a run that times out scores 0."


def test_cases_that_passed_before_the_timeout_earn_nothing_and_the_rest_read_as_not_run(
    package, plan
):
    result = judged(package, plan, timed_out_at(plan, 2))
    probe = next(c for c in result["checks"] if c["id"] == "correct_on_random_shapes")
    cases = sum(1 for s in plan["steps"] if s["id"].startswith("correct_on_random_shapes#"))
    assert probe["score"] == 0.0
    assert probe["message"].startswith("Case 3 of ")
    assert "did not return within its time limit" in probe["message"]
    assert f"(1 of {cases} cases failed, {cases - 3} were not run.)" in probe["message"]


def test_an_import_past_its_limit_says_so(package, plan):
    learner = timed_out_at(plan, 0)
    learner.steps = {LOAD_STEP: {"id": LOAD_STEP, "status": "timeout"}}
    result = judged(package, plan, learner)
    limit = f"{round(plan['steps'][0]['timeout_seconds'], 2):g}"
    assert result["message"].startswith(
        f"Importing your code took longer than its {limit} s time limit, so no check ran."
    )


def test_a_run_stopped_by_the_wall_clock_names_the_wall_clock(package, plan):
    result = judged(package, plan, Observation(exit_reason="timeout", steps={}))
    assert result["message"] == (
        "Your code ran past the 20 s time limit of the whole run and was stopped. "
        "A run that times out scores 0."
    )
    assert result["score"] == 0.0


def test_a_run_that_ends_in_time_keeps_its_points(package, plan):
    learner = timed_out_at(plan, 0)
    learner.exit_reason = "ok"
    learner.steps = {
        sid: {**s, "status": "ok", "value": [[1.0]]} for sid, s in learner.steps.items()
    }
    result = judged(package, plan, learner)
    assert result["message"] == "" and result["score"] > 0
