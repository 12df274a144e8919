"""manage.py export_content: write the database's live curricula back to content files."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from curriculum.content.paths_export import content_export


class Command(BaseCommand):
    help = "Write resources.yaml and paths/<slug>/path.yaml from the database (live items only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", type=Path, default=settings.BASE_DIR / "content", help="output folder"
        )

    def handle(self, *args, dir: Path, **options):
        for file in content_export(out_dir=dir):
            self.stdout.write(f"wrote {file}")
