"""The hardening options, read without an engine."""

from sandbox_helpers import call_job

from sandbox.limits import DEFAULTS
from sandbox.runner import container_options, work_space


def options(**fields):
    return container_options(call_job("img", "def solve(): pass\n", **fields), deadline=1234.0)


def test_every_default_from_the_design_is_set():
    o = options(limits={"memory_mb": 512, "pids": 64, "cpus": 0.5})
    assert o["network_mode"] == "none" and o["read_only"] and not o["privileged"]
    assert o["user"] == "10001:10001" and o["cap_drop"] == ["ALL"]
    assert o["security_opt"][0] == "no-new-privileges" and o["init"] is False
    assert o["security_opt"][1].startswith("seccomp={")  # ours, see test_seccomp.py
    assert o["entrypoint"][-1] == "/opt/backprop/backprop_harness/init.py"
    assert o["mem_limit"] == o["memswap_limit"] == "512m"
    assert o["pids_limit"] == 64 and o["nano_cpus"] == 500_000_000
    assert o["environment"] == {"NVIDIA_VISIBLE_DEVICES": "void", "CUDA_VISIBLE_DEVICES": ""}
    assert "volumes" not in o
    # /work and /dev/shm share tmpfs_mb and tmpfs_inodes: 192 + 64 MiB, 3584 + 512 inodes.
    assert "size=192m" in o["tmpfs"]["/work"] and "nr_inodes=3584" in o["tmpfs"]["/work"]
    assert "size=64m" in o["tmpfs"]["/dev/shm"] and "nr_inodes=512" in o["tmpfs"]["/dev/shm"]
    assert set(o["tmpfs"]) == {"/work", "/tmp", "/dev/shm"}
    assert all("noexec" in flags and "nosuid" in flags for flags in o["tmpfs"].values())
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


def test_under_gvisor_the_learner_budget_is_counted_inside_it_and_the_host_limit_is_a_backstop():
    # The sentry's own host threads count against the pids cgroup, and it dies without one.
    gvisor = options(runtime="runsc", limits={"pids": 64})
    assert {"Name": "nproc", "Soft": 64, "Hard": 64} in gvisor["ulimits"]
    assert gvisor["pids_limit"] > 64 * 8
    # Under runc nproc would count every uid-10001 process on the host: never set there.
    assert all(u["Name"] != "nproc" for u in options(limits={"pids": 64})["ulimits"])


def test_dev_shm_is_sized_and_inode_capped_inside_the_work_space_budget():
    for tmpfs_mb, inodes in ((8, 64), (32, 512), (256, 4096), (8192, 1_000_000)):
        space = work_space(DEFAULTS.with_overrides({"tmpfs_mb": tmpfs_mb, "tmpfs_inodes": inodes}))
        assert sum(mb for mb, _ in space.values()) == tmpfs_mb
        assert sum(count for _, count in space.values()) == inodes
        shm_mb, shm_inodes = space["/dev/shm"]
        assert 1 <= shm_mb <= 64 and 8 <= shm_inodes <= 512
        assert space["/work"][0] >= tmpfs_mb * 3 // 4  # job files (at most half) still fit
    flags = options(limits={"tmpfs_mb": 32, "tmpfs_inodes": 512})["tmpfs"]["/dev/shm"]
    assert "size=8m" in flags and "nr_inodes=64" in flags
