"""GPU placement without a GPU: ids, the container's variables and device request, the harness's
own copy of the variables, the memory cap and its message, and what a GPU run reports."""

import os
import sys
import textwrap
import types

import pytest
from sandbox_helpers import call_job

from sandbox import gpu
from sandbox.direct import run_direct
from sandbox.harness import child
from sandbox.harness import gpu as harness_gpu
from sandbox.job import Job
from sandbox.result import exit_reason_for
from sandbox.runner import container_options

MIG = "MIG-4f1d6e3a-93b2-5c6e-8a8d-0e9d3c2b1a00"
LEGACY_MIG = "MIG-GPU-5c3b2a10-1111-2222-3333-444455556666/3/0"
GPU_UUID = "GPU-5c3b2a10-1111-2222-3333-444455556666"


def test_device_indexes_gpu_uuids_and_mig_uuids_are_slots():
    assert gpu.parse_gpu_ids("0, 1,") == ("0", "1")
    assert gpu.parse_gpu_ids([MIG, LEGACY_MIG, GPU_UUID]) == (MIG, LEGACY_MIG, GPU_UUID)
    assert [gpu.kind_of(i) for i in ("7", MIG, LEGACY_MIG, GPU_UUID)] == [
        "index",
        "mig",
        "mig",
        "gpu",
    ]
    assert gpu.parse_gpu_ids("") == () and gpu.parse_gpu_ids(None) == ()


@pytest.mark.parametrize("bad", ["all", "-1", "01", "MIG-nope", "GPU-1", "0;rm -rf", "1 2"])
def test_anything_else_is_refused_with_what_is_accepted(bad):
    with pytest.raises(ValueError, match="device indexes"):
        gpu.parse_gpu_ids(bad)


def test_a_slot_named_twice_is_refused():
    with pytest.raises(ValueError, match="more than once"):
        gpu.parse_gpu_ids("0,1,0")


def test_a_gpu_container_requests_only_its_slot_and_we_set_its_variables():
    options = container_options(call_job("img", "x = 1\n", device="gpu", gpu_ids=(MIG,)), 0)
    (request,) = options["device_requests"]
    assert request["DeviceIDs"] == [MIG] and request.get("Count") in (None, 0)
    assert options["environment"] == {
        "NVIDIA_VISIBLE_DEVICES": MIG,
        "CUDA_VISIBLE_DEVICES": "0",  # the one device the container sees
        "NVIDIA_DRIVER_CAPABILITIES": "compute,utility",
    }


def test_a_cpu_job_never_gets_a_device_even_on_an_nvidia_default_runtime():
    options = container_options(call_job("img", "x = 1\n"), 0)
    assert "device_requests" not in options
    assert options["environment"] == {"NVIDIA_VISIBLE_DEVICES": "void", "CUDA_VISIBLE_DEVICES": ""}
    with pytest.raises(ValueError, match="never gets a GPU"):
        call_job("img", "x = 1\n", gpu_ids=("0",))


def test_the_harness_is_told_the_variables_and_the_cap(monkeypatch):
    import json

    job = call_job("img", "x = 1\n", device="gpu", gpu_ids=("1",), limits={"gpu_memory_mb": 512})
    plan = json.loads(job.harness_input())["plan"]
    assert plan["gpu"] == {
        "device": "gpu",
        "environment": {"NVIDIA_VISIBLE_DEVICES": "1", "CUDA_VISIBLE_DEVICES": "0"},
        "memory_mb": 512,
    }
    cpu = json.loads(call_job("img", "x = 1\n").harness_input())["plan"]["gpu"]
    assert cpu["environment"] == {"NVIDIA_VISIBLE_DEVICES": "void", "CUDA_VISIBLE_DEVICES": ""}
    assert cpu["memory_mb"] is None


def test_the_learner_process_gets_our_variables_whatever_it_inherited(monkeypatch):
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0,1,2,3")
    monkeypatch.setenv("NVIDIA_VISIBLE_DEVICES", "all")
    plan = {"gpu": gpu.harness_plan("gpu", gpu.container_environment("gpu", ("2",)), None)}
    harness_gpu.assert_environment(plan)
    assert (os.environ["CUDA_VISIBLE_DEVICES"], os.environ["NVIDIA_VISIBLE_DEVICES"]) == ("0", "2")
    harness_gpu.assert_environment({"gpu": gpu.harness_plan("cpu", gpu.CPU_ENVIRONMENT, None)})
    assert (
        os.environ["CUDA_VISIBLE_DEVICES"] == "" and os.environ["NVIDIA_VISIBLE_DEVICES"] == "void"
    )


class _FakeCuda:
    class OutOfMemoryError(RuntimeError):
        pass

    fraction = None

    @staticmethod
    def is_available():
        return True

    @staticmethod
    def get_device_properties(index):
        return types.SimpleNamespace(total_memory=8 * 2**30)

    @classmethod
    def set_per_process_memory_fraction(cls, fraction, device):
        cls.fraction = (fraction, device)


def test_the_memory_cap_is_a_fraction_of_the_device_and_oom_reads_as_the_cap(monkeypatch):
    torch = types.SimpleNamespace(cuda=_FakeCuda, version=types.SimpleNamespace(cuda="13.0"))
    monkeypatch.setitem(sys.modules, "torch", torch)
    monkeypatch.setattr(harness_gpu, "_state", {"memory_cap_bytes": None, "out_of_memory": False})
    harness_gpu.configure_torch(torch, {"gpu": {"device": "gpu", "memory_mb": 2048}})
    assert _FakeCuda.fraction == (0.25, 0)
    outcome = child._out_of_memory(_FakeCuda.OutOfMemoryError("CUDA out of memory. Tried 3 GiB"))
    assert outcome["status"] == "raised"
    assert outcome["exception"]["type"] == "OutOfMemoryError"
    message = outcome["exception"]["message"]
    assert "more GPU memory than this exercise allows (2048 MiB)" in message
    assert "Tried 3 GiB" in message
    assert harness_gpu.stopped_for_memory()
    assert harness_gpu.is_out_of_memory(_FakeCuda.OutOfMemoryError())
    assert not harness_gpu.is_out_of_memory(RuntimeError("other"))


def test_a_cpu_plan_never_caps_or_initialises_cuda():
    class Untouchable:
        def __getattr__(self, name):
            raise AssertionError(f"torch.cuda.{name} touched on a CPU job")

    harness_gpu.configure_torch(
        types.SimpleNamespace(cuda=Untouchable()), {"gpu": {"device": "cpu"}}
    )


def test_nvidia_smi_q_is_read_for_name_driver_and_cuda():
    text = textwrap.dedent(
        """
        ==============NVSMI LOG==============
        Driver Version                            : 580.65.06
        CUDA Version                              : 13.0
        Attached GPUs                             : 1
        GPU 00000000:17:00.0
            Product Name                          : NVIDIA H200
            GPU UUID                              : GPU-5c3b2a10-1111-2222-3333-444455556666
        """
    )
    assert harness_gpu.parse_smi(text) == {
        "name": "NVIDIA H200",
        "uuid": GPU_UUID,
        "driver_version": "580.65.06",
        "cuda_version": "13.0",
    }
    assert harness_gpu.parse_smi("") == dict.fromkeys(harness_gpu._SMI_FIELDS)


def test_gpu_facts_are_bounded_and_absent_for_a_cpu_run():
    assert gpu.gpu_facts(None) is None
    facts = gpu.gpu_facts(
        {
            "name": "x" * 999,
            "peak_memory_bytes": 10**20,
            "device_seconds": 1.5,
            "memory_cap_bytes": True,
            "out_of_memory": "yes",
            "source": "made up",
        }
    )
    assert len(facts["name"]) == 200 and facts["device_seconds"] == 1.5
    assert facts["peak_memory_bytes"] is None and facts["memory_cap_bytes"] is None
    assert facts["out_of_memory"] is False and facts["source"] is None


def test_an_over_budget_gpu_run_ends_as_memory():
    result = {"steps": [{"status": "raised"}], "gpu": {"out_of_memory": True}}
    assert exit_reason_for(result, oom_killed=False, timed_out=False) == "memory"
    assert exit_reason_for({"steps": []}, oom_killed=False, timed_out=False) == "ok"


# --- The real harness, run directly (sandbox.direct): no container, no torch, no GPU ---------

FAKE_TORCH = """
class _Cuda:
    class OutOfMemoryError(RuntimeError):
        pass

    @staticmethod
    def is_available():
        return False

    @staticmethod
    def is_initialized():
        return False


cuda = _Cuda
version = type("version", (), {"cuda": "13.0"})


def manual_seed(seed):
    return seed
"""


def _direct(source, *, device, steps=("grow", "after")):
    files = {"solution.py": textwrap.dedent(source).encode(), "torch.py": FAKE_TORCH.encode()}
    plan = {
        "steps": [
            {"kind": "call", "id": s, "module": "solution", "function": s, "timeout_seconds": 5}
            for s in steps
        ]
    }
    job = Job(image="direct", files=files, plan=plan, device=device)
    return run_direct(job, python=sys.executable)


OOM_SOURCE = """
    import os
    import torch

    def grow():
        raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 9.00 GiB")

    def after():
        return os.environ.get("CUDA_VISIBLE_DEVICES")
"""


def test_a_gpu_run_over_its_memory_ends_with_the_message_and_skips_the_rest():
    run = _direct(OOM_SOURCE, device="gpu")
    grow, after = run.steps
    assert grow["status"] == "raised" and grow["exception"]["type"] == "OutOfMemoryError"
    assert after["status"] == "skipped" and "GPU memory" in after["message"]
    assert run.exit_reason == "memory"
    assert run.gpu is not None and run.gpu["out_of_memory"] is True
    assert run.gpu["torch_cuda"] == "13.0" and run.gpu["device_seconds"] is not None
    assert "more GPU memory than the device has" in run.message


def test_a_cpu_run_records_no_gpu_section_and_sees_no_device(monkeypatch):
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0")  # the caller's: never the job's
    source = """
        import os
        import torch

        def grow():
            return torch.cuda.is_available()

        def after():
            return os.environ.get("CUDA_VISIBLE_DEVICES")
    """
    run = _direct(source, device="cpu")
    assert "gpu" not in run.result and run.gpu is None
    assert [s["status"] for s in run.steps] == ["ok", "ok"]
    assert run.steps[1]["value"] == ""  # no device visible to a CPU job
    assert run.exit_reason == "ok"
