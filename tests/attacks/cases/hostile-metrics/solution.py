"""Metrics the judge could not take: 10 ** 400 (OverflowError in float() of the curves), NaN,
a tagged form, and a raw line nested 1500 deep on the metrics pipe (RecursionError in the
supervisor's json.loads, which used to end the run as a harness crash)."""

import json
import os
import sys

import report


def _metrics_fd():
    frame = sys._getframe(1)
    while frame is not None and "metrics_fd" not in frame.f_locals:
        frame = frame.f_back
    return frame.f_locals["metrics_fd"]


def solve(a, b):
    report.log(step=0, loss=10**400)
    report.log(step=1, loss=float("nan"))
    fd = _metrics_fd()
    os.write(fd, b"[" * 1500 + b"]" * 1500 + b"\n")
    os.write(fd, json.dumps({"step": 2, "loss": {"__float__": "inf"}}).encode() + b"\n")
    os.write(fd, json.dumps({"step": 10**400, "loss": 1}).encode() + b"\n")
    report.log(step=3, loss=0.25)
    print("metrics: sent")
    return a + b
