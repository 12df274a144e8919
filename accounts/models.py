"""Users and their roles. Everyone signs up as a learner; admins promote mentors."""

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models


def new_state_token() -> int:
    """A fresh random token (not a counter: a stale full-row save can never bring back one
    that pages were cached under, because the save itself draws a new one)."""
    return secrets.randbits(62)


class Role(models.TextChoices):
    LEARNER = "learner", "Learner"
    MENTOR = "mentor", "Mentor"
    ADMIN = "admin", "Admin"


class User(AbstractUser):
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.LEARNER)
    display_name = models.CharField(max_length=80, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    weekly_hours_goal = models.PositiveSmallIntegerField(default=8)
    email_notifications = models.BooleanField(
        default=False,
        help_text="Also send notifications (grading finished, mentor replies) by email.",
    )
    # Changes whenever anything this user's own pages show changes (accounts/state.py): the
    # page cache keeps their pages under it, and it comes free with the session's user row.
    state_token = models.BigIntegerField(default=new_state_token, editable=False)

    @property
    def is_mentor(self) -> bool:
        return self.role in (Role.MENTOR, Role.ADMIN)

    @property
    def is_platform_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def shown_name(self) -> str:
        return self.display_name or self.username

    def save(self, *args, **kwargs):
        # The admin role is the platform's superuser: it authors content and runs cohorts in
        # the Django admin. Promotion only: a `createsuperuser` account keeps its flags.
        if self.role == Role.ADMIN:
            self.is_staff = self.is_superuser = True
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) - {"last_login", "state_token"}:
            # Their name, role or settings may be on their pages; a login alone is not.
            self.state_token = new_state_token()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "state_token"}
        super().save(*args, **kwargs)
