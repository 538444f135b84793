"""Print the current two-factor code of a demo staff account (development only)."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lantern.accounts.demo import DEMO_PEOPLE


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo staff account (only with LANTERN_DEBUG=1)."

    def add_arguments(self, parser):
        parser.add_argument("handle")

    def handle(self, *args, handle, **options):
        if not settings.DEBUG:
            raise CommandError("Only available in development (LANTERN_DEBUG=1).")
        if handle not in {h for h, *_rest in DEMO_PEOPLE}:
            raise CommandError(f"{handle!r} is not a demo account.")
        auth = Authenticator.objects.filter(user__handle=handle, type="totp").first()
        if auth is None:
            raise CommandError(f"{handle} has no two-factor authenticator.")
        secret = decrypt(auth.data["secret"])
        self.stdout.write(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
