"""The in-container harness: runs learner code under a supervisor and signs what happened.

Copied into the sandbox image as ``/opt/backprop/backprop_harness`` and started as
``python3 -I -B -m backprop_harness``. On the host it is importable as
``sandbox.harness`` so that ``codec`` and ``frame`` are shared by both sides.
Only the standard library is required; numpy is used when present.
"""
