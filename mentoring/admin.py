"""Cohorts for admins to run; review threads to inspect (mentors work them on the site)."""

from django.contrib import admin

from mentoring.models import (
    Cohort,
    CohortInvite,
    CommentBankEntry,
    LineComment,
    Review,
    ReviewRequest,
)


class CohortInviteInline(admin.TabularInline):
    model = CohortInvite
    extra = 0
    fields = ("email", "accepted_by", "accepted_at", "created_at")
    readonly_fields = ("accepted_by", "accepted_at", "created_at")


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ("name", "path", "starts_on", "created_at")
    list_filter = ("path",)
    search_fields = ("name",)
    filter_horizontal = ("mentors", "learners")
    inlines = [CohortInviteInline]
    view_on_site = True


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    list_display = ("submission", "learner", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("learner__username", "question")
    raw_id_fields = ("submission", "learner")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("request", "mentor", "verdict", "claimed_at", "decided_at")
    list_filter = ("verdict",)
    search_fields = ("mentor__username", "summary")
    raw_id_fields = ("request", "mentor", "reviewed_submission", "unit_item")
    view_on_site = True


@admin.register(LineComment)
class LineCommentAdmin(admin.ModelAdmin):
    list_display = ("request", "file", "line", "author", "created_at")
    search_fields = ("body_markdown", "author__username")
    raw_id_fields = ("request", "submission", "author", "parent")


@admin.register(CommentBankEntry)
class CommentBankEntryAdmin(admin.ModelAdmin):
    list_display = ("title", "exercise", "created_by", "uses")
    list_filter = ("exercise",)
    search_fields = ("title", "body_markdown")
