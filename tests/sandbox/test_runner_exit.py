"""When the host may skip the engine's account of a container's exit (no engine needed)."""

from types import SimpleNamespace

from sandbox.harness import frame
from sandbox.limits import DEFAULTS
from sandbox.runner import _ended_well_under_its_limits

MIB = 1024 * 1024
JOB = SimpleNamespace(limits=DEFAULTS.with_overrides({"memory_mb": 100}))


def parsed(result):
    found = frame.Parsed(result)
    found.valid_lines = 1 if result is not None else 0
    return found


def streams(host_peak=None):
    return SimpleNamespace(host_usage={"peak_memory_bytes": host_peak} if host_peak else {})


def ordinary(peak):
    return {"steps": [{"id": "s1", "status": "ok"}], "container": {"peak_memory_bytes": peak}}


def test_an_ordinary_result_well_under_the_memory_limit_needs_no_wait():
    assert _ended_well_under_its_limits(JOB, parsed(ordinary(50 * MIB)), streams())


def test_a_peak_near_the_limit_is_waited_for_since_a_process_may_have_been_oom_killed():
    assert not _ended_well_under_its_limits(JOB, parsed(ordinary(95 * MIB)), streams())


def test_an_unknown_peak_is_waited_for_unless_the_engine_read_it():
    assert not _ended_well_under_its_limits(JOB, parsed(ordinary(None)), streams())
    assert _ended_well_under_its_limits(JOB, parsed(ordinary(None)), streams(host_peak=20 * MIB))


def test_no_result_or_an_unusual_one_is_waited_for():
    assert not _ended_well_under_its_limits(JOB, parsed(None), streams())
    for unusual in (
        {"harness_error": "boom"},
        {"steps": [{"status": "crashed"}]},
        {"steps": [{"status": "timeout"}]},
        {"steps": [], "stdout_truncated": True},
    ):
        result = {**unusual, "container": {"peak_memory_bytes": MIB}}
        assert not _ended_well_under_its_limits(JOB, parsed(result), streams())


class FakeContainer:
    def __init__(self):
        self.attrs = {"State": {"Running": True}}  # as a warm container was last inspected
        self.calls = []

    def kill(self, **_):
        self.calls.append("kill")

    def remove(self, **_):
        self.calls.append("remove")


def test_a_warm_container_that_wrote_its_result_is_not_killed_before_the_grade_is_stored():
    """Its supervisor is exiting on its own: a kill would cost the grade 50-80 ms (measured in
    bench/grading.py --pool-size 2), and the removal at the block's end ends it anyway."""
    from sandbox.runner import _remove_now_or_later, removals_deferred

    ending, stuck = FakeContainer(), FakeContainer()
    with removals_deferred():
        _remove_now_or_later(ending, ends_itself=True)
        _remove_now_or_later(stuck)
        assert ending.calls == [] and stuck.calls == ["kill"]
    assert ending.calls == ["remove"] and stuck.calls == ["kill", "remove"]
