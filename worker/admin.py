"""Admin for regrade batches, and the 'Regrade all submissions' action on exercises."""

from django.contrib import admin, messages
from django.db import transaction

from courses.models import Exercise

from .models import RegradeBatch, RegradeEntry
from .regrade import regrade_batch_create


class RegradeEntryInline(admin.TabularInline):
    model = RegradeEntry
    extra = 0
    can_delete = False
    fields = [
        "submission",
        "previous_status",
        "previous_score",
        "new_status",
        "new_score",
        "regraded_at",
        "problem",
    ]
    readonly_fields = fields


@admin.register(RegradeBatch)
class RegradeBatchAdmin(admin.ModelAdmin):
    list_display = [
        "exercise",
        "state",
        "progress",
        "changed",
        "started_by",
        "created_at",
        "finished_at",
    ]
    list_filter = ["state"]
    readonly_fields = [
        "exercise",
        "started_by",
        "package_hash",
        "state",
        "total",
        "done",
        "changed",
        "created_at",
        "finished_at",
    ]
    inlines = [RegradeEntryInline]

    def has_add_permission(self, request):
        return False


@admin.action(description="Regrade all submissions (after a grader change)")
def regrade_submissions(modeladmin, request, queryset):
    from .tasks import regrade_batch

    for exercise in queryset:
        batch = regrade_batch_create(exercise=exercise, started_by=request.user)
        transaction.on_commit(lambda pk=batch.pk: regrade_batch.delay(pk))
        modeladmin.message_user(
            request,
            f"{exercise.slug}: regrading {batch.total} submissions (batch {batch.pk}); "
            "follow it under Grading worker › Regrade batches.",
            messages.SUCCESS,
        )


def _add_action_to_exercise_admin() -> None:
    """courses may not import worker, so the action is attached here, to whichever admin registered Exercise."""
    import courses.admin  # noqa: F401  (registers the courses admins first)

    try:
        exercise_admin = admin.site.get_model_admin(Exercise)
    except admin.exceptions.NotRegistered:
        return
    if regrade_submissions not in (exercise_admin.actions or []):
        exercise_admin.actions = [*(exercise_admin.actions or []), regrade_submissions]


_add_action_to_exercise_admin()
