import sys


def solve(a, b):
    line = "e" * 1023 + "\n"
    for _ in range(2 * 1024):  # 2 MB, 250 times the output cap
        sys.stderr.write(line)
    return a + b
