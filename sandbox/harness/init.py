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
library only, no ``site``, nothing from ``/work``. The command ``--harness`` runs the supervisor
in the forked process itself, as ``python3 -I -B -m backprop_harness`` would, without a second
interpreter's start (13 ms of every cold run). After the fork this process holds no stdio: its
0, 1 and 2 are ``/dev/null``, so the supervisor is the one writer of the container's stdout.
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
HARNESS = "--harness"


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
        status = 127
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
            if argv == [HARNESS]:  # Python's own signal dispositions, as a new python3 has
                status = _harness()
            else:  # the command starts as under docker-init: nothing blocked, nothing ignored
                for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT):
                    signal.signal(sig, signal.SIG_DFL)
                os.execvp(argv[0], argv)
        except BaseException:
            sys.excepthook(*sys.exc_info())  # on the container's stderr, for the host's log
        finally:
            sys.stderr.flush()
            os._exit(status)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
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


def _harness() -> int:
    """The supervisor, in this (forked) interpreter: the image's site directories, then its main.

    ``site.main()`` is what ``python3`` without ``-S`` runs at start: the image's ``.pth`` puts
    the libraries and ``backprop_harness`` on the path. This file's own folder comes off it."""
    import site

    del sys.path[0]
    site.main()
    from backprop_harness.supervisor import main as supervise

    return supervise()


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
    status = main(sys.argv[1:])
    sys.stderr.flush()
    os._exit(status)  # no interpreter teardown: the container, and the host's read, end sooner
