"""In-app notifications; `services.notification_send` is the one way to send one."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class Notification(models.Model):
    class Kind(models.TextChoices):
        GRADED = "graded", "Grading finished"
        REVIEW = "review", "Mentor review"
        APPROVAL = "approval", "Project approved"
        OTHER = "other", "Other"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.OTHER)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return self.url or reverse("notifications:list")
