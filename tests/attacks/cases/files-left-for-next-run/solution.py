import os


def solve(a, b):
    left = [p for p in ("/work/leftover.txt", "/tmp/leftover.txt") if os.path.exists(p)]
    print("leftover:", ",".join(left) or "absent")
    return a + b
