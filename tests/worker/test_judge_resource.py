"""The resource check reads only what the supervisor measured: step seconds and the container peak."""

from worker.judge.grade import Observation, judge_resource

CHECK = {"id": "fast_and_small", "kind": "resource", "max_seconds": 1.5, "max_memory_mb": 120}


def observation(seconds=(0.01, 0.02), peak=30 * 2**20, exit_reason="ok"):
    steps = {"_load#0": {"status": "ok", "seconds": 9.0}}
    steps.update({f"adds#{i}": {"status": "ok", "seconds": s} for i, s in enumerate(seconds)})
    return Observation(exit_reason=exit_reason, steps=steps, peak_memory_bytes=peak)


def test_the_import_step_does_not_count_and_a_fast_small_run_passes():
    assert judge_resource(CHECK, [], observation()).status == "pass"


def test_the_supervisor_s_seconds_add_up_and_the_message_keeps_its_units():
    result = judge_resource(CHECK, [], observation(seconds=(1.2, 1.2), peak=177 * 2**20))
    assert result.status == "fail"
    assert result.message == (
        "Your functions took 2.40 s in all; the limit is 1.5 s; "
        "peak memory was 177 MB; the limit is 120 MB."
    )


def test_a_peak_that_was_not_measured_is_never_a_pass():
    assert judge_resource(CHECK, [], observation(peak=None)).status == "error"
    lost = judge_resource(CHECK, [], observation(peak=None, exit_reason="harness_lost"))
    assert lost.status == "fail" and "not measured" in lost.message
