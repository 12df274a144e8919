"""Project submissions: work a mentor signs off instead of the grader.

A project item of a unit (a `UnitExercise` whose route is `project`) takes submissions of
its own: files typed in the page or uploaded (the exercise upload rules and limits, without
an entry point), and/or a repository URL with a commit, stated as text and never fetched.
The row is a `Submission` with `unit_item` set and `exercise` empty, created `submitted`
and never sent to the grader. Mentoring reacts to the new row (its post_save receiver)
by opening a review thread, or by showing the attempt in the thread that asked for changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from curriculum.models import UnitExercise
from submissions import uploads
from submissions.models import Status, Submission
from submissions.services import SubmissionRejected, validate_files

COMMIT = re.compile(r"^[0-9a-f]{7,40}$")
HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
REPO_PATH = re.compile(r"^(/[A-Za-z0-9._~%+-]+){1,8}/?$")


@dataclass(frozen=True)
class Repository:
    url: str = ""
    commit: str = ""


def repository_check(url: str, commit: str) -> Repository:
    """Both or neither; an http(s) URL of a repository page and a 7–40 digit hex commit.

    Only the shape is checked: nothing is fetched, so a URL with a password, a port, a query
    or a fragment, or a bare IP address is refused rather than stored.
    """
    url, commit = (url or "").strip(), (commit or "").strip().lower()
    if not url and not commit:
        return Repository()
    if not url:
        raise SubmissionRejected("Give the repository's URL with the commit.")
    if not commit:
        raise SubmissionRejected(
            "Give the commit to review (7 to 40 hexadecimal digits, as `git rev-parse HEAD` prints)."
        )
    if not COMMIT.match(commit):
        raise SubmissionRejected(
            f"{commit[:50]!r} is not a commit: use 7 to 40 hexadecimal digits (0-9, a-f)."
        )
    parts = urlsplit(url)
    if (
        len(url) > 300
        or any(c.isspace() for c in url)
        or parts.scheme not in ("https", "http")
        or parts.username is not None
        or parts.password is not None
        or parts.port is not None
        or parts.query
        or parts.fragment
        or not HOST.match(parts.hostname or "")
        or not REPO_PATH.match(parts.path or "")
    ):
        raise SubmissionRejected(
            "The repository URL should look like https://github.com/you/project: http(s), a "
            "host name, a path, and no password, port, query or fragment."
        )
    return Repository(url=url, commit=commit)


def project_files_from_uploads(uploaded: list[tuple[str, bytes, int]]) -> dict[str, str]:
    """Each (name, first bytes, size) parsed by submissions.uploads; names must not clash."""
    files: dict[str, str] = {}
    for name, data, size in uploaded:
        try:
            parsed = uploads.parse_project_upload(name, data, size=size)
        except uploads.UploadRejected as rejected:
            raise SubmissionRejected(str(rejected)) from None
        for file_name, text in parsed.files.items():
            if file_name in files:
                raise SubmissionRejected(f"Two of the files are named {file_name}.")
            files[file_name] = text
    return files


def project_item(pk: int) -> UnitExercise:
    """A live project item whose route is a mentor's sign-off, or UnitExercise.DoesNotExist."""
    item = (
        UnitExercise.objects.live()
        .select_related("unit__path", "exercise")
        .get(pk=pk, unit__is_archived=False, unit__path__is_archived=False)
    )
    if item.route != UnitExercise.Route.PROJECT:
        raise UnitExercise.DoesNotExist
    return item


@transaction.atomic
def project_submission_create(
    *,
    user,
    unit_item: UnitExercise,
    files: dict[str, str] | None = None,
    repository_url: str = "",
    commit: str = "",
    note: str = "",
) -> Submission:
    """Record a project attempt (status `submitted`, never graded) for a mentor to review."""
    if unit_item.route != UnitExercise.Route.PROJECT:
        raise SubmissionRejected("This item is not a project a mentor signs off.")
    files = {name: text for name, text in (files or {}).items() if text.strip()}
    repository = repository_check(repository_url, commit)
    if not files and not repository.url:
        raise SubmissionRejected(
            "Nothing to review yet: add files, upload a .zip or notebook, or give a repository "
            "URL and commit."
        )
    if files:
        validate_files(files)
    return Submission.objects.create(
        user=user,
        unit_item=unit_item,
        files=files,
        repository_url=repository.url,
        commit=repository.commit,
        note=note.strip(),
        status=Status.SUBMITTED,
        seed=0,
        enqueued_at=timezone.now(),
    )


def project_attempts(user, unit_item: UnitExercise) -> list[Submission]:
    if not user.is_authenticated:
        return []
    return list(
        Submission.objects.filter(user=user, unit_item=unit_item).order_by("-created_at", "-id")
    )
