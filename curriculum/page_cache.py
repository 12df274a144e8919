"""Browse, exercise and dashboard pages, rendered once and then served from the cache.

A page that shows only authored content is the same for every visitor until the content
changes. `cached_page` keeps a visitor's page in Django's cache (Redis in production, each
process's memory in the demo) under the current `ContentRevision`: an import or an admin edit
moves the revision, so every process stops using the old entries within a second (it reads the
revision at most once a second) and they age out. A logged-in user's page is kept under their
own key and their state token as well (accounts/state.py: it changes when anything their pages
show changes, and comes with the user row the session reads), for a minute at most.

What is made for one request is punched out of the stored page and filled in when it is
served: `{% csrf_token %}` renders a hole (the `holes` context processor), and the CSP nonce
the page used is replaced by one; a fresh token and nonce go into every answer. A page that
got a CSRF token some other way, a flash message, a cookie or a header of its own is served
but not stored.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import threading
import time
from collections.abc import Callable, Iterator

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from curriculum.models import ContentImportRun, ContentRevision, ExerciseCheck

PAGE_SECONDS = 3600  # entries of an old revision are never read again; this only frees them
# A page with a query string (a search, a filter, a page number) is one of endless variants:
# kept five minutes, so that a crawler of random searches cannot hold the cache for an hour.
QUERY_PAGE_SECONDS = 300
# Each process reads the revision at most once a second: a change made in another process
# shows within that second, one made in this process at once. The read would otherwise be
# half the cost of a cached page.
REVISION_SECONDS = 1.0
# A logged-in user's page: their own changes move their state token at once; this bounds
# what the clock changes ("5 minutes ago", today's streak) and anything a change missed.
USER_PAGE_SECONDS = 60
# Stand-ins in a stored page for what is made per request (letters only: autoescape keeps them).
CSRF_HOLE = "pagecacheCsrfTokenHole"
NONCE_HOLE = "pagecacheCspNonceHole"
# Rows that are not authored content: saving them changes no page.
NOT_CONTENT = (ContentRevision, ContentImportRun, ExerciseCheck)

_batch = threading.local()
_seen = {"number": 0, "until": 0.0}

View = Callable[..., HttpResponse]


def content_revision() -> int:
    """The current revision (0 before the first change), read again after REVISION_SECONDS."""
    now = time.monotonic()
    if now >= _seen["until"]:
        number = ContentRevision.objects.filter(pk=1).values_list("number", flat=True).first()
        _seen.update(number=number or 0, until=now + REVISION_SECONDS)
    return int(_seen["number"])


def content_revision_forget() -> None:
    """Read the revision again next time (after a change here, and between tests)."""
    _seen["until"] = 0.0


def content_revision_bump() -> None:
    """Move the revision, inside the caller's transaction: a rolled-back change moves nothing."""
    if not ContentRevision.objects.filter(pk=1).update(
        number=F("number") + 1, changed_at=timezone.now()
    ):
        ContentRevision.objects.get_or_create(pk=1, defaults={"number": 1})
    content_revision_forget()
    transaction.on_commit(content_revision_forget)  # others in this process saw the old one


@contextlib.contextmanager
def content_changes() -> Iterator[None]:
    """Many saves, one bump: an import saves thousands of rows and moves the revision once."""
    depth = getattr(_batch, "depth", 0)
    _batch.depth = depth + 1
    try:
        yield
    finally:
        _batch.depth = depth
    content_revision_bump()


def _on_content_saved(sender, **kwargs) -> None:
    if not getattr(_batch, "depth", 0):
        content_revision_bump()


def connect_signals() -> None:
    """Every curriculum model but the bookkeeping ones moves the revision when it changes."""
    from django.apps import apps

    for model in apps.get_app_config("curriculum").get_models():
        if issubclass(model, NOT_CONTENT):
            continue
        uid = f"content-revision-{model._meta.label}"
        post_save.connect(_on_content_saved, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_on_content_saved, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _on_content_saved, sender=field.remote_field.through, dispatch_uid=uid + field.name
            )


def fragment(
    name: str, render: Callable[[], dict[str, str]], *, query: bool = False
) -> dict[str, SafeString]:
    """Parts of a page that are the same for every user (rendered without a request, so
    nothing of one can get in), kept per content revision; logged-in pages put their own
    parts (progress, forms) around them. `name` must say everything the parts depend on;
    `query`: they vary with a query string, and are kept as briefly as such pages."""
    key = f"fragment:{content_revision()}:{name}"
    parts = cache.get(key)
    if parts is None:
        parts = render()
        cache.set(key, parts, QUERY_PAGE_SECONDS if query else PAGE_SECONDS)
    return {part: mark_safe(html) for part, html in parts.items()}  # noqa: S308 - our templates


def holes(request: HttpRequest) -> dict[str, str]:
    """Context processor: in a page being rendered for the cache, `{% csrf_token %}` writes a
    hole that each answer fills with its own token (listed after Django's csrf processor,
    which it overrides only then)."""
    return {"csrf_token": CSRF_HOLE} if getattr(request, "_page_cache_holes", False) else {}


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and len(messages))


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    """Only a plain 200 that used nothing made for this one request but the holes, and set
    no header a stored copy would lose."""
    return (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and set(response.headers) <= {"Content-Type"}
    )


def _key(request: HttpRequest, view_name: str) -> str:
    user = request.user
    who = f"{user.pk}:{user.state_token}" if user.is_authenticated else "visitor"
    where = "|".join(
        [
            request.get_host(),
            request.get_full_path(),
            request.headers.get("HX-Request", ""),
            request.headers.get("HX-Target", ""),
        ]
    )
    digest = hashlib.blake2b(where.encode(), digest_size=16).hexdigest()
    return f"page:{content_revision()}:{view_name}:{who}:{digest}"


def _fill(request: HttpRequest, content: bytes) -> bytes:
    """This answer's own CSRF token and CSP nonce in the stored page's holes."""
    if CSRF_HOLE.encode() in content:
        content = content.replace(CSRF_HOLE.encode(), get_token(request).encode())
    if NONCE_HOLE.encode() in content:
        nonce = str(request.csp_nonce)  # type: ignore[attr-defined]  # django-csp sets it
        content = content.replace(NONCE_HOLE.encode(), nonce.encode())
    return content


def cached_page(view: View) -> View:
    """Serve GETs of `view` from the cache while the content revision (and, logged in, the
    user's state token) stands."""
    view_name = f"{view.__module__}.{view.__qualname__}"

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request, view_name)
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(_fill(request, content), content_type=content_type)
        request._page_cache_holes = True  # type: ignore[attr-defined]
        try:
            response = view(request, *args, **kwargs)
        finally:
            request._page_cache_holes = False  # type: ignore[attr-defined]
        if response.streaming:
            return response
        content = response.content
        nonce = getattr(request, "_csp_nonce", None)
        if nonce:
            content = content.replace(nonce.encode(), NONCE_HOLE.encode())
        if _cacheable_response(request, response):
            if request.user.is_authenticated:
                timeout = USER_PAGE_SECONDS
            else:
                timeout = QUERY_PAGE_SECONDS if request.GET else PAGE_SECONDS
            cache.set(key, (content, response["Content-Type"]), timeout)
        response.content = _fill(request, content)
        return response

    return wrapper
