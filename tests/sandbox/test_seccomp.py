"""Our seccomp profile, read without an engine (case[seccomp-kernel-surfaces] runs it)."""

import errno
import json

from sandbox import seccomp


def allowed(profile):
    """Every (name, args) the profile allows, args as a tuple of (op, value)."""
    return {
        (name, tuple((a["op"], a["value"]) for a in rule.get("args") or []))
        for rule in profile["syscalls"]
        if rule["action"] == "SCMP_ACT_ALLOW"
        for name in rule["names"]
    }


def test_it_is_the_moby_default_less_io_uring_ptrace_socketcall_and_vsock():
    default, ours = seccomp.moby_default(), seccomp.build(seccomp.moby_default())
    removed = {(n, a) for n, a in allowed(default) - allowed(ours)}
    assert {name for name, _ in removed} == {
        "io_uring_setup",
        "io_uring_enter",
        "io_uring_register",
        "ptrace",
        "socket",
        "socketcall",
    }
    added = allowed(ours) - allowed(default)
    assert added == {("socket", (("SCMP_CMP_LT", 40),))} | {
        ("socket", (("SCMP_CMP_EQ", family),)) for family in range(41, 46)
    }
    assert ours["defaultAction"] == default["defaultAction"] == "SCMP_ACT_ERRNO"


def test_nothing_allows_the_removed_calls_and_they_have_explicit_denials():
    ours = seccomp.build(seccomp.moby_default())
    for name, args in allowed(ours):
        assert name not in {"io_uring_setup", "io_uring_enter", "io_uring_register", "ptrace"}
        assert name != "socketcall"
        if name == "socket":  # below AF_VSOCK (40), or one of the families above it
            assert args in {(("SCMP_CMP_LT", 40),)} | {(("SCMP_CMP_EQ", f),) for f in range(41, 46)}
    denials = {
        name: rule["errnoRet"]
        for rule in ours["syscalls"]
        if rule["action"] == "SCMP_ACT_ERRNO" and not rule.get("args")
        for name in rule["names"]
    }
    assert denials["io_uring_setup"] == denials["io_uring_register"] == errno.ENOSYS
    assert denials["ptrace"] == errno.EPERM


def test_only_the_native_abi_is_allowed():
    """No 32-bit sub-architecture: i386's socketcall would carry socket(AF_VSOCK) past."""
    ours = seccomp.build(seccomp.moby_default())
    assert ours["archMap"] and all(arch["subArchitectures"] == [] for arch in ours["archMap"])


def test_the_engine_gets_it_inline_in_security_opt():
    option = seccomp.security_opt()
    assert option.startswith("seccomp=")
    assert json.loads(option.removeprefix("seccomp=")) == seccomp.build(seccomp.moby_default())
