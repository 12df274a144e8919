# Correct, but each call takes 0.45 s (about 4 s over the nine cases, against the 2 s of
# within_time_limit), and every clock this process can read is patched to stand still. The
# per-call seconds used to be measured in the learner's own process with time.perf_counter, so
# the check saw 0 s and passed; the supervisor measures them now, on its own clock.
import time

_sleep = time.sleep
time.perf_counter = time.monotonic = time.time = time.process_time = lambda: 0.0
time.perf_counter_ns = time.monotonic_ns = time.time_ns = lambda: 0


def matmul(A, B):
    _sleep(0.45)
    n, k = len(A), len(A[0])
    if len(B) != k:
        raise ValueError(f"cannot multiply a {n}x{k} matrix by a {len(B)}x{len(B[0])} matrix")
    m = len(B[0])
    return [[sum(A[i][t] * B[t][j] for t in range(k)) for j in range(m)] for i in range(n)]
