"""Receivers for Django's login signals, connected in AccountsConfig.ready(): they count the
failures and clear an account's count on success (accounts/throttle.py)."""

from accounts import throttle


def count_login_failure(sender, credentials, request=None, **kwargs):
    # A refusal by the throttle itself is not another guess: it never reached the password.
    if request is None or getattr(request, "login_lockout", None) is not None:
        return
    throttle.login_failure_record(request, credentials.get("username") or "")


def clear_login_failures(sender, request, user, **kwargs):
    throttle.login_success_record(user)
