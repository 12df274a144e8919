"""Cohorts: create one, invite learners by a list of emails, let them join, follow progress."""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from learning import progress
from learning.models import Enrollment
from mentoring.models import Cohort, CohortInvite
from notifications.services import notification_send

MAX_INVITES = 500


@dataclass
class InviteReport:
    added: list[str] = field(default_factory=list)  # accounts that existed: now in the cohort
    invited: list[str] = field(default_factory=list)  # no account yet: an invite link waits
    skipped: list[str] = field(default_factory=list)  # already in, or listed twice
    invalid: list[tuple[int, str, str]] = field(default_factory=list)  # (row, text, why)


def parse_emails(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str, str]]]:
    """Rows of pasted text or CSV → (valid (row, email), invalid (row, text, why)).

    Any column holding an @ is the email, so a CSV export with names and emails works; a
    header row without an @ is ignored.
    """
    valid, invalid = [], []
    rows = list(csv.reader(io.StringIO(text.replace(";", ","))))
    if len(rows) > MAX_INVITES:
        return [], [(MAX_INVITES + 1, "", f"At most {MAX_INVITES} rows at once.")]
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row if c.strip()]
        if not cells:
            continue
        candidates = [c for c in cells if "@" in c]
        if not candidates:
            if number == 1:
                continue  # a header
            invalid.append((number, ", ".join(cells), "no email address"))
            continue
        email = candidates[0].strip("<>").lower()
        try:
            validate_email(email)
        except ValidationError:
            invalid.append((number, candidates[0], "not a valid email address"))
            continue
        valid.append((number, email))
    return valid, invalid


@transaction.atomic
def cohort_create(*, name: str, path, starts_on, mentors=(), learners=()) -> Cohort:
    cohort = Cohort.objects.create(name=name, path=path, starts_on=starts_on)
    cohort.mentors.set(mentors)
    for learner in learners:
        _add_learner(cohort, learner)
    return cohort


def _add_learner(cohort: Cohort, user) -> None:
    """In the cohort and enrolled in its path (keeping an existing enrollment's pace)."""
    cohort.learners.add(user)
    Enrollment.objects.get_or_create(
        user=user,
        path=cohort.path,
        defaults={"started_on": cohort.starts_on, "weekly_hours": user.weekly_hours_goal},
    )


@transaction.atomic
def cohort_invite(*, cohort: Cohort, text: str, invited_by) -> InviteReport:
    """Existing accounts join at once (and are told); other emails get an invite link."""
    report = InviteReport()
    valid, report.invalid = parse_emails(text)
    users = {
        u.email.lower(): u for u in get_user_model().objects.filter(email__in=[e for _, e in valid])
    }
    members = set(cohort.learners.values_list("pk", flat=True))
    seen = set()
    for _, email in valid:
        if email in seen:
            report.skipped.append(email)
            continue
        seen.add(email)
        user = users.get(email)
        if user is not None:
            if user.pk in members:
                report.skipped.append(email)
                continue
            _add_learner(cohort, user)
            CohortInvite.objects.update_or_create(
                cohort=cohort,
                email=email,
                defaults={
                    "invited_by": invited_by,
                    "accepted_by": user,
                    "accepted_at": timezone.now(),
                },
            )
            notification_send(
                user=user,
                kind="other",
                text=f"You joined the cohort {cohort.name} ({cohort.path.title}).",
                url=cohort.path.get_absolute_url(),
            )
            report.added.append(email)
        else:
            invite, created = CohortInvite.objects.get_or_create(
                cohort=cohort, email=email, defaults={"invited_by": invited_by}
            )
            (report.invited if created else report.skipped).append(email)
            if created:
                transaction.on_commit(partial(_email_invite, invite))
    return report


def _email_invite(invite: CohortInvite) -> None:
    link = f"{settings.SITE_URL.rstrip('/')}{reverse('mentoring:cohort-join', args=[invite.token])}"
    try:
        send_mail(
            f"Join {invite.cohort.name} on Backprop",
            f"You are invited to the cohort {invite.cohort.name} ({invite.cohort.path.title}).\n\n"
            f"Sign up or log in, then open:\n{link}\n",
            None,
            [invite.email],
        )
    except Exception:  # the link is also shown to the admin; a mail outage must not undo the invite
        logging.getLogger(__name__).exception("could not email the invite to %s", invite.email)


class InviteRefused(ValueError):
    pass


@transaction.atomic
def invite_accept(*, user, token: str) -> Cohort:
    invite = (
        CohortInvite.objects.select_for_update()
        .select_related("cohort__path")
        .filter(token=token)
        .first()
    )
    if invite is None:
        raise InviteRefused("This invite link is not valid.")
    if invite.accepted_by_id and invite.accepted_by_id != user.pk:
        raise InviteRefused("This invite has already been used by another account.")
    _add_learner(invite.cohort, user)
    invite.accepted_by, invite.accepted_at = user, invite.accepted_at or timezone.now()
    invite.save(update_fields=["accepted_by", "accepted_at"])
    return invite.cohort


@dataclass
class LearnerRow:
    learner: object
    progress: progress.PathProgress

    @property
    def current_unit(self):
        unit = self.progress.current_unit()
        return unit.unit.number if unit else None


def cohort_progress(cohort: Cohort) -> list[LearnerRow]:
    """One row per learner: verified and self-reported progress, milestones reached."""
    learners = cohort.learners.order_by("username")
    return [
        LearnerRow(learner, progress.path_progress(learner, cohort.path)) for learner in learners
    ]
