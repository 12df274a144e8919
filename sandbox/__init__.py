"""Run untrusted code in a hardened container and report what happened. No Django here.

Public API: ``Job``, ``Limits``/``DEFAULTS``, ``run_job``, ``RunResult``,
``SandboxUnavailable``, ``reap`` and ``images.image_tag``.
"""

from .job import Job
from .limits import DEFAULTS, Limits
from .result import EXIT_REASONS, RunResult, SandboxUnavailable

__all__ = ["DEFAULTS", "EXIT_REASONS", "Job", "Limits", "RunResult", "SandboxUnavailable"]
