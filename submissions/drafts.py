"""Editor drafts: saved as the learner types, restored on the next visit from any device."""

from django.db import transaction
from django.utils.text import normalize_newlines

from curriculum.models import Exercise
from submissions.limits import MAX_DRAFT_BYTES, over_limit
from submissions.models import Draft


class DraftRejected(ValueError):
    """The draft is too large to keep; the message is shown as is."""


@transaction.atomic
def draft_save(*, user, exercise: Exercise, code: str) -> Draft:
    code = normalize_newlines(code)  # a browser's form body turns every LF into CRLF
    size = len(code.encode("utf-8"))
    if size > MAX_DRAFT_BYTES:
        shown, limit = over_limit(size, MAX_DRAFT_BYTES)
        raise DraftRejected(
            f"The draft is {shown}; a draft may be at most {limit}, so it was not saved."
        )
    draft, _ = Draft.objects.update_or_create(user=user, exercise=exercise, defaults={"code": code})
    return draft


def editor_code(user, exercise: Exercise, latest_attempt=None) -> tuple[str, str]:
    """What the editor opens with, and where it came from: 'draft', 'attempt' or 'starter'.

    The draft wins unless an attempt was submitted after it was last saved.
    """
    draft = (
        Draft.objects.filter(user=user, exercise=exercise).first()
        if user.is_authenticated
        else None
    )
    attempt_code = latest_attempt.files.get(exercise.entrypoint) if latest_attempt else None
    if draft and (attempt_code is None or draft.updated_at >= latest_attempt.created_at):
        return draft.code, "draft"
    if attempt_code is not None:
        return attempt_code, "attempt"
    return exercise.starter_code, "starter"
