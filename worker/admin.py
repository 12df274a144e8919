"""Admin for regrade batches, and the 'Regrade all submissions' action on exercises.

The action needs the worker (it grades in the sandbox), so the worker registers the exercise
admin again as a subclass of curriculum's with the action added; `worker` comes after
`curriculum` in INSTALLED_APPS, so admin autodiscovery sees curriculum's first.
"""

from functools import partial

from django.contrib import admin, messages
from django.db import transaction

from curriculum.admin import ExerciseAdmin
from curriculum.models import Exercise

from .models import RegradeBatch, RegradeEntry


class RegradeEntryInline(admin.TabularInline):
    model = RegradeEntry
    extra = 0
    can_delete = False
    readonly_fields = (
        "submission",
        "previous_status",
        "previous_score",
        "new_status",
        "new_score",
        "regraded_at",
        "problem",
    )
    fields = readonly_fields


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
    # Imported here: the grading pipeline pulls in the judge, scikit-learn and NumPy, which no
    # web process should load at start only because the admin is autodiscovered (loading the
    # app took 2.1 s and 177 MB with them, 1.0 s and 85 MB without).
    from .regrade import regrade_batch_create
    from .tasks import regrade_batch

    for exercise in queryset:
        batch = regrade_batch_create(exercise=exercise, started_by=request.user)
        transaction.on_commit(partial(regrade_batch.delay, batch.pk))
        modeladmin.message_user(
            request,
            f"{exercise.slug}: regrading {batch.total} submissions (batch {batch.pk}); "
            "follow it under Grading worker › Regrade batches.",
            messages.SUCCESS,
        )


class RegradingExerciseAdmin(ExerciseAdmin):
    """curriculum's exercise admin, plus the action only the worker can carry out."""

    actions = [regrade_submissions]


admin.site.unregister(Exercise)
admin.site.register(Exercise, RegradingExerciseAdmin)
