"""Hand a submission to the grading workers by task name (the web apps never import worker).

A broker outage must not lose the submission: the row stays `queued` and the periodic
sweep enqueues it again once the broker answers.
"""

import logging

from celery import current_app

from submissions.models import Submission

log = logging.getLogger(__name__)

GRADE_TASK = "worker.tasks.grade_submission"


def enqueue(submission: Submission) -> bool:
    """Publish the grading task; False (and a log line) when the broker is unreachable."""
    try:
        current_app.send_task(
            GRADE_TASK,
            args=[submission.pk],
            queue=submission.graded_exercise.queue,
            retry=True,
            retry_policy={"max_retries": 1, "interval_start": 0.2, "interval_step": 0.5},
        )
    except Exception:  # the broker's errors vary by transport; all mean "try later"
        log.warning("broker unavailable; submission %s stays queued for the sweep", submission.pk)
        return False
    return True
