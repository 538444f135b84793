"""`manage.py import_meetings SOURCE`: import a Meeting Guide JSON feed from a file or an
http(s) URL. Re-running it with the same feed changes nothing, and costs little more than
reading the file (meetings whose rows are unchanged are not read again)."""

import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lantern.core.errors import Refused
from lantern.meetings.models import Fellowship
from lantern.meetings.services import import_feed, read_feed

# A feed publishes one object per meeting and day: 100,000 meetings take about 100 MB.
MAX_BYTES = 200 * 1024 * 1024


class Command(BaseCommand):
    help = "Import a Meeting Guide JSON feed (file path or http(s) URL)."

    def add_arguments(self, parser):
        parser.add_argument("source")
        parser.add_argument(
            "--fellowship",
            choices=Fellowship.values,
            default="",
            help="the program of a feed that is all one program (rows may still name their own)",
        )

    def handle(self, *args, source, fellowship, **options):
        if source.startswith(("http://", "https://")):
            # Only http(s), checked just above.
            request = urllib.request.Request(source, headers={"User-Agent": "Lantern"})  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    text = response.read(MAX_BYTES + 1)
            except OSError as exc:
                raise CommandError(f"could not fetch {source}: {exc}") from None
        else:
            path = Path(source)
            if not path.is_file():
                raise CommandError(f"no such file: {source}")
            text = path.read_bytes()
        if len(text) > MAX_BYTES:
            raise CommandError(f"the feed is larger than {MAX_BYTES // 1024 // 1024} MB")
        try:
            entries = read_feed(text)
        except Refused as error:
            raise CommandError(error.message) from None
        report = import_feed(entries, source=source, fellowship=fellowship)
        self.stdout.write(report.summary())
