"""Autograded exercises, imported from packages in content/exercises/<slug>/."""

from django.db import models
from django.urls import reverse


class Exercise(models.Model):
    class Difficulty(models.TextChoices):
        BEGINNER = "beginner"
        INTERMEDIATE = "intermediate"
        ADVANCED = "advanced"

    class Device(models.TextChoices):
        CPU = "cpu"
        GPU = "gpu"

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    difficulty = models.CharField(max_length=16, choices=Difficulty.choices, default="beginner")
    goals = models.JSONField(default=list, blank=True)
    statement = models.TextField(help_text="Markdown")
    entrypoint = models.CharField(max_length=100, default="solution.py")
    starter_files = models.JSONField(default=dict, help_text="file name → starter text")
    device = models.CharField(max_length=8, choices=Device.choices, default=Device.CPU)
    points = models.PositiveSmallIntegerField(default=10)
    spec = models.JSONField(default=dict, help_text="The parsed exercise.yaml")
    package_hash = models.CharField(max_length=64, editable=False)
    is_archived = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:exercise", args=[self.slug])

    @property
    def queue(self) -> str:
        return f"grading-{self.device}"

    @property
    def starter_code(self) -> str:
        return self.starter_files.get(self.entrypoint, "")


class ReferenceRun(models.Model):
    """The reference solution's outputs for one package version: the judge's expected values.

    Computed once in the sandbox and cached here; they never enter a learner's container.
    """

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="reference_runs")
    package_hash = models.CharField(max_length=64)
    outputs = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "package_hash"], name="one_reference_run_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.exercise.slug} @ {self.package_hash[:12]}"
