from django.contrib import admin

from submissions.models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("id", "exercise", "user", "status", "score", "attempts", "created_at")
    list_filter = ("status", "exercise")
    search_fields = ("user__username", "exercise__slug")
    readonly_fields = ("result", "package_hash", "seed", "attempts", "lease_expires_at")
