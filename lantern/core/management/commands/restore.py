"""`manage.py restore PATH [--yes]`: replace the whole database with a backup made by
`manage.py backup`. Stop the web processes and workers first. A database that holds accounts
is replaced only with --yes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantern.core import backups


class Command(BaseCommand):
    help = "Restore the whole database from a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup to restore")
        parser.add_argument(
            "--yes", action="store_true", help="replace a database that holds accounts"
        )

    def handle(self, *args, path, yes=False, **options):
        try:
            backups.check_backup(path)
            accounts = backups.accounts_in_database()
            if accounts and not yes:
                raise CommandError(
                    f"This database holds {accounts} accounts, and restoring replaces "
                    "everything in it. Stop the site and the workers, then run again with "
                    "--yes to do it."
                )
            backups.restore(path)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored the database from {path}. If the backup is from an older version of "
            "Lantern, run `manage.py migrate` now; then start the site and the workers."
        )
