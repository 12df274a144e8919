"""Import and export as the admin runs them: the same services as the commands, as messages."""

from pathlib import Path as FilePath

from django.conf import settings

from curriculum.content.paths_export import content_export
from curriculum.content.paths_import import content_import
from curriculum.content.problems import ContentInvalid


def content_dir() -> FilePath:
    return FilePath(getattr(settings, "CONTENT_DIR", settings.BASE_DIR / "content"))


def import_for_admin(*, dry_run: bool) -> tuple[bool, list[str]]:
    """(ok, lines): the import report, or every problem when the files are invalid."""
    try:
        report = content_import(content_dir=content_dir(), dry_run=dry_run)
    except ContentInvalid as invalid:
        count = len(invalid.problems)
        return False, [
            f"{count} problem(s) found; nothing was written.",
            *map(str, invalid.problems),
        ]
    return True, report.lines()


def export_for_admin() -> list[str]:
    files = content_export(out_dir=content_dir())
    return [f"Exported {len(files)} files to {content_dir()}."]
