"""Reviews: a learner's request, the mentor's queue, claims, line comments, verdicts, sign-off.

A claim is a compare-and-set on the request (open → claimed, or an expired claim taken
over), so two mentors clicking "claim" at once cannot both win. A claim lasts
`REVIEW_CLAIM_MINUTES` until the mentor gives a verdict; after "changes requested" the
thread stays the mentor's and the learner's next attempt appears in it.

A thread is about one task: an exercise, or a project item (a submission with `unit_item`
set and no exercise, submissions.projects). Its attempts are the learner's submissions at
that task (`same_task`); a project's rubric comes from its content file and its approval
signs the project off (`learning.progress.unit_item_approve`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Count, Exists, Max, OuterRef, Q, QuerySet, When
from django.urls import reverse
from django.utils import timezone

from curriculum.models import Exercise, UnitExercise
from learning import progress
from mentoring.access import request_mentors, visible_requests
from mentoring.models import CommentBankEntry, LineComment, Review, ReviewRequest
from notifications.services import notification_send
from submissions.models import Submission

DEFAULT_RUBRIC = [("correctness", 4), ("code quality", 4), ("explanation", 4)]
CELL_MARK = re.compile(r"^# %% \[cell (\d+)\]")


class ReviewRefused(ValueError):
    """An action the learner or mentor cannot take now; the message says why."""


def claim_minutes() -> int:
    return int(getattr(settings, "REVIEW_CLAIM_MINUTES", 120))


# --- the learner's request -------------------------------------------------------------


def _task_key(submission: Submission) -> tuple:
    return (submission.user_id, submission.exercise_id, submission.unit_item_id)


def same_task(submission: Submission) -> Q:
    """The learner's submissions at the same exercise or the same project as `submission`."""
    return Q(
        user_id=submission.user_id,
        exercise_id=submission.exercise_id,
        unit_item_id=submission.unit_item_id,
    )


def _covers(thread: ReviewRequest, submission: Submission) -> bool:
    """An attempt is in a thread when it is the one asked about, or a later attempt at the same
    task made while the thread was open (what `thread_attempts` shows, up to the close)."""
    first = thread.submission
    if first.pk == submission.pk:
        return True
    if _task_key(first) != _task_key(submission):
        return False
    if submission.created_at < first.created_at:
        return False
    if thread.status != ReviewRequest.Status.CLOSED:
        return True
    review = getattr(thread, "review", None)
    return bool(review and review.decided_at and submission.created_at <= review.decided_at)


def threads_by_attempt(submissions) -> dict[int, list[ReviewRequest]]:
    """The review threads each attempt belongs to, oldest first, in one query for a whole list.

    Every attempt of one learner at one exercise after an unfinished request shows up in that
    thread, so the learner's pages link it there rather than offering a second request.
    """
    attempts = list(submissions)
    if not attempts:
        return {}
    exercises = {a.exercise_id for a in attempts if a.exercise_id}
    projects = {a.unit_item_id for a in attempts if a.unit_item_id}
    candidates = list(
        ReviewRequest.objects.filter(
            Q(submission__exercise_id__in=exercises) | Q(submission__unit_item_id__in=projects),
            submission__user_id__in={a.user_id for a in attempts},
            submission__created_at__lte=max(a.created_at for a in attempts),
        )
        .select_related("submission__exercise", "submission__unit_item", "review__mentor")
        .order_by("created_at", "id")
    )
    return {a.pk: [t for t in candidates if _covers(t, a)] for a in attempts}


def threads_of(submission: Submission) -> list[ReviewRequest]:
    return threads_by_attempt([submission])[submission.pk]


def open_request(submission: Submission) -> ReviewRequest | None:
    """The unfinished thread the attempt belongs to (asked about it, or shows it), if any."""
    live = [t for t in threads_of(submission) if t.status != ReviewRequest.Status.CLOSED]
    return live[-1] if live else None


def learner_threads(learner, *, limit: int = 8) -> list[ReviewRequest]:
    """The learner's review threads for the dashboard: unfinished ones first, newest first."""
    return list(
        ReviewRequest.objects.filter(learner=learner)
        .select_related("submission__exercise", "submission__unit_item", "review__mentor")
        .annotate(finished=Case(When(status=ReviewRequest.Status.CLOSED, then=1), default=0))
        .order_by("finished", "-created_at", "-id")[:limit]
    )


@transaction.atomic
def review_request_create(*, learner, submission: Submission, question: str) -> ReviewRequest:
    """One thread per attempt. Asking again about an attempt whose thread is still open returns
    that thread (the question is updated when the thread is about this very attempt); an
    attempt whose thread is closed is not reviewed twice: submit a new attempt to ask again.
    The mentors who will see the request in their queue are notified."""
    if submission.user_id != learner.pk:
        raise ReviewRefused("You can ask for a review of your own attempts only.")
    Submission.objects.select_for_update().filter(
        pk=submission.pk
    ).first()  # serialise double clicks
    existing = open_request(submission)
    if existing:
        if existing.submission_id == submission.pk:
            existing.question = question.strip()
            existing.save(update_fields=["question"])
        return existing
    closed = threads_of(submission)
    if closed:
        raise ReviewRefused(
            f"Attempt #{submission.pk} has already been reviewed "
            f"({closed[-1].state_label.lower()}). Submit a new attempt to ask again."
        )
    created = ReviewRequest.objects.create(
        submission=submission, learner=learner, question=question.strip()
    )
    title = submission.task_title
    for mentor in request_mentors(learner):
        notification_send(
            user=mentor,
            kind="review",
            text=f"{learner.shown_name} asked for a review of attempt #{submission.pk} at {title}.",
            url=request_url(created),
        )
    return created


# --- the queue ---------------------------------------------------------------------------


def claimable_requests(user, now=None) -> QuerySet:
    """Open requests, and claimed ones whose claim lapsed without a verdict."""
    now = now or timezone.now()
    lapsed = Q(
        status=ReviewRequest.Status.CLAIMED, review__verdict="", review__claim_expires_at__lt=now
    )
    return visible_requests(user).filter(Q(status=ReviewRequest.Status.OPEN) | lapsed)


def review_queue(user, *, path=None, exercise=None, cohort=None, now=None) -> list[ReviewRequest]:
    """Oldest first, each with `waiting` (a timedelta) for the page."""
    now = now or timezone.now()
    requests = claimable_requests(user, now).select_related(
        "submission__exercise", "submission__unit_item", "learner"
    )
    if path:
        requests = requests.filter(
            Q(submission__exercise__unit_items__unit__path=path)
            | Q(submission__unit_item__unit__path=path)
        )
    if exercise:
        requests = requests.filter(submission__exercise=exercise)
    if cohort:
        requests = requests.filter(learner__cohorts=cohort)
    rows = list(requests.exclude(_in_a_live_thread()).distinct().order_by("created_at", "id"))
    for row in rows:
        row.waiting = now - row.created_at
    return rows


def _in_a_live_thread():
    """A request about a later attempt while an older thread for the same task waits for
    that attempt ("changes requested"): the attempt already shows in that thread. (Exactly one
    of exercise and project is set, and NULL never equals NULL, so the OR matches one task.)"""
    return Exists(
        ReviewRequest.objects.filter(
            Q(submission__exercise_id=OuterRef("submission__exercise_id"))
            | Q(submission__unit_item_id=OuterRef("submission__unit_item_id")),
            learner_id=OuterRef("learner_id"),
            created_at__lt=OuterRef("created_at"),
            review__verdict=Review.Verdict.CHANGES_REQUESTED,
        ).exclude(status=ReviewRequest.Status.CLOSED)
    )


def my_threads(mentor) -> list[ReviewRequest]:
    """The mentor's claimed, unfinished threads; `has_new_attempt` once the learner resubmitted."""
    rows = list(
        ReviewRequest.objects.filter(review__mentor=mentor)
        .exclude(status=ReviewRequest.Status.CLOSED)
        .select_related("submission__exercise", "submission__unit_item", "learner", "review")
        .order_by("created_at")
    )
    for row in rows:
        row.has_new_attempt = row.review.verdict == Review.Verdict.CHANGES_REQUESTED and bool(
            thread_attempts(row).filter(created_at__gt=row.review.decided_at).exists()
        )
    return rows


# --- claims ------------------------------------------------------------------------------


@transaction.atomic
def review_claim(*, mentor, request: ReviewRequest, now=None) -> Review:
    now = now or timezone.now()
    if not mentor.is_mentor:
        raise ReviewRefused("Only mentors claim reviews.")
    ReviewRequest.objects.select_for_update().filter(pk=request.pk).first()  # one claim at a time
    if not claimable_requests(mentor, now).filter(pk=request.pk).exists():
        holder = getattr(getattr(request, "review", None), "mentor", None)
        if holder == mentor:
            return request.review
        raise ReviewRefused(
            "Another mentor has already claimed this review."
            if holder
            else "This review is closed."
        )
    ReviewRequest.objects.filter(pk=request.pk).update(status=ReviewRequest.Status.CLAIMED)
    review, _ = Review.objects.update_or_create(
        request=request,
        defaults={
            "mentor": mentor,
            "claimed_at": now,
            "claim_expires_at": now + timedelta(minutes=claim_minutes()),
        },
    )
    request.refresh_from_db()
    notification_send(
        user=request.learner,
        kind="review",
        text=f"{mentor.shown_name} is reviewing your attempt at {request.submission.task_title}.",
        url=review.get_absolute_url(),
    )
    return review


@transaction.atomic
def review_release(*, mentor, request: ReviewRequest) -> None:
    """Give a claimed request back to the queue (only before a verdict)."""
    updated = Review.objects.filter(request=request, mentor=mentor, verdict="").delete()[0]
    if not updated:
        raise ReviewRefused("You can release only a review you claimed and have not answered yet.")
    ReviewRequest.objects.filter(pk=request.pk).update(status=ReviewRequest.Status.OPEN)


def _own_review(mentor, request: ReviewRequest) -> Review:
    review = Review.objects.filter(request=request, mentor=mentor).first()
    if review is None:
        raise ReviewRefused("Claim this review first.")
    if request.status == ReviewRequest.Status.CLOSED:
        raise ReviewRefused("This review is closed.")
    return review


# --- the thread --------------------------------------------------------------------------


def thread_attempts(request: ReviewRequest) -> QuerySet:
    """The reviewed attempt and every later attempt by the learner at the same task."""
    first = request.submission
    return Submission.objects.filter(same_task(first), created_at__gte=first.created_at).order_by(
        "created_at", "id"
    )


def comment_counts(request: ReviewRequest) -> dict[int, int]:
    """Line comments (not replies) per attempt of the thread, for its attempt tabs."""
    rows = (
        LineComment.objects.filter(request=request, parent=None)
        .values_list("submission_id")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def earlier_attempts(request: ReviewRequest) -> QuerySet:
    first = request.submission
    return Submission.objects.filter(same_task(first), created_at__lt=first.created_at).order_by(
        "-created_at"
    )[:10]


@dataclass
class CodeLine:
    number: int
    text: str
    cell: int | None  # a notebook cell starts here (uploads mark them `# %% [cell N]`)
    comments: list


@dataclass
class CodeFile:
    name: str
    lines: list[CodeLine]


def annotated_files(request: ReviewRequest, submission: Submission) -> list[CodeFile]:
    """The attempt's files line by line, each line with its threaded comments."""
    comments = list(
        LineComment.objects.filter(request=request, submission=submission, parent=None)
        .select_related("author")
        .prefetch_related("replies__author")
    )
    by_line: dict[tuple[str, int], list] = {}
    for comment in comments:
        by_line.setdefault((comment.file, comment.line), []).append(comment)
    files = []
    for name, text in (submission.files or {}).items():
        lines = []
        for number, line in enumerate(str(text).splitlines() or [""], start=1):
            mark = CELL_MARK.match(line)
            lines.append(
                CodeLine(
                    number,
                    line,
                    int(mark.group(1)) if mark else None,
                    by_line.get((name, number), []),
                )
            )
        files.append(CodeFile(name, lines))
    return files


def _check_line(submission: Submission, file: str, line: int) -> None:
    text = (submission.files or {}).get(file)
    if text is None:
        raise ReviewRefused(f"The attempt has no file named {file}.")
    if not 1 <= line <= max(1, len(str(text).splitlines())):
        raise ReviewRefused(f"{file} has no line {line}.")


@transaction.atomic
def line_comment_add(
    *,
    author,
    request: ReviewRequest,
    submission: Submission,
    file: str,
    line: int,
    body: str,
    bank_entry: CommentBankEntry | None = None,
) -> LineComment:
    """A mentor's comment on a line (they must hold the review); bank entries count their uses."""
    _own_review(author, request)
    if not thread_attempts(request).filter(pk=submission.pk).exists():
        raise ReviewRefused("That attempt is not part of this review.")
    _check_line(submission, file, line)
    if bank_entry is not None:
        CommentBankEntry.objects.filter(pk=bank_entry.pk).update(uses=bank_entry.uses + 1)
        body = body.strip() or bank_entry.body_markdown
    if not body.strip():
        raise ReviewRefused("Write a comment first.")
    return LineComment.objects.create(
        request=request,
        submission=submission,
        file=file,
        line=line,
        body_markdown=body.strip(),
        author=author,
    )


@transaction.atomic
def comment_reply(*, author, parent: LineComment, body: str) -> LineComment:
    """Learner or mentor answers in a line's thread; the other side is notified."""
    if not body.strip():
        raise ReviewRefused("Write a reply first.")
    root = parent.parent or parent
    request = root.request
    reply = LineComment.objects.create(
        request=request,
        submission=root.submission,
        file=root.file,
        line=root.line,
        body_markdown=body.strip(),
        author=author,
        parent=root,
    )
    review = getattr(request, "review", None)
    other = (
        request.learner if author.pk != request.learner_id else (review.mentor if review else None)
    )
    if other is not None:
        notification_send(
            user=other,
            kind="review",
            text=f"{author.shown_name} replied on {root.file} line {root.line}.",
            url=f"{request_url(request)}?attempt={root.submission_id}#L{root.submission_id}-{root.line}",
        )
    return reply


def request_url(request: ReviewRequest) -> str:
    return reverse("mentoring:review-thread", args=[request.pk])


def poll_seconds() -> int:
    return int(getattr(settings, "REVIEW_POLL_SECONDS", 10))


def thread_version(request: ReviewRequest) -> str:
    """A short fingerprint of what a reader of the thread sees: the status and question, the
    claim and verdict, the comments and the attempts. The page polls with it and is redrawn
    only when it changed."""
    state = list(ReviewRequest.objects.filter(pk=request.pk).values_list("status", "question"))
    review = list(
        Review.objects.filter(request=request).values_list(
            "pk", "mentor_id", "verdict", "decided_at", "summary"
        )
    )
    comments = LineComment.objects.filter(request=request).aggregate(n=Count("id"), last=Max("id"))
    attempts = list(thread_attempts(request).values_list("pk", "status"))
    fingerprint = repr((state, review, comments, attempts)).encode()
    return hashlib.sha256(fingerprint).hexdigest()[:16]


# --- verdicts ------------------------------------------------------------------------------


def rubric_for(exercise: Exercise | None) -> list[tuple[str, int]]:
    """Criteria with their maximum, for project-type exercises only (else empty)."""
    if exercise is None:
        return []
    spec_rubric = (exercise.spec or {}).get("rubric")
    if spec_rubric:
        return [(str(row.get("criterion")), int(row.get("max", 4))) for row in spec_rubric]
    if project_items(exercise):
        return DEFAULT_RUBRIC
    return []


def submission_rubric(submission: Submission) -> list[tuple[str, int]]:
    """What the mentor scores: a project's rubric from its content file, else the exercise's."""
    if submission.unit_item is not None:
        return [(c["criterion"], c["points"]) for c in submission.unit_item.rubric_criteria()]
    return rubric_for(submission.exercise)


def rubric_descriptions(submission: Submission) -> dict[str, str]:
    if submission.unit_item is None:
        return {}
    return {c["criterion"]: c["description"] for c in submission.unit_item.rubric_criteria()}


def submission_milestones(submission: Submission) -> list[UnitExercise]:
    """What an approval of this attempt can sign off: the project itself, or for an exercise
    the project items `project_items` finds."""
    if submission.unit_item is not None:
        return [submission.unit_item]
    return project_items(submission.exercise)


def project_items(exercise: Exercise | None) -> list[UnitExercise]:
    """The project milestones an approval of this exercise can sign off: project items that
    link the exercise, else the project items of the units that list it."""
    if exercise is None:
        return []
    direct = list(
        UnitExercise.objects.live().filter(exercise=exercise, kind=UnitExercise.Kind.PROJECT)
    )
    if direct:
        return direct
    units = UnitExercise.objects.live().filter(exercise=exercise).values("unit_id")
    return list(
        UnitExercise.objects.live()
        .filter(unit_id__in=units, kind=UnitExercise.Kind.PROJECT, exercise__isnull=True)
        .select_related("unit__path")
    )


@transaction.atomic
def review_submit(
    *,
    mentor,
    request: ReviewRequest,
    submission: Submission,
    verdict: str,
    summary: str,
    rubric_scores: dict | None = None,
    unit_item: UnitExercise | None = None,
    now=None,
) -> Review:
    """Record the verdict on one attempt; approval closes the thread and signs off the milestone."""
    now = now or timezone.now()
    review = _own_review(mentor, request)
    if verdict not in Review.Verdict.values:
        raise ReviewRefused("Choose approved or changes requested.")
    if not thread_attempts(request).filter(pk=submission.pk).exists():
        raise ReviewRefused("That attempt is not part of this review.")
    rubric = dict(submission_rubric(submission))
    scores = {}
    for criterion, value in (rubric_scores or {}).items():
        if criterion not in rubric or not 0 <= int(value) <= rubric[criterion]:
            raise ReviewRefused(f"{criterion}: a score between 0 and {rubric.get(criterion, 0)}.")
        scores[criterion] = int(value)
    if submission.unit_item_id and verdict == Review.Verdict.APPROVED:
        unit_item = submission.unit_item  # approving a project signs that project off
    if unit_item is not None and unit_item not in submission_milestones(submission):
        raise ReviewRefused("That milestone does not belong to this exercise.")
    review.verdict, review.summary, review.rubric_scores = verdict, summary.strip(), scores
    review.reviewed_submission, review.decided_at, review.claim_expires_at = submission, now, None
    review.unit_item = unit_item
    review.save()
    url = review.get_absolute_url()
    title = submission.task_title
    if verdict == Review.Verdict.APPROVED:
        ReviewRequest.objects.filter(  # with any request the learner sent about a later attempt
            Q(pk=request.pk)
            | Q(status=ReviewRequest.Status.OPEN, submission__in=thread_attempts(request)),
            learner_id=request.learner_id,
        ).update(status=ReviewRequest.Status.CLOSED)
        if unit_item is not None:
            progress.unit_item_approve(
                mentor=mentor, learner=request.learner, unit_item=unit_item, feedback=summary
            )
        notification_send(
            user=request.learner,
            kind="review",
            text=f"{mentor.shown_name} approved your attempt at {title}.",
            url=url,
        )
    else:
        notification_send(
            user=request.learner,
            kind="review",
            text=f"{mentor.shown_name} requested changes on your attempt at {title}.",
            url=url,
        )
    return review


def review_resubmission_record(*, review: Review, submission: Submission) -> None:
    """Called when the learner submits again after "changes requested" (models.reviews signal)."""
    notification_send(
        user=review.mentor,
        kind="review",
        text=f"{submission.user.shown_name} sent a new attempt at "
        f"{submission.task_title} for your review.",
        url=f"{review.get_absolute_url()}?attempt={submission.pk}",
    )


# --- the comment bank ------------------------------------------------------------------------


def bank_entry_add(*, mentor, exercise: Exercise, title: str, body: str) -> CommentBankEntry:
    if not mentor.is_mentor:
        raise ReviewRefused("Only mentors keep a comment bank.")
    if not title.strip() or not body.strip():
        raise ReviewRefused("A saved comment needs a title and a text.")
    return CommentBankEntry.objects.create(
        exercise=exercise, title=title.strip(), body_markdown=body.strip(), created_by=mentor
    )


# --- waits, for the analytics page --------------------------------------------------------------


def queue_waits(since) -> list[float]:
    """Hours from request to claim, for requests claimed since `since`."""
    rows = Review.objects.filter(claimed_at__gte=since).values_list(
        "claimed_at", "request__created_at"
    )
    return [(claimed - created).total_seconds() / 3600 for claimed, created in rows]
