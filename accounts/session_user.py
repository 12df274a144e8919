"""The logged-in user's row from the shared cache: a page served from the page cache then
costs no query at all.

Every logged-in request loads its user (AuthenticationMiddleware, through the session's
backend). Where every process shares one cache (Redis: `settings.USER_ROW_CACHE`), the row is
kept there for at most USER_SECONDS and dropped whenever it changes: a save or a delete of
the user, and a state-token bump (accounts/state.py), each at once and again after the
commit. A request that read the old row while the change was being committed can put it
back, so the minute also bounds how long a password change or a deactivation can take to
reach a session that was open meanwhile. With each process's own memory, one process could
not drop another's copy: the row is read from the database every time.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

from accounts.models import User

USER_SECONDS = 60


def _key(user_id) -> str:
    return f"session-user:{user_id}"


def session_user(user_id) -> User | None:
    """The row of `user_id` (as the session stores it), from the cache when it is shared."""
    if not settings.USER_ROW_CACHE:
        return User._default_manager.filter(pk=user_id).first()
    user = cache.get(_key(user_id))
    if user is None:
        user = User._default_manager.filter(pk=user_id).first()
        if user is not None:
            cache.set(_key(user_id), user, USER_SECONDS)
    return user


def session_user_forget(*user_ids) -> None:
    """Drop these users' cached rows now and once more when the transaction commits."""
    if not settings.USER_ROW_CACHE or not user_ids:
        return
    keys = [_key(pk) for pk in user_ids]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def forget_saved_user(sender, instance, **kwargs) -> None:
    """post_save and post_delete of a user."""
    session_user_forget(instance.pk)


class CachedUserBackend(ModelBackend):
    """Django's ModelBackend (passwords, permissions), whose session user comes from
    `session_user`."""

    def get_user(self, user_id):
        user = session_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
