"""Fill /dev/shm, the writable tmpfs Docker adds (64 MiB, millions of inodes under runc),
first with bytes, then with empty files. Both must stop at the budget's share of it."""

import errno
import os

SHM = "/dev/shm"
CHUNK = b"\0" * (1 << 20)
MAX_MB = 64
# 1000 is far above the 63 files runc allows and keeps gVisor (whose tmpfs ignores
# nr_inodes) well inside the 3 s a call may take on a loaded machine.
MAX_FILES = 1000
_DONE = []


def _fill_bytes():
    written = 0
    try:
        with open(f"{SHM}/blob", "wb") as handle:
            while written < MAX_MB:
                handle.write(CHUNK)
                handle.flush()
                written += 1
    except OSError as error:
        return f"stopped at {written} MiB ({errno.errorcode[error.errno]})"
    finally:
        if os.path.exists(f"{SHM}/blob"):
            os.unlink(f"{SHM}/blob")
    return f"not stopped ({written} MiB)"


def _fill_inodes():
    made = 0
    try:
        while made < MAX_FILES:
            open(f"{SHM}/f{made}", "w").close()
            made += 1
    except OSError as error:
        return f"stopped at {made} files ({errno.errorcode[error.errno]})"
    finally:
        for index in range(made):
            os.unlink(f"{SHM}/f{index}")
    return f"not stopped ({made} files)"


def solve(a, b):
    if not _DONE:  # once per process: the second call is the plain sum
        _DONE.append(True)
        print("shm bytes:", _fill_bytes())
        print("shm files:", _fill_inodes())
    return a + b
