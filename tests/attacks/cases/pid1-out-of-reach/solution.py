"""Reach PID 1, the one process the supervisor's kill(-1) spares: trace it, write its memory,
read its descriptors and environment, signal it. Each must fail, and PID 1 must live on."""

import ctypes
import os
import signal

libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.restype = ctypes.c_long
PTRACE_ATTACH, PTRACE_DETACH, PTRACE_SEIZE = 16, 17, 0x4206


def _ptrace(request):
    if libc.ptrace(ctypes.c_long(request), ctypes.c_long(1), None, None) == 0:
        libc.ptrace(ctypes.c_long(PTRACE_DETACH), ctypes.c_long(1), None, None)
        return "open"
    return "denied"


def _open(path, flags):
    try:
        os.close(os.open(path, flags))
        return "open"
    except OSError:
        return "denied"


def _listdir(path):
    try:
        os.listdir(path)
        return "open"
    except OSError:
        return "denied"


def _signals():
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGSTOP):
        try:
            os.kill(1, sig)
        except OSError:
            pass
    os.kill(1, 0)  # raises if PID 1 is gone (the container would be too)
    with open("/proc/1/stat") as stat:
        state = stat.read().rsplit(")", 1)[1].split()[0]
    return "alive" if state in "RS" else f"state-{state}"


def solve(a, b):
    seen = {
        "attach": _ptrace(PTRACE_ATTACH),
        "seize": _ptrace(PTRACE_SEIZE),
        "mem": _open("/proc/1/mem", os.O_RDWR),
        "fd": _listdir("/proc/1/fd"),
        "environ": _open("/proc/1/environ", os.O_RDONLY),
        "signals": _signals(),
    }
    print("pid1:", " ".join(f"{k}={v}" for k, v in seen.items()))
    return a + b
