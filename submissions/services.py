"""Writes that span models, as keyword-only functions (HackSoft style)."""

import re
import secrets

from django.db import transaction
from django.utils import timezone

from curriculum.models import Exercise
from notifications.models import Notification
from notifications.services import notification_send
from submissions import grading_queue, uploads
from submissions.limits import MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, over_limit
from submissions.models import Status, Submission


class SubmissionRejected(ValueError):
    """Input we will not grade; the message is shown to the learner as is."""


SAFE_NAME = re.compile(r"^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9_.\-]*(/[A-Za-z0-9_][A-Za-z0-9_.\-]*)*$")


def check_file_name(name: str) -> None:
    """Relative, forward slashes, no `..`: the same names the sandbox accepts, refused early."""
    if not SAFE_NAME.match(name or "") or len(name) > 200:
        raise SubmissionRejected(
            f"The file name {name!r} is not allowed: use letters, digits, '_', '-' and '.', "
            "with '/' between folders (no '..', no leading '/')."
        )


def validate_files(files: dict[str, str]) -> None:
    if not files:
        raise SubmissionRejected("Nothing to grade: the submission has no files.")
    if len(files) > MAX_FILES:
        raise SubmissionRejected(f"Too many files ({len(files)}); the limit is {MAX_FILES}.")
    total = 0
    for name, text in files.items():
        check_file_name(name)
        size = len(text.encode("utf-8"))
        total += size
        if size > MAX_FILE_BYTES:
            shown, limit = over_limit(size, MAX_FILE_BYTES)
            raise SubmissionRejected(f"{name} is {shown}; a source file may be at most {limit}.")
    if total > MAX_TOTAL_BYTES:
        shown, limit = over_limit(total, MAX_TOTAL_BYTES)
        raise SubmissionRejected(
            f"The files add up to {shown}; together they may be at most {limit}."
        )
    if not any(text.strip() for text in files.values()):
        raise SubmissionRejected("The code is empty. Write your solution, then submit.")


@transaction.atomic
def submission_create(*, user, exercise: Exercise, files: dict[str, str]) -> Submission:
    """Write the row first (status queued), enqueue only after the commit."""
    validate_files(files)
    submission = Submission.objects.create(
        user=user,
        exercise=exercise,
        files=files,
        seed=secrets.randbelow(2**31),
        package_hash=exercise.package_hash,
        enqueued_at=timezone.now(),
    )
    transaction.on_commit(lambda: grading_queue.enqueue(submission))
    return submission


@transaction.atomic
def submission_upload(
    *, user, exercise: Exercise, filename: str, data: bytes, size: int | None = None
) -> Submission:
    """An uploaded .py, .zip or .ipynb, parsed (submissions.uploads) then submitted like typed code.

    `size` is the file's real size when `data` holds only its first bytes.
    """
    try:
        parsed = uploads.parse_upload(filename, data, entrypoint=exercise.entrypoint, size=size)
    except uploads.UploadRejected as rejected:
        raise SubmissionRejected(str(rejected)) from None
    return submission_create(user=user, exercise=exercise, files=parsed.files)


def submission_graded_notify(*, submission: Submission) -> Notification:
    """Called by the worker once a submission reached its terminal status."""
    submission.refresh_from_db(fields=["status", "score"])
    verdicts: dict[str, str] = {
        Status.PASSED: "passed",
        Status.FAILED: "did not pass yet",
        Status.TIMED_OUT: "timed out",
        Status.REJECTED: "was not graded",
    }
    verdict = verdicts.get(submission.status, "ended with an error")
    score = f" (score {submission.score:.2f})" if submission.score is not None else ""
    text = f"Attempt #{submission.pk} at {submission.exercise.title} {verdict}{score}."
    return notification_send(
        user=submission.user,
        kind=Notification.Kind.GRADED,
        text=text,
        url=submission.get_absolute_url(),
    )
