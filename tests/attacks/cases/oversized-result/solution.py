def solve(a, b):
    return "x" * (4 * 1024 * 1024)
