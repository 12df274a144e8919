# Each call takes 1.2 s (2.4 s in all against the resource check's 1.5 s), and every clock the
# learner process can read is patched to stand still. The per-step seconds used to be measured
# inside this process with time.perf_counter, so the check saw 0 s and passed; they are now
# measured by the supervisor, which this code cannot touch.
import time

_real_sleep = time.sleep
for name in ("perf_counter", "monotonic", "time", "process_time", "thread_time"):
    setattr(time, name, lambda: 0.0)
for name in ("perf_counter_ns", "monotonic_ns", "time_ns", "process_time_ns", "thread_time_ns"):
    setattr(time, name, lambda: 0)


def solve(a, b):
    _real_sleep(1.2)
    return a + b
