"""Enrollments and ticks, for support: verified ticks come only from a mentor's approval."""

from django.contrib import admin

from learning.models import Enrollment, ItemProgress


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ("user", "path", "started_on", "weekly_hours", "created_at")
    list_filter = ("path",)
    search_fields = ("user__username", "user__email", "path__slug")
    raw_id_fields = ("user",)


@admin.register(ItemProgress)
class ItemProgressAdmin(admin.ModelAdmin):
    list_display = ("user", "topic", "reading", "unit_item", "self_reported", "verified_at")
    list_filter = ("self_reported",)
    search_fields = ("user__username",)
    raw_id_fields = ("user", "topic", "reading", "unit_item", "verified_by")
    readonly_fields = ("verified_at", "verified_by")
