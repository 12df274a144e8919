def solve(a, b):
    return 0
