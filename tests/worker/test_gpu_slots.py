"""One GPU job per device or MIG slice: the slot allocator (file locks) and the worker's jobs."""

import dataclasses
import subprocess
import sys
import threading
import time

import pytest

from sandbox.result import SandboxUnavailable
from sandbox.runner import container_options
from worker.gpu_slots import NoGpuFree, busy_slots, gpu_slot, lock_path

MIG = "MIG-GPU-5c3b2a10-1111-2222-3333-444455556666/3/0"
PLAN = {
    "steps": [
        {"kind": "call", "id": "s", "module": "solution", "function": "f", "timeout_seconds": 1}
    ]
}


def test_each_holder_gets_its_own_slot_and_a_third_waits_then_gives_up(tmp_path):
    with gpu_slot(["0", MIG], lock_dir=tmp_path) as first:
        with gpu_slot(["0", MIG], lock_dir=tmp_path) as second:
            assert (first, second) == ("0", MIG)
            assert busy_slots(["0", MIG], lock_dir=tmp_path) == ["0", MIG]
            with pytest.raises(NoGpuFree, match="2 GPU slot"):
                with gpu_slot(["0", MIG], lock_dir=tmp_path, wait_seconds=0.3, poll_seconds=0.05):
                    pass
        with gpu_slot(["0", MIG], lock_dir=tmp_path) as again:
            assert again == MIG  # the freed one
    assert busy_slots(["0", MIG], lock_dir=tmp_path) == []


def test_a_waiting_job_takes_the_slot_as_soon_as_it_is_freed(tmp_path):
    got = []

    def later():
        with gpu_slot(["0"], lock_dir=tmp_path, wait_seconds=5, poll_seconds=0.05) as gpu_id:
            got.append((gpu_id, time.monotonic()))

    with gpu_slot(["0"], lock_dir=tmp_path):
        waiter = threading.Thread(target=later)
        waiter.start()
        time.sleep(0.3)
        assert got == []  # never two jobs on one device
        freed = time.monotonic()
    waiter.join(5)
    assert got and got[0][0] == "0" and got[0][1] >= freed


def test_a_killed_worker_leaves_no_slot_taken(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from worker.gpu_slots import gpu_slot\n"
            f"with gpu_slot(['0'], lock_dir=Path({str(tmp_path)!r})):\n"
            "    print('held', flush=True); time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    assert busy_slots(["0"], lock_dir=tmp_path) == ["0"]
    holder.kill()  # SIGKILL: no finally block runs, the kernel drops the lock
    holder.wait(10)
    with gpu_slot(["0"], lock_dir=tmp_path, wait_seconds=1) as gpu_id:
        assert gpu_id == "0"


def test_a_mig_uuid_makes_a_plain_lock_file_name(tmp_path):
    assert lock_path(tmp_path, MIG).name == "MIG-GPU-5c3b2a10-1111-2222-3333-444455556666_3_0.lock"
    assert lock_path(tmp_path, MIG).parent == tmp_path


def test_a_worker_without_gpus_refuses_gpu_jobs_as_unavailable(tmp_path):
    with pytest.raises(SandboxUnavailable, match="SANDBOX_GPU_IDS"):
        with gpu_slot([], lock_dir=tmp_path):
            pass


@pytest.fixture
def packages(settings):
    from curriculum.content.exercise_packages import find_package

    cpu = find_package(settings.CONTENT_DIR / "exercises", "matmul-from-scratch")
    gpu = find_package(settings.CONTENT_DIR / "exercises", "mnist-mlp-gpu")
    return cpu, gpu


def test_the_worker_runs_a_gpu_job_on_one_free_slot_and_holds_it_for_the_run(
    settings, monkeypatch, tmp_path, packages
):
    from worker import job_spec, sandbox_jobs

    settings.SANDBOX_GPU_IDS = ["0", "1"]
    settings.SANDBOX_GPU_LOCK_DIR = str(tmp_path)
    settings.SANDBOX_POOL_SIZE = 2  # the pool serves CPU jobs only
    images = []
    monkeypatch.setattr(
        job_spec, "sandbox_image", lambda device="cpu": images.append(device) or f"img-{device}"
    )
    seen = []

    def run_job(job):
        seen.append((job, busy_slots(["0", "1"], lock_dir=tmp_path)))
        return job

    pooled = []
    monkeypatch.setattr(sandbox_jobs, "run_job", run_job)
    monkeypatch.setattr(sandbox_jobs.warm_pool, "run", lambda job, package: pooled.append(job))
    cpu, gpu = packages
    with gpu_slot(["0"], lock_dir=tmp_path):  # another job holds device 0
        sandbox_jobs.run_files(gpu, {"solution.py": "x = 1"}, plan=PLAN, seed=1, labels={})
    sandbox_jobs.run_files(cpu, {"solution.py": "x = 1"}, plan=PLAN, seed=1, labels={})
    ((job, busy),) = seen
    assert job.device == "gpu" and job.gpu_ids == ("1",) and busy == ["0", "1"]
    assert job.image == "img-gpu"
    options = container_options(job, deadline=0)
    assert options["device_requests"][0]["DeviceIDs"] == ["1"]
    assert options["environment"]["NVIDIA_VISIBLE_DEVICES"] == "1"
    assert options["environment"]["CUDA_VISIBLE_DEVICES"] == "0"
    (cpu_job,) = pooled
    assert cpu_job.device == "cpu" and cpu_job.gpu_ids is None
    assert "device_requests" not in container_options(cpu_job, deadline=0)
    assert busy_slots(["0", "1"], lock_dir=tmp_path) == []  # released after the run


def test_a_gpu_job_is_never_built_without_a_slot_and_a_cpu_job_never_with_one(packages):
    from worker.job_spec import build_job

    cpu, gpu = packages
    with pytest.raises(ValueError, match="needs a GPU slot"):
        build_job(gpu, {"solution.py": "x = 1"}, plan=PLAN, seed=1, labels={})
    job = build_job(cpu, {"solution.py": "x = 1"}, plan=PLAN, seed=1, labels={}, gpu_id="0")
    assert job.gpu_ids is None and "device_requests" not in container_options(job, deadline=0)


def test_the_warm_pool_never_warms_a_gpu_shape(db, settings, monkeypatch, packages):
    from worker import warm_pool

    settings.SANDBOX_GPU_IDS = ["0"]
    warmed = []

    class Pool:
        def warm(self, shapes):
            warmed.extend(shapes)

    monkeypatch.setattr(warm_pool, "get", lambda: Pool())
    monkeypatch.setattr(warm_pool, "connect", lambda: None)
    monkeypatch.setattr(warm_pool, "remove_orphans", lambda client: 0)
    monkeypatch.setattr(warm_pool, "sandbox_image", lambda device="cpu": "img")
    warm_pool.start()
    assert warmed and all(s.device == "cpu" and s.gpu_ids is None for s in warmed)


def test_a_gpu_package_without_a_smoke_section_still_checks_on_the_cpu(packages):
    _, gpu = packages
    bare = dataclasses.replace(gpu, spec={k: v for k, v in gpu.spec.items() if k != "cpu_smoke"})
    smoke = bare.cpu_smoke()
    assert smoke.device == "cpu" and smoke.is_cpu_smoke and smoke.hash != gpu.hash
