"""The hardening options, read without an engine."""

from sandbox_helpers import call_job

from sandbox.runner import container_options


def options(**fields):
    return container_options(call_job("img", "def solve(): pass\n", **fields), deadline=1234.0)


def test_every_default_from_the_design_is_set():
    o = options(limits={"memory_mb": 512, "pids": 64, "cpus": 0.5})
    assert o["network_mode"] == "none" and o["read_only"] and not o["privileged"]
    assert o["user"] == "10001:10001" and o["cap_drop"] == ["ALL"]
    assert o["security_opt"] == ["no-new-privileges"] and o["init"] is True
    assert o["mem_limit"] == o["memswap_limit"] == "512m"
    assert o["pids_limit"] == 64 and o["nano_cpus"] == 500_000_000
    assert o["environment"] == {} and "volumes" not in o
    assert "size=256m" in o["tmpfs"]["/work"] and "nr_inodes=4096" in o["tmpfs"]["/work"]
    assert o["labels"]["backprop.sandbox"] == "1" and o["labels"]["backprop.deadline"] == "1234"
    assert {u["Name"] for u in o["ulimits"]} == {"core", "nofile", "fsize"}


def test_cpu_jobs_never_get_a_device_request_and_gpu_jobs_do():
    assert "device_requests" not in options()
    gpu = options(device="gpu", gpu_ids=("1",))
    request = gpu["device_requests"][0]
    assert request["DeviceIDs"] == ["1"] and request["Capabilities"] == [["gpu"]]


def test_the_stronger_runtime_is_opt_in():
    assert "runtime" not in options()
    assert options(runtime="runsc")["runtime"] == "runsc"
