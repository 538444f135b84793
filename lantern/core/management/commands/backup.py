"""`manage.py backup PATH`: a consistent copy of the whole database, taken while Lantern runs
(SQLite's online backup, or pg_dump on PostgreSQL; see lantern/core/backups.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantern.core import backups


class Command(BaseCommand):
    help = "Back up the whole database to PATH (SQLite online backup, or pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="where to write the backup")

    def handle(self, *args, path, **options):
        try:
            written = backups.backup(path)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        size = written.stat().st_size
        self.stdout.write(f"Backed up the database to {written} ({size:,} bytes).")
