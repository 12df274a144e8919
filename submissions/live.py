"""What the live result says while a submission is graded: one short sentence, and a version.

The exercise and attempt pages keep one `role="status"` element whose text is this summary
(swapped out of band), so a screen reader hears "Failed, score 0.20 of 1.00", not the whole
report. The poll sends the version it shows; an unchanged one is answered 204 (no swap).
"""

from __future__ import annotations

from submissions.gpu_queue import gpu_queue_position
from submissions.models import Status, Submission

SUMMARY_CHARS = 200


def status_version(submission: Submission) -> str:
    """Changes whenever what the status fragment shows can change (status, a retry, a re-run)."""
    retry = int(submission.retry_at.timestamp()) if submission.retry_at else 0
    version = f"{submission.status}.{submission.attempts}.{retry}"
    position = gpu_queue_position(submission)  # a queued GPU submission moves up the queue
    return version if position is None else f"{version}.q{position}"


def status_summary(submission: Submission) -> str:
    if submission.status == Status.QUEUED:
        gpu = submission.exercise is not None and submission.exercise.device == "gpu"
        worker = "a GPU worker" if gpu else "a grading worker"
        return f"Attempt #{submission.pk} queued, waiting for {worker}."
    if submission.status == Status.RUNNING:
        return f"Attempt #{submission.pk} running in the sandbox."
    label = submission.get_status_display()
    if submission.score is not None:
        return f"{label}, score {submission.score:.2f} of 1.00."
    if submission.message:
        text = f"{label}: {submission.message}"
        return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"
    return f"{label}."
