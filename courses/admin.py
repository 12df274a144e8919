from django.contrib import admin

from . import admin_curriculum, models  # noqa: F401 - registers the curriculum admin


@admin.register(models.Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("id", "exercise", "user", "status", "score", "attempts", "created_at")
    list_filter = ("status", "exercise")
    search_fields = ("user__username", "exercise__slug")
    readonly_fields = ("result", "package_hash", "seed", "attempts", "lease_expires_at")


@admin.register(models.Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ("slug", "title", "difficulty", "device", "points", "is_archived")
    list_filter = ("difficulty", "device", "is_archived")
    search_fields = ("slug", "title")
