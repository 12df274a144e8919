import json

import pytest

from sandbox.job import MAX_FILE_BYTES, Job
from sandbox.limits import DEFAULTS

STEP = {"kind": "call", "id": "s1", "module": "solution", "function": "f", "timeout_seconds": 5}
HTTP = {
    "kind": "http",
    "id": "h1",
    "app": "solution:app",
    "requests": [{"path": "/"}],
    "timeout_seconds": 5,
}


def job(**fields):
    values = {
        "image": "backprop-sandbox:test",
        "files": {"solution.py": b"def f(): return 1\n"},
        "plan": {"steps": [STEP]},
    }
    values.update(fields)
    return Job(**values)


def test_a_plain_job_is_valid_and_carries_its_seed_into_the_plan():
    line = job(seed=7).harness_input()
    document = json.loads(line)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert document["plan"]["seed"] == 7
    assert document["limits"]["result_bytes"] == DEFAULTS.result_bytes


@pytest.mark.parametrize("path", ["/etc/passwd", "../x.py", "a/../../x", "a//b", "./a", "a\\b", ""])
def test_file_paths_must_stay_inside_the_work_directory(path):
    with pytest.raises(ValueError, match="file path"):
        job(files={path: b"x"})


def test_oversized_files_are_rejected_before_any_container_exists():
    with pytest.raises(ValueError, match="bytes; at most"):
        job(files={"big.bin": b"0" * (MAX_FILE_BYTES + 1)})


def test_file_contents_must_be_bytes():
    with pytest.raises(ValueError, match="must be bytes"):
        job(files={"solution.py": "text"})


def test_step_timeouts_must_fit_inside_the_wall_clock():
    steps = [dict(STEP, id=f"s{i}", timeout_seconds=10) for i in range(3)]
    with pytest.raises(ValueError, match="no room within wall_seconds"):
        job(plan={"steps": steps})


@pytest.mark.parametrize(
    "plan, message",
    [
        ({"steps": []}, "non-empty list"),
        ({"steps": [STEP, STEP]}, "unique"),
        ({"steps": [dict(STEP, timeout_seconds=0)]}, "positive timeout"),
        ({"steps": [dict(STEP, kind="shell")]}, "unsupported kind"),
        ({"steps": [STEP], "x": float("nan")}, "plain JSON"),
        ({"steps": [dict(HTTP, requests=[])]}, "non-empty list of requests"),
        ({"steps": [dict(HTTP, requests=[{"path": "health"}])]}, "does not start with /"),
        ({"steps": [dict(HTTP, app=3)]}, "module:attribute"),
    ],
)
def test_malformed_plans_are_rejected(plan, message):
    with pytest.raises(ValueError, match=message):
        job(plan=plan)


def test_an_http_step_with_an_app_and_requests_is_valid():
    assert job(plan={"steps": [HTTP]}).plan["steps"][0]["kind"] == "http"


def test_reserved_labels_and_unknown_devices_are_rejected():
    with pytest.raises(ValueError, match="set by the sandbox"):
        job(labels={"backprop.deadline": "0"})
    with pytest.raises(ValueError, match="device"):
        job(device="tpu")
    with pytest.raises(ValueError, match="runtime"):
        job(runtime="kata")
