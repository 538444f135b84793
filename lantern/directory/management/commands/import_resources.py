"""`manage.py import_resources FILE.csv [--demo]`: the directory's CSV import for operators;
prints each rejected row with its line and reason, keeps the rest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantern.core.errors import Refused
from lantern.directory import services


class Command(BaseCommand):
    help = "Import community resources from a CSV file (name, kind, address, phone, …)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--demo", action="store_true", help="mark the rows as demo data")

    def handle(self, *args, **options):
        try:
            text = Path(options["path"]).read_text(encoding="utf-8-sig")
            result = services.import_csv(None, text, demo=options["demo"])
        except (OSError, UnicodeDecodeError, Refused) as error:
            raise CommandError(str(error)) from error
        for line, reason in result.rejected:
            self.stderr.write(f"line {line}: {reason}")
        self.stdout.write(
            f"{result.created} added, {result.updated} updated, {len(result.rejected)} rejected, "
            f"{result.unchanged} unchanged"
        )
