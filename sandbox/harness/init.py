"""PID 1 of every sandbox container: runs the command it is given and reaps orphans.

Docker's own init (docker-init, `init=True`) runs as the learner's uid and stays dumpable, so
learner code could trace it or write its code through ``/proc/1/mem``, and PID 1 is the one
process the supervisor's ``kill(-1)`` spares: a learner process living on in it would outlast
every run-end kill. This init makes itself non-dumpable before anything else runs (as the
supervisor does), so the kernel refuses same-uid ptrace and ``/proc/1/{mem,fd,environ}``;
the seccomp profile (``sandbox/seccomp.py``) denies ptrace as well.

Signals: PID 1 receives only the signals it has asked for, and this one asks for them all
(blocked, read with ``sigwaitinfo``): from outside the container (the engine's ``kill``; the
sender has no pid in the container, ``si_pid == 0``) they are passed on to the command, as
docker-init does; from a learner process (any other ``si_pid``) they are dropped. When the
command's process exits, this exits with its status (128 + N for a signal, like docker-init)
and the kernel kills what is left in the container.

Run as ``python3 -I -S -B /opt/backprop/backprop_harness/init.py <command...>``: standard
library only, no ``site``, nothing from ``/work``.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_DUMPABLE = 4
POLL_CODES = range(1, 7)  # POLL_IN .. POLL_HUP: a signal raised by the kernel for an fd's owner
# The exit status when a signal from outside ended the command. sandbox.runner reads it; it is
# not 128 + N for any signal, nor a status the supervisor uses.
STOPPED_FROM_OUTSIDE = 251


FORWARDED = frozenset(
    {
        signal.SIGTERM,
        signal.SIGINT,
        signal.SIGHUP,
        signal.SIGQUIT,
        signal.SIGUSR1,
        signal.SIGUSR2,
        signal.SIGWINCH,
    }
)
WAITED = FORWARDED | {signal.SIGCHLD}


def main(argv: list[str]) -> int:
    if not argv:
        print("backprop init: no command", file=sys.stderr)
        return 64
    if ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        print("backprop init: cannot make itself non-dumpable", file=sys.stderr)
        return 70
    before = signal.pthread_sigmask(signal.SIG_BLOCK, WAITED)
    command = os.fork()
    if command == 0:
        try:
            # The command starts as under docker-init: nothing blocked, nothing ignored.
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
            for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT):
                signal.signal(sig, signal.SIG_DFL)
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    forwarded = False
    while True:
        code = _reap(command)
        if code is not None:
            return STOPPED_FROM_OUTSIDE if forwarded and code > 128 else code
        info = signal.sigwaitinfo(WAITED)
        if info.si_signo != signal.SIGCHLD and _from_outside(info):
            try:
                os.kill(command, info.si_signo)
                forwarded = True
            except ProcessLookupError:
                pass


def _from_outside(info) -> bool:
    """Sent by the engine: no pid in this container, and not an fd's F_SETSIG signal."""
    return info.si_pid == 0 and info.si_code not in POLL_CODES


def _reap(command: int) -> int | None:
    """Reap every exited child; the command's exit code once it has exited, else None."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return 0
        if pid == 0:
            return None
        if pid == command:
            code = os.waitstatus_to_exitcode(status)
            return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
