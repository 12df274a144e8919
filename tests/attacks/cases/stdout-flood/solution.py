import sys


def solve(a, b):
    line = "x" * 1023 + "\n"
    for _ in range(100 * 1024):  # 100 MB
        sys.stdout.write(line)
    return a + b
