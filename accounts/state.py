"""Each user's state token: it changes whenever something their own pages show changes.

The page cache (curriculum/page_cache.py) keeps a logged-in user's pages under their token, so
a page is rendered again right after the user ticks a topic, a grade lands, a mentor answers
or a notification arrives, and is otherwise served from the cache. The token lives on the user
row, which every logged-in request reads anyway, so checking it costs nothing.

Each app declares which of its rows belong to whom (`user_state_follows`, from its
`AppConfig.ready`); post_save and post_delete (a queryset's `delete()` sends it too) change the
owners' tokens. A queryset `update()` sends no signal: code that changes rows with one calls
`user_state_bump` itself (worker/lifecycle.py, for instance). Cached learner pages also expire
after a minute, which bounds what a missed change or the clock ("5 minutes ago") can leave.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from accounts.models import User, new_state_token
from accounts.session_user import session_user_forget

M = TypeVar("M", bound=Model)


def user_state_bump(*user_ids: int | None) -> None:
    """Give these users new tokens: their cached pages are not served again."""
    ids = {pk for pk in user_ids if pk is not None}
    if ids:
        User.objects.filter(pk__in=ids).update(state_token=new_state_token())
        session_user_forget(*ids)  # the token is read from the session's user row


def user_state_follows(model: type[M], owners: Callable[[M], Iterable[int | None]]) -> None:
    """Saving or deleting a `model` row changes the tokens of the users `owners(row)` names."""

    def changed(sender, instance, **kwargs) -> None:
        if kwargs.get("raw"):  # loaddata: no pages to refresh
            return
        user_state_bump(*owners(instance))

    uid = f"user-state-{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + "-save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + "-delete")


def user_state_follows_members(
    through: type[Model], owners: Callable[[int], Iterable[int]]
) -> None:
    """A many-to-many to users (a cohort's learners): adding or removing members changes
    theirs; `owners(pk)` names the members of the row on the other side (for `clear`)."""

    def changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
        if action not in ("post_add", "post_remove", "pre_clear"):
            return
        if reverse:  # instance is the user
            user_state_bump(instance.pk)
        elif action == "pre_clear":
            user_state_bump(*owners(instance.pk))
        else:
            user_state_bump(*(pk_set or ()))

    m2m_changed.connect(
        changed, sender=through, weak=False, dispatch_uid=f"user-state-{through._meta.label}"
    )
