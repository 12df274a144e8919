"""Users and their roles. Everyone signs up as a learner; admins promote mentors."""

from django.contrib.auth.models import AbstractUser
from django.db import models


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
        super().save(*args, **kwargs)
