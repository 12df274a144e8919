"""Write hostile values on the learner process's own result channel, with the step's id.

The supervisor takes any outcome written there for the current step; the host used to crash
decoding these (ValueError for the file reference, RecursionError for 700 levels), which the
pipeline took for a fault of ours: five sandbox runs, then "We gave up after 5 tries".
"""

import json
import os
import sys

calls = []


def _forge(value):
    frame, step, fd = sys._getframe(1), None, None
    while frame is not None:  # the harness's frames: the current step and the result pipe
        step = step or frame.f_locals.get("step")
        fd = frame.f_locals.get("result_fd", fd)
        frame = frame.f_back
    line = {"id": step["id"], "status": "ok", "value": value}
    os.write(fd, json.dumps(line).encode() + b"\n")


def solve(a, b):
    calls.append(1)
    if len(calls) == 1:
        _forge({"__file__": "x"})
    else:
        _forge(json.loads("[" * 700 + "]" * 700))
    return a + b
