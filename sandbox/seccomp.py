"""Our seccomp profile: Docker's default, less the kernel surfaces learner code never needs.

``seccomp_default.json`` is moby's default profile exactly as the engine we run ships it
(``profiles/seccomp/default.json`` of Debian's ``golang-github-docker-docker-dev``
20.10.24, the source package of ``docker.io``; Apache-2.0), kept unchanged so a refresh is a
plain copy: ``scripts/seccomp-default.sh``. Debian installs no such file for the engine, and
a profile passed in ``security_opt`` replaces the built-in default instead of adding to it,
so ours is built here, in code, from that copy:

* **io_uring** (``io_uring_setup``, ``io_uring_enter``, ``io_uring_register``): out of every
  allow rule and answered ``ENOSYS``, as on a kernel without it. Its submission queue runs
  socket, connect, open ... operations in the kernel without a system call that seccomp
  could filter.
* **AF_VSOCK**: ``socket`` is allowed only for address families below 40 (AF_VSOCK) and for
  41 to 45; the comparison covers the whole 64-bit register, so ``40 | 1 << 32`` (which the
  kernel truncates to 40) does not slip past. AF_VSOCK gets the default ``EPERM``. (libseccomp
  refuses a second, differently-acting rule on the same system call, so the denial cannot
  carry its own errno.)
* **ptrace**: out of every allow rule (moby allows it on kernels from 4.8) and answered
  ``EPERM``: no learner process traces PID 1, the supervisor or another learner process.
* **native ABI only**: the 32-bit sub-architectures (x86 and x32 beside x86-64, arm beside
  aarch64, ...) are dropped from ``archMap``, so a 32-bit system call (``int 0x80`` from
  code the learner maps executable) meets the filter's bad-architecture action and the
  process is killed with SIGSYS. Through i386's ``socketcall`` multiplexer, whose arguments
  seccomp cannot see, ``socket(AF_VSOCK)`` was otherwise still open. ``socketcall`` itself
  is dropped from the allow rules as well.

Everything else is moby's default, with its conditions on capabilities, architectures and
kernel versions, which the engine still resolves per container (we drop every capability).
gVisor (``runsc``) accepts the profile and does not apply it: it filters the sentry's own
system calls, and its own kernel has no AF_VSOCK, refuses ptrace of PID 1 and implements
io_uring itself (see docs/sandbox.md).
"""

from __future__ import annotations

import copy
import errno
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_PROFILE = Path(__file__).with_name("seccomp_default.json")
IO_URING = ("io_uring_setup", "io_uring_enter", "io_uring_register")
AF_VSOCK = 40
# Families above AF_VSOCK that the kernel knows (AF_KCM .. AF_MCTP; AF_MAX is 46 on 6.x).
FAMILIES_ABOVE_VSOCK = range(41, 46)
REMOVED = frozenset({*IO_URING, "ptrace", "socket", "socketcall"})


def _deny(names: list[str], code: int, comment: str) -> dict[str, Any]:
    return {"names": names, "action": "SCMP_ACT_ERRNO", "errnoRet": code, "comment": comment}


def _allow_socket(op: str, family: int) -> dict[str, Any]:
    return {
        "names": ["socket"],
        "action": "SCMP_ACT_ALLOW",
        "args": [{"index": 0, "value": family, "valueTwo": 0, "op": op}],
        "comment": "backprop: every address family but AF_VSOCK",
    }


ADDED: list[dict[str, Any]] = [
    _allow_socket("SCMP_CMP_LT", AF_VSOCK),
    *(_allow_socket("SCMP_CMP_EQ", family) for family in FAMILIES_ABOVE_VSOCK),
    _deny(list(IO_URING), errno.ENOSYS, "backprop: io_uring bypasses seccomp"),
    _deny(["ptrace"], errno.EPERM, "backprop: PID 1 and the supervisor stay out of reach"),
]


def moby_default() -> dict[str, Any]:
    return json.loads(DEFAULT_PROFILE.read_text())


def build(default: dict[str, Any]) -> dict[str, Any]:
    """Ours from a moby default profile (see the module docstring for what changes)."""
    profile = copy.deepcopy(default)
    for arch in profile.get("archMap", []):
        arch["subArchitectures"] = []
    rules = []
    for rule in profile["syscalls"]:
        if rule["action"] == "SCMP_ACT_ALLOW":
            rule["names"] = [name for name in rule["names"] if name not in REMOVED]
            if not rule["names"]:
                continue
        rules.append(rule)
    profile["syscalls"] = rules + copy.deepcopy(ADDED)
    _check(profile)
    return profile


def _check(profile: dict[str, Any]) -> None:
    """Refuse a profile in which a removed system call is still allowed unconditionally."""
    for rule in profile["syscalls"]:
        if rule["action"] != "SCMP_ACT_ALLOW":
            continue
        leaked = REMOVED.intersection(rule["names"])
        if leaked and not (leaked == {"socket"} and rule.get("args")):
            raise ValueError(f"seccomp profile still allows {sorted(leaked)}")
    if profile.get("defaultAction") != "SCMP_ACT_ERRNO":
        raise ValueError("seccomp profile must deny what it does not list")


@lru_cache(maxsize=1)
def profile_json() -> str:
    """The profile as the engine takes it in ``security_opt`` (``seccomp=<json>``)."""
    return json.dumps(build(moby_default()), separators=(",", ":"), sort_keys=True)


def security_opt() -> str:
    return "seccomp=" + profile_json()


if __name__ == "__main__":  # python -m sandbox.seccomp > profile.json: ours, for reading
    print(json.dumps(build(moby_default()), indent=2, sort_keys=True))
