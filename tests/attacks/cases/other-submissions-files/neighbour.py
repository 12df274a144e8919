# Another learner's submission, running at the same time in its own container.
import time


def solve():
    with open("/work/neighbour-canary.txt", "w") as handle:
        handle.write("NEIGHBOUR-CANARY-31d7")
    with open("/tmp/neighbour-canary.txt", "w") as handle:
        handle.write("NEIGHBOUR-CANARY-31d7")
    time.sleep(5)
    return "done"
