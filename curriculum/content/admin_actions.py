"""Import and export as the admin runs them: the same services as the commands, as messages."""

from pathlib import Path as FilePath

from django.conf import settings

from curriculum.content.paths_export import content_export
from curriculum.content.paths_import import content_import
from curriculum.content.problems import ContentInvalid
from curriculum.models import ContentImportRun


def content_dir() -> FilePath:
    return FilePath(getattr(settings, "CONTENT_DIR", settings.BASE_DIR / "content"))


def import_for_admin(*, dry_run: bool, user=None) -> ContentImportRun:
    """Run the import (or, with `dry_run`, a check) and record what ran: the folder, the
    time, counts per kind, and the report or every problem when the files are invalid."""
    folder = content_dir()
    run = ContentImportRun(content_dir=str(folder), dry_run=dry_run, requested_by=user)
    try:
        report = content_import(content_dir=folder, dry_run=dry_run)
    except ContentInvalid as invalid:
        count = len(invalid.problems)
        run.ok = False
        run.lines = "\n".join(
            [f"{count} problem(s) found; nothing was written.", *map(str, invalid.problems)]
        )
    else:
        run.counts = report.kind_counts()
        run.lines = "\n".join(report.lines())
    run.save()
    return run


def export_for_admin() -> list[str]:
    files = content_export(out_dir=content_dir())
    return [f"Exported {len(files)} files to {content_dir()}."]
