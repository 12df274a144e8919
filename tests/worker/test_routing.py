"""Routing: a submission's task goes to the queue of its exercise's device, and the container
options follow the device (GPU jobs get an NVIDIA device request, CPU jobs never do)."""

import pytest

from sandbox.job import Job
from sandbox.runner import container_options
from submissions import grading_queue
from submissions.models import Submission

PLAN = {
    "steps": [
        {"kind": "call", "id": "s", "module": "solution", "function": "f", "timeout_seconds": 1}
    ]
}


@pytest.fixture
def sent(monkeypatch):
    calls = []

    def send_task(name, args=None, queue=None, **kwargs):
        calls.append({"name": name, "args": args, "queue": queue})

    monkeypatch.setattr(grading_queue.current_app, "send_task", send_task)
    return calls


@pytest.mark.parametrize(("device", "queue"), [("cpu", "grading-cpu"), ("gpu", "grading-gpu")])
def test_the_task_goes_to_the_queue_of_the_exercise_device(alice, matmul, sent, device, queue):
    matmul.device = device
    matmul.save(update_fields=["device"])
    submission = Submission.objects.create(
        user=alice, exercise=matmul, files={"solution.py": "x = 1"}, seed=1
    )
    assert grading_queue.enqueue(submission)
    assert sent == [
        {"name": "worker.tasks.grade_submission", "args": [submission.pk], "queue": queue}
    ]


def test_a_broker_outage_keeps_the_row_queued_and_says_so(alice, matmul, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no broker")

    monkeypatch.setattr(grading_queue.current_app, "send_task", refuse)
    submission = Submission.objects.create(
        user=alice, exercise=matmul, files={"solution.py": "x = 1"}, seed=1
    )
    assert grading_queue.enqueue(submission) is False
    submission.refresh_from_db()
    assert submission.status == "queued"


def _job(device, gpu_ids=None):
    return Job(image="img:1", files={}, plan=PLAN, device=device, gpu_ids=gpu_ids)


def test_a_cpu_container_never_sees_a_gpu():
    options = container_options(_job("cpu"), deadline=0)
    assert "device_requests" not in options
    assert options["environment"] == {"NVIDIA_VISIBLE_DEVICES": "void", "CUDA_VISIBLE_DEVICES": ""}


def test_a_gpu_container_requests_the_worker_s_pinned_gpus():
    (request,) = container_options(_job("gpu", gpu_ids=("1",)), deadline=0)["device_requests"]
    assert request["DeviceIDs"] == ["1"]
    assert request["Capabilities"] == [["gpu"]]


def test_a_gpu_container_without_pinned_ids_requests_all_gpus():
    (request,) = container_options(_job("gpu"), deadline=0)["device_requests"]
    assert request["Count"] == -1
    assert request["Capabilities"] == [["gpu"]]


def test_the_worker_gives_a_gpu_job_one_slot_of_sandbox_gpu_ids_and_cpu_jobs_none(
    settings, monkeypatch, tmp_path
):
    import dataclasses

    from curriculum.content.exercise_packages import find_package
    from worker import job_spec, sandbox_jobs

    settings.SANDBOX_GPU_IDS = ["0", "2"]
    settings.SANDBOX_GPU_LOCK_DIR = str(tmp_path)
    settings.SANDBOX_POOL_SIZE = 0
    cpu = find_package(settings.CONTENT_DIR / "exercises", "matmul-from-scratch")
    gpu = dataclasses.replace(
        cpu, spec={**cpu.spec, "environment": {**cpu.spec["environment"], "device": "gpu"}}
    )
    jobs = []
    monkeypatch.setattr(sandbox_jobs, "run_job", lambda job: jobs.append(job))
    monkeypatch.setattr(job_spec, "sandbox_image", lambda device="cpu": "img:1")
    for package in (cpu, gpu):
        sandbox_jobs.run_files(package, {"solution.py": "x = 1"}, plan=PLAN, seed=1, labels={})
    cpu_options, gpu_options = (container_options(job, deadline=0) for job in jobs)
    assert "device_requests" not in cpu_options
    assert gpu_options["device_requests"][0]["DeviceIDs"] == ["0"]  # one slot, not both GPUs
