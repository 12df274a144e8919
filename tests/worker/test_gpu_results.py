"""What a GPU run records, how the judge reports it, the speed-up check, the CPU smoke
configuration of GPU exercises, and the GPU queue as learners and staff see it."""

from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import timezone

from curriculum.content.exercise_packages import find_package, load_package
from sandbox.result import RunResult
from worker.judge.grade import Observation, judge, judge_resource

GPU = {
    "name": "NVIDIA H200",
    "uuid": "GPU-5c3b2a10-1111-2222-3333-444455556666",
    "driver_version": "580.65.06",
    "cuda_version": "13.0",
    "torch_cuda": "13.0",
    "peak_memory_bytes": 512 * 2**20,
    "peak_reserved_bytes": 600 * 2**20,
    "memory_total_bytes": 140 * 2**30,
    "memory_cap_bytes": 4 * 2**30,
    "out_of_memory": False,
    "device_seconds": 2.5,
    "source": "nvidia-smi",
}


def run_with(steps, gpu=None, exit_reason="ok"):
    result = {"steps": steps, "versions": {}, **({"gpu": gpu} if gpu is not None else {})}
    return RunResult(exit_reason=exit_reason, exit_code=0, result=result, wall_seconds=3.0)


def judged(package, run):
    return judge(
        package=package,
        plan={"steps": []},
        sources={"solution.py": "import torch\n"},
        learner=Observation.from_run(run),
        reference={},
        seed=1,
        limits={"wall_seconds": 90, "memory_mb": 6144, "gpu_memory_mb": 4096},
    )


@pytest.fixture
def gpu_package():
    return find_package(settings.CONTENT_DIR / "exercises", "mnist-mlp-gpu")


def test_a_gpu_result_records_the_device_versions_memory_and_time(gpu_package):
    result = judged(gpu_package, run_with([], gpu=GPU))
    recorded = result["resources"]["gpu"]
    assert recorded["name"] == "NVIDIA H200" and recorded["driver_version"] == "580.65.06"
    assert recorded["cuda_version"] == "13.0" and recorded["torch_cuda"] == "13.0"
    assert recorded["peak_memory_bytes"] == 512 * 2**20 and recorded["device_seconds"] == 2.5


def test_a_cpu_result_records_no_gpu_at_all(gpu_package):
    assert "gpu" not in judged(gpu_package, run_with([]))["resources"]


def test_a_gpu_job_over_its_memory_cap_says_so(gpu_package):
    run = run_with([], gpu={**GPU, "out_of_memory": True}, exit_reason="memory")
    message = judged(gpu_package, run)["message"]
    assert "more GPU memory than this exercise allows (4096 MiB)" in message
    cpu_memory = judged(gpu_package, run_with([], exit_reason="memory"))["message"]
    assert "6144 MB memory limit" in cpu_memory and "GPU" not in cpu_memory


def _steps(fast, slow):
    steps = [{"id": f"amp#{i}", "status": "ok", "seconds": s} for i, s in enumerate(fast)]
    steps += [{"id": f"fp32#{i}", "status": "ok", "seconds": s} for i, s in enumerate(slow)]
    return Observation.from_run(run_with(steps))


def test_the_speed_up_compares_the_fastest_run_of_each_side():
    check = {
        "id": "speed",
        "kind": "resource",
        "speedup": {"of": "amp", "over": "fp32", "at_least": 1.5},
    }
    # The first runs pay for warming up: the best of each side is compared, 0.9 / 0.3 = 3x.
    passed = judge_resource(check, [], _steps([2.0, 0.3], [3.0, 0.9]))
    assert passed.status == "pass" and "3.00x speed-up" in passed.message
    failed = judge_resource(check, [], _steps([0.8, 0.8], [1.0, 1.0]))
    assert failed.status == "fail" and "1.25x speed-up (at least 1.5x needed)" in failed.message
    unmeasured = judge_resource(check, [], _steps([], [1.0]))
    assert unmeasured.status == "fail" and "not measured" in unmeasured.message


def test_the_cpu_smoke_configuration_replaces_device_limits_and_check_fields():
    package = find_package(settings.CONTENT_DIR / "exercises", "mixed-precision-training")
    smoke = package.cpu_smoke()
    assert (package.device, smoke.device) == ("gpu", "cpu")
    assert smoke.hash != package.hash and smoke.is_cpu_smoke and not package.is_cpu_smoke
    checks = {c["id"]: c for c in smoke.checks}
    assert checks["amp_accuracy"]["kwargs"] == {"hidden": 64, "steps": 100, "batch": 256}
    assert checks["amp_speedup"]["speedup"]["at_least"] == 0
    assert {c["id"]: c for c in package.checks}["amp_speedup"]["speedup"]["at_least"] == 1.5
    assert smoke.spec["limits"]["cpus"] == 1 and package.spec["limits"]["cpus"] == 2


def test_a_broken_cpu_smoke_section_is_reported_with_its_field(tmp_path):
    root = tmp_path / "demo"
    (root / "reference").mkdir(parents=True)
    (root / "starter").mkdir()
    (root / "reference" / "solution.py").write_text("x = 1\n")
    (root / "starter" / "solution.py").write_text("x = 0\n")
    (root / "statement.md").write_text("Demo.\n")
    (root / "exercise.yaml").write_text(
        "slug: demo\ntitle: Demo\n"
        "checks:\n  - {id: fast, kind: resource, max_seconds: 1}\n"
        "cpu_smoke:\n  checks:\n    fast: {max_seconds: 2, metric: accuracy}\n    missing: {}\n"
    )
    package, problems = load_package(root)
    assert package is None
    said = {p.field: p.message for p in problems}
    assert "GPU exercises" in said["cpu_smoke"]
    assert "unknown check 'missing'" in said["cpu_smoke.checks.missing"]
    assert "unknown field 'metric'" in said["cpu_smoke.checks.fast.metric"]


def test_every_gpu_exercise_has_a_cpu_smoke_section_and_two_wrong_solutions():
    from curriculum.content.exercise_packages import load_packages

    packages, problems = load_packages(Path(settings.CONTENT_DIR) / "exercises")
    assert not problems
    gpu = [p for p in packages if p.device == "gpu"]
    assert {p.slug for p in gpu} >= {
        "mnist-mlp-gpu",
        "mixed-precision-training",
        "int8-dynamic-quantisation",
    }
    for package in gpu:
        assert package.spec.get("cpu_smoke"), package.slug
        assert len(package.wrong_solutions()) >= 2, package.slug
        assert package.spec["limits"].get("gpu_memory_mb"), package.slug


# --- the GPU queue ----------------------------------------------------------------------------


@pytest.fixture
def gpu_exercise(db):
    from curriculum.content.exercise_sync import exercise_rows_sync
    from curriculum.models import Exercise

    exercise_rows_sync([find_package(settings.CONTENT_DIR / "exercises", "mnist-mlp-gpu")])
    return Exercise.objects.get(slug="mnist-mlp-gpu")


def _submit(user, exercise, minutes_ago, status="queued"):
    from submissions.models import Submission

    return Submission.objects.create(
        user=user,
        exercise=exercise,
        files={"solution.py": "x = 1"},
        seed=1,
        status=status,
        enqueued_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_a_queued_gpu_submission_knows_how_many_gpu_submissions_are_ahead(
    alice, bob, gpu_exercise, matmul
):
    from submissions.gpu_queue import gpu_queue_position

    first = _submit(bob, gpu_exercise, 5)
    _submit(bob, matmul, 4)  # a CPU submission is in another queue
    _submit(bob, gpu_exercise, 4, status="running")  # already on a GPU
    mine = _submit(alice, gpu_exercise, 3)
    later = _submit(bob, gpu_exercise, 1)
    assert [gpu_queue_position(s) for s in (first, mine, later)] == [1, 2, 3]
    assert gpu_queue_position(_submit(alice, matmul, 2)) is None
    first.status = "passed"
    first.save(update_fields=["status"])
    assert gpu_queue_position(mine) == 1


def test_the_status_fragment_shows_the_gpu_queue_position_and_refreshes_when_it_moves(
    client, alice, bob, gpu_exercise
):
    from django.urls import reverse

    from submissions.live import status_version

    ahead = _submit(bob, gpu_exercise, 5)
    mine = _submit(alice, gpu_exercise, 3)
    client.force_login(alice)
    url = reverse("submissions:submission-status", args=[mine.pk])
    page = client.get(url).content.decode()
    assert "Waiting for a GPU worker" in page and "number 2 in the GPU queue" in page
    before = status_version(mine)
    ahead.status = "running"
    ahead.save(update_fields=["status"])
    assert status_version(mine) != before  # the poll swaps the fragment in
    assert "next in the GPU queue" in client.get(url).content.decode()


def test_staff_analytics_show_gpu_queue_depth_and_wait(client, admin_user, alice, gpu_exercise):
    from django.urls import reverse

    from submissions.gpu_queue import gpu_queue_health

    _submit(alice, gpu_exercise, 10)
    started = _submit(alice, gpu_exercise, 3, status="running")
    started.started_at = started.enqueued_at + timedelta(seconds=90)
    started.save(update_fields=["started_at"])
    health = gpu_queue_health()
    assert (health.queued, health.running, health.started_last_hour) == (1, 1, 1)
    assert health.p50_wait_seconds == pytest.approx(90)
    assert health.oldest_wait_seconds == pytest.approx(600, abs=5)
    client.force_login(admin_user)
    page = client.get(reverse("mentoring:analytics")).content.decode()
    assert 'data-testid="gpu-queue-health"' in page and "GPU grading queue" in page


def test_observation_reads_no_gpu_from_a_result_without_one():
    run = SimpleNamespace(
        result={"steps": []},
        exit_reason="ok",
        stdout="",
        stderr="",
        wall_seconds=1.0,
        peak_memory_bytes=None,
        exit_code=0,
    )
    assert Observation.from_run(run).gpu is None
