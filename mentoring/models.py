"""Mentoring: review requests, mentor reviews with line comments, comment banks, cohorts.

A learner's `ReviewRequest` opens a thread; the mentor who claims it owns one
`Review` for it. The thread spans attempts: line comments point at one attempt's file and
line, and a resubmission by the learner shows up in the same thread (`mentoring.reviews`).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse


class ReviewRequest(models.Model):
    """A learner's question about an attempt; whoever claimed it is `review.mentor`."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLAIMED = "claimed", "Claimed"
        CLOSED = "closed", "Closed"

    submission = models.ForeignKey(
        "submissions.Submission", on_delete=models.CASCADE, related_name="review_requests"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_requests"
    )
    question = models.TextField()
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    has_new_attempt: bool  # not a column: set on the rows reviews.my_threads returns

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"review of #{self.submission_id} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:review-thread", args=[self.pk])

    @property
    def state(self) -> str:
        """Where the thread stands, for the learner's pages: waiting, in_review, changes,
        approved or closed (closed without a verdict of its own: another thread approved it)."""
        review = getattr(self, "review", None)
        verdict = review.verdict if review else ""
        if self.status == self.Status.CLOSED:
            return "approved" if verdict == Review.Verdict.APPROVED else "closed"
        if verdict == Review.Verdict.CHANGES_REQUESTED:
            return "changes"
        return "in_review" if review else "waiting"

    @property
    def state_label(self) -> str:
        return {
            "waiting": "Waiting for a mentor",
            "in_review": "In review",
            "changes": "Changes requested",
            "approved": "Approved",
            "closed": "Closed",
        }[self.state]


class Cohort(models.Model):
    """A group of learners taking one path together, with the mentors who review them."""

    name = models.CharField(max_length=120)
    path = models.ForeignKey("curriculum.Path", on_delete=models.PROTECT, related_name="cohorts")
    starts_on = models.DateField()
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mentored_cohorts"
    )
    learners = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="cohorts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.path.slug}, {self.starts_on:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:cohort", args=[self.pk])


def _invite_token() -> str:
    return secrets.token_urlsafe(24)


class CohortInvite(models.Model):
    """An emailed seat in a cohort; accepted by the account that opens the link."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invites")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, default=_invite_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "email"], name="one_invite_per_email")
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.cohort.name}"


class Review(models.Model):
    """A mentor's review of one request: the claim, then a summary, a verdict and rubric scores."""

    class Verdict(models.TextChoices):
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"

    request = models.OneToOneField(
        "mentoring.ReviewRequest", on_delete=models.CASCADE, related_name="review"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews_given"
    )
    claimed_at = models.DateTimeField()
    claim_expires_at = models.DateTimeField(
        null=True, blank=True, help_text="While no verdict is given; empty once the mentor replied"
    )
    verdict = models.CharField(max_length=24, choices=Verdict.choices, blank=True)
    summary = models.TextField(blank=True, help_text="Markdown")
    rubric_scores = models.JSONField(
        default=dict, blank=True, help_text="criterion → score (projects)"
    )
    reviewed_submission = models.ForeignKey(
        "submissions.Submission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The attempt the verdict is about",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    unit_item = models.ForeignKey(
        "curriculum.UnitExercise",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
        help_text="The project milestone this approval signs off",
    )

    class Meta:
        ordering = ["-claimed_at"]

    def __str__(self) -> str:
        return f"review of request {self.request_id} by {self.mentor_id} ({self.verdict or 'open'})"

    def get_absolute_url(self) -> str:
        return reverse("mentoring:review-thread", args=[self.request_id])


class LineComment(models.Model):
    """A comment on one line of one attempt's file; `parent` threads the replies."""

    request = models.ForeignKey(
        "mentoring.ReviewRequest", on_delete=models.CASCADE, related_name="line_comments"
    )
    submission = models.ForeignKey(
        "submissions.Submission", on_delete=models.CASCADE, related_name="line_comments"
    )
    file = models.CharField(max_length=200)
    line = models.PositiveIntegerField()
    body_markdown = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="line_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["submission", "file", "line"])]

    def __str__(self) -> str:
        return f"{self.file}:{self.line} by {self.author_id}"


class CommentBankEntry(models.Model):
    """A comment a mentor keeps for an exercise and reuses (the usual mistakes)."""

    exercise = models.ForeignKey(
        "curriculum.Exercise", on_delete=models.CASCADE, related_name="comment_bank"
    )
    title = models.CharField(max_length=120)
    body_markdown = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uses = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uses", "title"]

    def __str__(self) -> str:
        return self.title
