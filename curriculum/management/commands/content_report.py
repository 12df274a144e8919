"""manage.py content_report: counts of live items per path and how each task is verified
(autograded:<slug>, project, self), as a table or JSON (curriculum.content.report)."""

import json

from django.core.management.base import BaseCommand

from curriculum.content.report import content_report, format_table


class Command(BaseCommand):
    help = (
        "Per path: phases, units, topics, resources, exercises, skills, traps, outcomes, "
        "glossary terms, and tasks by route (autograded, project, self); --json also lists "
        "each unit's tasks with their routes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="machine-readable output"
        )

    def handle(self, *args, as_json: bool, **options):
        rows = content_report(with_routes=True)
        self.stdout.write(
            json.dumps(rows, indent=2, ensure_ascii=False) if as_json else format_table(rows)
        )
