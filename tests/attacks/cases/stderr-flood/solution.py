import sys


def solve(a, b):
    line = "e" * 1023 + "\n"
    for _ in range(20 * 1024):  # 20 MB
        sys.stderr.write(line)
    return a + b
