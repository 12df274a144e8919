"""The login throttle's gate, first in AUTHENTICATION_BACKENDS: every authenticate() with a
request (our login page, the admin's) is refused, password unchecked, while locked out."""

from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import PermissionDenied

from accounts import throttle
from accounts.session_user import CachedUserBackend


class LoginThrottleBackend(BaseBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        """Never logs anyone in: None lets the next backend check the password; PermissionDenied
        stops authenticate() there. The lockout is left on the request for the page to say."""
        if request is None or not username:
            return None
        lockout = throttle.login_check(request, username)
        if lockout is not None:
            request.login_lockout = lockout
            raise PermissionDenied(lockout.message)
        return None

    def get_user(self, user_id):
        """A login that names no backend (force_login, one backend's login()) names the first,
        this one: load its user as the password backend does."""
        return CachedUserBackend().get_user(user_id)
