"""Role checks, the API's counterparts of accounts.decorators (a 403 for the wrong role)."""

from rest_framework.permissions import BasePermission


class IsMentor(BasePermission):
    message = "Mentors only."

    def has_permission(self, request, view) -> bool:
        return bool(request.user.is_authenticated and request.user.is_mentor)


class IsPlatformAdmin(BasePermission):
    message = "Admins only."

    def has_permission(self, request, view) -> bool:
        return bool(request.user.is_authenticated and request.user.is_platform_admin)
