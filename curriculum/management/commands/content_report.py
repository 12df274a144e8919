"""manage.py content_report: counts of live items per path, as a table or JSON."""

import json

from django.core.management.base import BaseCommand

from curriculum.content.report import content_report, format_table


class Command(BaseCommand):
    help = "Per path: phases, units, topics, resources, exercises, skills, traps, outcomes, glossary terms."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="machine-readable output"
        )

    def handle(self, *args, as_json: bool, **options):
        rows = content_report()
        self.stdout.write(
            json.dumps(rows, indent=2, ensure_ascii=False) if as_json else format_table(rows)
        )
