"""manage.py import_content: validate the content folder, then import it idempotently."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from curriculum.content.paths_import import content_import
from curriculum.content.problems import ContentInvalid


class Command(BaseCommand):
    help = "Validate content/ (paths, resources, exercise packages) and import it; nothing is written if any file has a problem."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", type=Path, default=settings.CONTENT_DIR, help="content folder (CONTENT_DIR)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, write nothing"
        )
        parser.add_argument(
            "--force", action="store_true", help="re-sync paths even when their files are unchanged"
        )

    def handle(self, *args, dir: Path, dry_run: bool, force: bool, verbosity: int, **options):
        try:
            report = content_import(content_dir=dir, dry_run=dry_run, force=force)
        except ContentInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(invalid.problems)} problem(s) found; nothing was written."
            ) from None
        for line in report.lines(details=verbosity >= 2):
            self.stdout.write(line)
