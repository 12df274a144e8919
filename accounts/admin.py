from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "role", "display_name", "is_active", "date_joined")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Backprop", {"fields": ("role", "display_name", "time_zone", "weekly_hours_goal")}),
    )
