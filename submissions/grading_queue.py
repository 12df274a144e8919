"""Hand a submission to the grading workers by task name (the web apps never import worker).

A broker outage must not lose the submission: the row stays `queued` and the periodic
sweep enqueues it again once the broker answers.
"""

import logging
import threading

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


def producer_warm() -> threading.Thread:
    """Ready this process's publishing in the background: the result backend, the broker
    connection and the grading queues. Left to the first submission, that cost it 70 ms
    (300 ms without .pyc files) between its row and its task reaching a worker, once per
    web process (and so the first submissions after each deploy). A broker that does not
    answer is left to `enqueue`, which retries it per submission."""

    def warm() -> None:
        app = current_app._get_current_object()
        try:
            app.backend  # noqa: B018 (a lazy property: its import is the cost)
            with app.producer_or_acquire() as producer:
                producer.connection.ensure_connection(max_retries=1)
                for queue in app.amqp.queues.values():
                    producer.maybe_declare(queue)
        except Exception:  # the broker's errors vary by transport; the first enqueue retries
            log.info("broker not reachable at start; the first submission connects")

    thread = threading.Thread(target=warm, name="broker-warm", daemon=True)
    thread.start()
    return thread
