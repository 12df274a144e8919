"""Role checks for views: logged in (else the log-in page), then the role (else 403)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def role_required(allowed: Callable[..., bool], refusal: str):
    """A view decorator admitting users for whom `allowed(user)` holds."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied(refusal)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


mentor_required = role_required(lambda user: user.is_mentor, "Mentors only.")
admin_required = role_required(lambda user: user.is_platform_admin, "Admins only.")
