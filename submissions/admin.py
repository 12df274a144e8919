from django.contrib import admin

from submissions.models import Draft, Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    list_display = ("id", "exercise", "user", "status", "score", "attempts", "created_at")
    list_filter = ("status", "exercise")
    search_fields = ("user__username", "exercise__slug")
    readonly_fields = ("result", "package_hash", "seed", "attempts", "lease_expires_at")


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ("user", "exercise", "updated_at")
    search_fields = ("user__username", "exercise__slug")
    raw_id_fields = ("user",)
