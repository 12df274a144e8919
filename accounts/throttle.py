"""Login and sign-up throttling, counted in Django's cache (Redis in production, local memory in
development and tests) so that every web process shares the counts.

- A failed login counts against the account it named and against the client's address. At
  LOGIN_FAILURES_PER_ACCOUNT or LOGIN_FAILURES_PER_IP failures (each within
  LOGIN_LOCKOUT_SECONDS of the one before), logging in is refused, password unchecked, until
  LOGIN_LOCKOUT_SECONDS after the last failure. A success clears the account's count, not the
  address's: one's own good password must not buy more guesses at other accounts.
- At most SIGNUPS_PER_IP_PER_HOUR accounts are created from one address in an hour.

Not django-axes: it has one failure limit for every parameter, and an address needs a higher
one than an account (a classroom shares one address); nor does it limit sign-ups.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from accounts.models import User


@dataclass(frozen=True)
class Lockout:
    """Why an attempt is refused, for the person, and how long to wait (Retry-After)."""

    message: str
    retry_after: int


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front, the
    X-Forwarded-For entry the nearest of them saw (as DRF's throttles read it, NUM_PROXIES)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def account_name(login: str) -> str:
    """One name per account, whether it was typed as the username or the email, any case."""
    login = (login or "").strip().lower()
    if "@" in login:
        user = User.objects.filter(email__iexact=login).only("username").first()
        if user:
            return user.username.lower()
    return login


def login_check(request, login: str) -> Lockout | None:
    """A Lockout while the account or the address has had too many failures, else None."""
    account = _key("login-account", account_name(login))
    if _count(account) >= settings.LOGIN_FAILURES_PER_ACCOUNT:
        retry = _retry_after(account)
        return Lockout(
            f"Too many failed logins to this account. Try again in {_wait_text(retry)}, "
            "or reset your password.",
            retry,
        )
    address = _key("login-ip", client_ip(request))
    if _count(address) >= settings.LOGIN_FAILURES_PER_IP:
        retry = _retry_after(address)
        return Lockout(
            f"Too many failed logins from your network. Try again in {_wait_text(retry)}.",
            retry,
        )
    return None


def login_failure_record(request, login: str) -> None:
    seconds = settings.LOGIN_LOCKOUT_SECONDS
    _hit(_key("login-account", account_name(login)), seconds=seconds, sliding=True)
    _hit(_key("login-ip", client_ip(request)), seconds=seconds, sliding=True)


def login_success_record(user) -> None:
    key = _key("login-account", user.get_username().lower())
    cache.delete_many([key, f"{key}:until"])


def signup_check(request) -> Lockout | None:
    key = _key("signup-ip", client_ip(request))
    if _count(key) >= settings.SIGNUPS_PER_IP_PER_HOUR:
        retry = _retry_after(key)
        return Lockout(
            "Too many accounts were created from your network in the last hour. "
            f"Try again in {_wait_text(retry)}.",
            retry,
        )
    return None


def signup_record(request) -> None:
    _hit(_key("signup-ip", client_ip(request)), seconds=60 * 60, sliding=False)


def _key(scope: str, ident: str) -> str:
    """Hashed: an address or a typed login is not kept readable in the cache."""
    return f"throttle:{scope}:{hashlib.sha256(ident.encode()).hexdigest()[:32]}"


def _count(key: str) -> int:
    return int(cache.get(key) or 0)


def _hit(key: str, *, seconds: int, sliding: bool) -> int:
    """Count one more; a sliding count lives `seconds` after its last hit, a fixed one after
    its first. `key:until` keeps when it ends, for Retry-After."""
    until = time.time() + seconds
    if cache.add(key, 1, timeout=seconds):
        cache.set(f"{key}:until", until, timeout=seconds)
        return 1
    try:
        count = cache.incr(key)
    except ValueError:  # it expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    if sliding:
        cache.touch(key, timeout=seconds)
        cache.set(f"{key}:until", until, timeout=seconds)
    return count


def _retry_after(key: str) -> int:
    until = cache.get(f"{key}:until")
    if until is None:
        return settings.LOGIN_LOCKOUT_SECONDS
    return max(1, math.ceil(float(until) - time.time()))


def _wait_text(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second" + ("s" if seconds != 1 else "")
    return f"{math.ceil(seconds / 60)} minutes"
