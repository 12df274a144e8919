import pytest

from sandbox.limits import DEFAULTS, Limits


def test_defaults_keep_swap_out_of_reach_and_the_result_at_one_megabyte():
    assert DEFAULTS.result_bytes == 1_000_000
    assert DEFAULTS.memory_mb >= 256


def test_overrides_return_a_new_object_and_leave_defaults_alone():
    changed = DEFAULTS.with_overrides({"memory_mb": 256, "wall_seconds": 5})
    assert (changed.memory_mb, changed.wall_seconds) == (256, 5)
    assert DEFAULTS.memory_mb == Limits().memory_mb


def test_an_unknown_limit_is_named_with_the_known_ones_and_their_units():
    with pytest.raises(ValueError, match=r"unknown sandbox limit\(s\) memory;.*memory_mb \(MiB\)"):
        DEFAULTS.with_overrides({"memory": 256})


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"memory_mb": 1.5}, "whole number of MiB"),
        ({"memory_mb": "512m"}, "number of MiB"),
        ({"pids": True}, "number of processes"),
        ({"wall_seconds": 0}, "between 1 and 3600 s"),
        ({"cpus": 1000}, "CPUs"),
    ],
)
def test_values_are_checked_against_their_unit_and_range(overrides, message):
    with pytest.raises(ValueError, match=message):
        DEFAULTS.with_overrides(overrides)


def test_every_limit_is_described_with_a_unit():
    rows = Limits.describe()
    assert {row["name"] for row in rows} == set(DEFAULTS.as_dict())
    assert all(row["unit"] and row["doc"] for row in rows)
