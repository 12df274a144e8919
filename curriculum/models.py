"""Curriculum content, shaped to hold all five seed documents without special cases.

A Path has Phases (stages); a Phase has Units (a week, step, section or module, as the
path's `unit_label` says); a Unit has nested Topics that keep their source numbering
(1.1.3), readings, and exercises. Content is imported from files (content/paths/);
items removed from the files are archived, never deleted, so progress survives.
"""

from collections.abc import Iterable
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from curriculum.markup import render_markdown


def search_vector_field() -> SearchVectorField:
    """The stored full-text document `curriculum.search` fills on import (PostgreSQL only;
    on SQLite the column stays empty and search falls back to `icontains`)."""
    return SearchVectorField(null=True, editable=False)


def search_index(table: str) -> GinIndex:
    return GinIndex(fields=["search_vector"], name=f"{table}_search_gin")


def rendered_html_field() -> models.TextField:
    """A Markdown field's sanitized HTML, written by `RenderedMarkdown.save()`, never by hand."""
    return models.TextField(blank=True, editable=False)


class RenderedMarkdownQuerySet(models.QuerySet):
    """`bulk_create` and `bulk_update` skip `save()`: on a `RenderedMarkdown` model they render
    the Markdown fields as well."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if issubclass(self.model, RenderedMarkdown):
            for obj in objs:
                obj.render_markdown_fields()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs, fields = list(objs), list(fields)
        if issubclass(self.model, RenderedMarkdown):
            rendered: list[str] = []
            for obj in objs:
                rendered = obj.render_markdown_fields(fields)
            fields += [name for name in rendered if name not in fields]
        return super().bulk_update(objs, fields, *args, **kwargs)


class ContentQuerySet(RenderedMarkdownQuerySet):
    def live(self):
        return self.filter(is_archived=False)


class RenderedMarkdown(models.Model):
    """Stores each field named in `markdown_fields` rendered to sanitized HTML in `<field>_html`.

    Rendering happens when the row is saved (an import, an admin edit), so a page prints the
    stored HTML (`{{ unit.rendered.goal }}`) and never runs Markdown. `QuerySet.update()` of
    a Markdown field bypasses this: save the rows instead.
    """

    markdown_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def save(self, *args: Any, update_fields: Iterable[str] | None = None, **kwargs: Any) -> None:
        if update_fields is None:
            self.render_markdown_fields()
        else:
            update_fields = list(update_fields)
            rendered = self.render_markdown_fields(update_fields)
            update_fields += [name for name in rendered if name not in update_fields]
        super().save(*args, update_fields=update_fields, **kwargs)

    def render_markdown_fields(self, fields: Iterable[str] | None = None) -> list[str]:
        """Render the Markdown fields (those among `fields`, if given); return the columns set."""
        wanted = None if fields is None else set(fields)
        names = [n for n in self.markdown_fields if wanted is None or n in wanted]
        for name in names:
            setattr(self, f"{name}_html", render_markdown(getattr(self, name)))
        return [f"{name}_html" for name in names]

    @property
    def rendered(self) -> dict[str, SafeString]:
        """The stored HTML of each Markdown field by field name, marked safe for templates."""
        return {
            name: mark_safe(getattr(self, f"{name}_html"))  # noqa: S308 - sanitized by nh3 on save
            for name in self.markdown_fields
        }


class ContentModel(models.Model):
    """Fields every imported item shares: order and archival."""

    position = models.PositiveIntegerField(default=0)
    is_archived = models.BooleanField(default=False)

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position"]


class Tag(models.Model):
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


class Resource(models.Model):
    """A book, course, video... shared between paths (the library)."""

    class Kind(models.TextChoices):
        BOOK = "book"
        COURSE = "course"
        VIDEO = "video"
        ARTICLE = "article"
        DOCS = "docs"
        DATASET = "dataset"
        COMPETITION = "competition"
        TOOL = "tool"

    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=200)
    authors = models.CharField(max_length=200, blank=True)
    url = models.URLField(blank=True)
    summary = models.TextField(blank=True)
    is_archived = models.BooleanField(default=False)
    search_vector = search_vector_field()

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [search_index("resource")]

    def __str__(self) -> str:
        return self.title


class Path(RenderedMarkdown):
    class Level(models.TextChoices):
        BEGINNER = "beginner"
        INTERMEDIATE = "intermediate"
        ADVANCED = "advanced"
        EXPERT = "expert"

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    tagline = models.CharField(max_length=300, blank=True)
    level = models.CharField(max_length=16, choices=Level.choices)
    duration = models.CharField(max_length=80, help_text="As the source states it, e.g. '6 weeks'.")
    duration_weeks = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="For filtering and schedules; empty where the source states none.",
    )
    weekly_hours_min = models.PositiveSmallIntegerField(null=True, blank=True)
    weekly_hours_max = models.PositiveSmallIntegerField(null=True, blank=True)
    total_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    audience = models.JSONField(default=list, blank=True)
    prerequisites = models.JSONField(default=list, blank=True)
    author = models.CharField(max_length=120, blank=True)
    source = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    is_published = models.BooleanField(default=True)
    is_archived = models.BooleanField(default=False)
    unit_label = models.CharField(max_length=20, default="Week")
    summary = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    summary_html = rendered_html_field()
    rationale_html = rendered_html_field()
    next_steps_html = rendered_html_field()
    tags = models.ManyToManyField(Tag, blank=True, related_name="paths")
    resources = models.ManyToManyField(Resource, through="PathResource", related_name="paths")
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = search_vector_field()

    # Not columns: lists that curriculum.selectors prefetch (Prefetch to_attr) for a page.
    live_phases: list["Phase"]
    live_skills: list["Skill"]

    markdown_fields = ("summary", "rationale", "next_steps")
    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [search_index("path")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("curriculum:path", args=[self.slug])

    @property
    def weekly_hours(self) -> str:
        if (
            self.weekly_hours_min
            and self.weekly_hours_max
            and self.weekly_hours_min != self.weekly_hours_max
        ):
            return f"{self.weekly_hours_min}–{self.weekly_hours_max}"
        return str(self.weekly_hours_min or self.weekly_hours_max or "")


class Phase(ContentModel, RenderedMarkdown):
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    period = models.CharField(
        max_length=80, blank=True, help_text="e.g. 'Weeks 1-4' or '0-3 months'"
    )
    goal = models.TextField(blank=True)
    goal_html = rendered_html_field()

    live_units: list["Unit"]  # not a column: prefetched by curriculum.selectors.path_for_page

    markdown_fields = ("goal",)

    class Meta(ContentModel.Meta):
        constraints = [
            models.UniqueConstraint(fields=["path", "number"], name="phase_number_per_path")
        ]

    def __str__(self) -> str:
        return f"{self.path.slug} · phase {self.number}: {self.title}"


class Unit(ContentModel, RenderedMarkdown):
    """A week, step, section or module: the path's `unit_label` names it."""

    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="units")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="units")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    goal = models.TextField(blank=True)
    why_now = models.TextField(blank=True)
    duration = models.CharField(max_length=80, blank=True)
    estimated_hours = models.PositiveSmallIntegerField(null=True, blank=True)
    milestone = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    goal_html = rendered_html_field()
    why_now_html = rendered_html_field()
    summary_html = rendered_html_field()
    search_vector = search_vector_field()

    # Not columns: what curriculum.selectors prefetches or sets for a page.
    live_exercises: list["UnitExercise"]
    live_readings: list["UnitReading"]
    topic_tree: list  # of curriculum.selectors.TopicNode

    markdown_fields = ("goal", "why_now", "summary")

    class Meta(ContentModel.Meta):
        constraints = [
            models.UniqueConstraint(fields=["path", "number"], name="unit_number_per_path")
        ]
        indexes = [search_index("unit")]

    def __str__(self) -> str:
        return f"{self.path.slug} · {self.path.unit_label} {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("curriculum:unit", args=[self.path.slug, self.number])


class Topic(ContentModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="topics")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    number = models.CharField(max_length=20, blank=True, help_text="Source numbering, e.g. 1.1.3")
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    depth = models.PositiveSmallIntegerField(default=0)
    search_vector = search_vector_field()

    class Meta(ContentModel.Meta):
        indexes = [search_index("topic")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class UnitReading(ContentModel):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="readings")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="readings")
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.unit} → {self.resource}"


class UnitExercise(ContentModel, RenderedMarkdown):
    """An exercise or project listed in a unit; `exercise` links an autograded package.

    Its `route` says how it is verified (see the property); a project's `rubric` comes from
    the content file and is what a mentor scores it on.
    """

    class Kind(models.TextChoices):
        EXERCISE = "exercise"
        PROJECT = "project"

    class Route(models.TextChoices):
        AUTOGRADED = "autograded", "Autograded"
        PROJECT = "project", "Mentor sign-off"
        SELF = "self", "Self-check"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="exercises")
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    summary_html = rendered_html_field()
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.EXERCISE)
    exercise = models.ForeignKey(
        "curriculum.Exercise",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unit_items",
    )
    rubric = models.JSONField(
        default=list,
        blank=True,
        help_text="Criteria a mentor scores a project on: [{criterion, points, description}]",
    )

    markdown_fields = ("summary",)

    def __str__(self) -> str:
        return self.title

    @property
    def route(self) -> str:
        """How the item is verified: a live package grades it; a project without one is
        signed off by a mentor (`submissions.projects`); any other item the learner ticks."""
        if self.exercise_id and self.exercise is not None and not self.exercise.is_archived:
            return self.Route.AUTOGRADED
        if self.kind == self.Kind.PROJECT:
            return self.Route.PROJECT
        return self.Route.SELF

    @property
    def route_label(self) -> str:
        return self.Route(self.route).label

    @property
    def route_code(self) -> str:
        """As `content_report --json` writes it: autograded:<slug>, project or self."""
        if self.route == self.Route.AUTOGRADED and self.exercise is not None:
            return f"autograded:{self.exercise.slug}"
        return str(self.route)

    def get_project_url(self) -> str:
        return reverse("submissions:project", args=[self.pk])

    def rubric_criteria(self) -> list[dict]:
        """The rubric from the content file, else a default built from the item's summary,
        so that every project is scored on stated criteria."""
        if self.rubric:
            return [
                {
                    "criterion": str(row["criterion"]),
                    "points": int(row.get("points") or 4),
                    "description": str(row.get("description") or ""),
                }
                for row in self.rubric
            ]
        brief = self.summary.strip() or self.title
        return [
            {"criterion": "meets the brief", "points": 4, "description": brief},
            {
                "criterion": "code quality",
                "points": 4,
                "description": "Readable, organised code that someone else could run again.",
            },
            {
                "criterion": "results and explanation",
                "points": 4,
                "description": "Results are measured and the write-up says what was learned.",
            },
        ]


class PathResource(ContentModel):
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="path_resources")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="path_resources")
    why = models.TextField(blank=True)
    where = models.CharField(max_length=200, blank=True)
    unit_numbers = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.path.slug} → {self.resource}"


class Skill(ContentModel):
    """A node of a path's skill tree; `requires` are the prerequisite edges (acyclic)."""

    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="skills")
    slug = models.SlugField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    requires = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="unlocks")
    proven_by = models.ManyToManyField(
        UnitExercise,
        blank=True,
        related_name="proves",
        help_text="The exercises and projects whose verification masters the skill",
    )

    class Meta(ContentModel.Meta):
        constraints = [models.UniqueConstraint(fields=["path", "slug"], name="skill_slug_per_path")]

    def __str__(self) -> str:
        return self.title


def find_skill_cycle(edges: dict[str, list[str]]) -> list[str] | None:
    """Return one prerequisite cycle (as a list of slugs) or None; used by import and admin."""
    visiting, done = set(), set()
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in done:
            return None
        if node in visiting:
            return stack[stack.index(node) :] + [node]
        visiting.add(node)
        stack.append(node)
        for nxt in edges.get(node, []):
            if cycle := visit(nxt):
                return cycle
        stack.pop()
        visiting.discard(node)
        done.add(node)
        return None

    for start in edges:
        if cycle := visit(start):
            return cycle
    return None


class Trap(ContentModel):
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="traps")
    title = models.CharField(max_length=200)
    why = models.TextField()
    correction = models.TextField()

    def __str__(self) -> str:
        return self.title


class Outcome(ContentModel):
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="outcomes")
    text = models.TextField()

    def __str__(self) -> str:
        return self.text[:80]


class GlossaryTerm(ContentModel):
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="glossary")
    term = models.CharField(max_length=120)
    definition = models.TextField()

    def __str__(self) -> str:
        return self.term


class CrossReference(ContentModel):
    path = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="cross_references")
    target = models.ForeignKey(Path, on_delete=models.CASCADE, related_name="referenced_by")
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.path.slug} → {self.target.slug}"


class CallToAction(RenderedMarkdown):
    class Kind(models.TextChoices):
        MENTORSHIP = "mentorship"
        LINK = "link"

    path = models.OneToOneField(Path, on_delete=models.CASCADE, related_name="call_to_action")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.MENTORSHIP)
    title = models.CharField(max_length=200)
    text = models.TextField()
    text_html = rendered_html_field()

    markdown_fields = ("text",)
    objects = RenderedMarkdownQuerySet.as_manager()

    def __str__(self) -> str:
        return self.title


class Exercise(RenderedMarkdown):
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
    statement_html = rendered_html_field()
    entrypoint = models.CharField(max_length=100, default="solution.py")
    starter_files = models.JSONField(default=dict, help_text="file name → starter text")
    device = models.CharField(max_length=8, choices=Device.choices, default=Device.CPU)
    points = models.PositiveSmallIntegerField(default=10)
    spec = models.JSONField(default=dict, help_text="The parsed exercise.yaml")
    package_hash = models.CharField(max_length=64, editable=False)
    is_archived = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)
    search_vector = search_vector_field()

    markdown_fields = ("statement",)
    objects = RenderedMarkdownQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        indexes = [search_index("exercise")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("submissions:exercise", args=[self.slug])

    @property
    def queue(self) -> str:
        return f"grading-{self.device}"

    @property
    def starter_code(self) -> str:
        return self.starter_files.get(self.entrypoint, "")


class ExerciseCheck(models.Model):
    """One run of `check_exercises` for one exercise, asked for from the staff pages."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        OK = "ok", "All checks passed"
        FAILED = "failed", "Problems found"

    exercise = models.ForeignKey(
        "curriculum.Exercise", on_delete=models.CASCADE, related_name="checks"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    output = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"check of {self.exercise_id} ({self.state})"


class ContentImportRun(models.Model):
    """One import (or check) of the content folder run from the admin: what ran, where, when.

    Listed in the admin index so that an author can see what the last import did without
    reading the server log: counts per kind, the folder, the time and any problems found.
    """

    started_at = models.DateTimeField(auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    content_dir = models.CharField(max_length=500)
    dry_run = models.BooleanField(default=False)
    ok = models.BooleanField(
        default=True, help_text="Off when the files had problems (nothing was written then)"
    )
    counts = models.JSONField(default=list, blank=True, help_text="One row per kind")
    lines = models.TextField(blank=True, help_text="The report, or the problems found")

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = "content import"

    def __str__(self) -> str:
        what = "Check" if self.dry_run else "Import"
        return f"{what} of {self.content_dir} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def outcome(self) -> str:
        if not self.ok:
            return "problems found, nothing written"
        changed = sum(
            row.get(a, 0)
            for row in self.counts
            for a in ("created", "updated", "restored", "archived", "deleted")
        )
        if self.dry_run:
            return f"would change {changed} row{'s' if changed != 1 else ''} (nothing written)"
        return f"changed {changed} row{'s' if changed != 1 else ''}" if changed else "no changes"


class ContentRevision(models.Model):
    """One row whose number moves whenever authored content changes (an import, an admin edit).

    Cached pages are keyed by it, so a change invalidates them in every web process at once,
    whatever the cache (Redis, or each process's own memory in the demo) without a purge.
    """

    number = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "content revision"

    def __str__(self) -> str:
        return f"content revision {self.number}"
