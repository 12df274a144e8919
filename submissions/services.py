"""Writes that span models, as keyword-only functions (HackSoft style)."""

import math
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from curriculum.models import Exercise
from notifications.models import Notification
from notifications.services import notification_send
from submissions import grading_queue, uploads
from submissions.limits import (
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_TOTAL_BYTES,
    PERIOD_NAMES,
    over_limit,
    parse_rate,
    wait_text,
)
from submissions.models import Status, Submission


class SubmissionRejected(ValueError):
    """Input we will not grade; the message is shown to the learner as is."""


class SubmissionThrottled(SubmissionRejected):
    """Over the learner's submission rate or queue cap: nothing was stored; retry later.

    A SubmissionRejected too, so a route that does not know it still refuses cleanly; the
    routes answer 429 with `Retry-After: retry_after` (seconds).
    """

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


# A full queue frees itself as grading finishes, usually within seconds; ask again soon.
PENDING_RETRY_SECONDS = 10


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


def check_submission_limits(user) -> None:
    """Raise SubmissionThrottled when `user` may not submit now (settings SUBMISSION_RATE and
    SUBMISSION_MAX_PENDING), counted from the stored rows, so every route and process agrees.

    Call inside the transaction that stores the row: it locks the user's row first, so two
    submits at once are counted one after the other, never both under the cap.
    """
    get_user_model().objects.select_for_update(no_key=True).filter(pk=user.pk).exists()
    now = timezone.now()
    mine = Submission.objects.for_user(user)
    cap = settings.SUBMISSION_MAX_PENDING
    # Not terminal: queued, running, or an error the platform will retry (Submission.is_terminal).
    pending = mine.filter(
        Q(status__in=[Status.QUEUED, Status.RUNNING])
        | Q(status=Status.ERROR, retry_at__isnull=False)
    ).count()
    if pending >= cap:
        raise SubmissionThrottled(
            f"You have {pending} submission{'s' if pending != 1 else ''} waiting to be graded, "
            f"the most that can wait at once ({cap}). Submit again when "
            f"{'one of them has its' if pending != 1 else 'it has its'} result.",
            retry_after=PENDING_RETRY_SECONDS,
        )
    count, seconds = parse_rate(settings.SUBMISSION_RATE)
    recent = list(
        mine.filter(created_at__gt=now - timedelta(seconds=seconds))
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    if len(recent) >= count:
        # The moment enough of the window's oldest submissions have aged out of it.
        frees_at = recent[len(recent) - count] + timedelta(seconds=seconds)
        wait = max(1, math.ceil((frees_at - now).total_seconds()))
        period = PERIOD_NAMES.get(seconds, f"{seconds} seconds")
        raise SubmissionThrottled(
            f"You have reached the limit of {count} submissions per {period}. "
            f"Try again in {wait_text(wait)}.",
            retry_after=wait,
        )


@transaction.atomic
def submission_create(*, user, exercise: Exercise, files: dict[str, str]) -> Submission:
    """Write the row first (status queued), enqueue only after the commit.

    Refused, with nothing stored, when the files are not gradable (SubmissionRejected) or the
    learner is over the submission limits (SubmissionThrottled).
    """
    validate_files(files)
    check_submission_limits(user)
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

    `size` is the file's real size when `data` holds only its first bytes. The limits are
    checked before the upload is parsed, so a refused upload costs no unzipping.
    """
    check_submission_limits(user)
    try:
        parsed = uploads.parse_upload(filename, data, entrypoint=exercise.entrypoint, size=size)
    except uploads.UploadRejected as rejected:
        raise SubmissionRejected(str(rejected)) from None
    return submission_create(user=user, exercise=exercise, files=parsed.files)


def submission_graded_notify(*, submission: Submission) -> Notification:
    """Called by the worker once a submission reached its terminal status; `submission` is the
    instance `worker.lifecycle.finish` updated, so its status and score are the stored ones."""
    verdicts: dict[str, str] = {
        Status.PASSED: "passed",
        Status.FAILED: "did not pass yet",
        Status.TIMED_OUT: "timed out",
        Status.REJECTED: "was not graded",
    }
    verdict = verdicts.get(submission.status, "ended with an error")
    score = f" (score {submission.score:.2f})" if submission.score is not None else ""
    text = f"Attempt #{submission.pk} at {submission.task_title} {verdict}{score}."
    return notification_send(
        user=submission.user,
        kind=Notification.Kind.GRADED,
        text=text,
        url=submission.get_absolute_url(),
    )
