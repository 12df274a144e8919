# Hide the memory in a grandchild: fork, setsid, fork again; the grandchild allocates 150 MiB,
# computes the answer and pipes it back. wait4 on the learner process never sees it (the peak RSS
# it reported was 30 MiB under runc, 70 MiB under gVisor); the peak is now read from the
# container's cgroup, which counts every process in it.
import os


def solve(a, b):
    read_end, write_end = os.pipe()
    middle = os.fork()
    if middle == 0:
        os.setsid()
        if os.fork() == 0:
            hoard = bytearray(150 * 1024 * 1024)  # zero-filled: every page is touched
            hoard[-1] = (a + b) % 256
            os.write(write_end, str(a + b + hoard[0]).encode())
            os._exit(0)
        os._exit(0)
    os.close(write_end)
    os.waitpid(middle, 0)
    answer = b""
    while chunk := os.read(read_end, 64):
        answer += chunk
    os.close(read_end)
    return int(answer)
