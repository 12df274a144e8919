# Stop the supervisor (our parent), leave a detached grandchild that resumes it once this
# process has ended, and take longer than the step's timeout. Resumed, the supervisor finds
# every outcome waiting in its pipe and the learner already finished; it used to accept them
# all (`passed`, exit reason ok). It now judges each outcome against its own clock when it
# accepts it: the first call is past its 3 s, so it is a timeout and the second is skipped.
import os
import signal
import time

SUPERVISOR = os.getppid()
LEARNER = os.getpid()
stopped = []


def _resume_once_the_learner_has_ended():
    middle = os.fork()
    if middle:
        os.waitpid(middle, 0)
        return
    os.setsid()
    if os.fork():
        os._exit(0)
    while True:  # the grandchild, detached: wait until the learner is a zombie (or gone)
        try:
            with open(f"/proc/{LEARNER}/stat") as handle:
                state = handle.read().rpartition(")")[2].split()[0]
        except (OSError, IndexError):
            break
        if state in ("Z", "X"):
            break
        time.sleep(0.05)
    os.kill(SUPERVISOR, signal.SIGCONT)
    os._exit(0)


def solve(a, b):
    if not stopped:
        stopped.append(True)
        time.sleep(0.5)  # the supervisor has read the import step's outcome by now
        _resume_once_the_learner_has_ended()
        os.kill(SUPERVISOR, signal.SIGSTOP)
        time.sleep(2.9)
    else:
        time.sleep(3.4)
    print("both calls took 3.4 s against a 3 s step timeout")
    return a + b
