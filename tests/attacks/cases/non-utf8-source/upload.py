# café: latin-1, not UTF-8
def solve(a, b):
    return a + b
