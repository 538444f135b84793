"""Create one demo account per role, with known passwords. Safe to run again: it puts the demo
accounts back as they were and touches nothing else."""

from importlib import import_module

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management.base import BaseCommand
from django.db import transaction

from lantern.accounts import services
from lantern.accounts.models import Role, User

DEMO_PASSWORD = "lantern-demo-2026"
DEMO_APPS = ["meetings", "recovery", "community"]

# handle, roles, pronouns, pathways, TOTP secret (staff roles must use two-factor)
DEMO_PEOPLE = [
    ("river", [Role.MEMBER], "she/her", ["12-step", "medication"], None),
    ("sam", [Role.MEMBER], "he/him", ["smart"], None),
    ("jo", [Role.MEMBER, Role.SUPPORTER], "they/them", ["dharma", "12-step"], None),
    ("casey", [Role.SPECIALIST], "she/her", [], "JBSWY3DPEHPK3PXPCASEYDEMOSECRET2"),
    (
        "morgan",
        [Role.MEMBER, Role.MODERATOR],
        "he/him",
        ["12-step"],
        "JBSWY3DPEHPK3PXPMORGANDEMOSECRET",
    ),
    ("alex", [Role.ADMIN], "", [], "JBSWY3DPEHPK3PXPALEXDEMOSECRET22"),
]


class Command(BaseCommand):
    help = "Create or reset the demo accounts (one per role) with known passwords."

    def handle(self, *args, **options):
        with transaction.atomic():
            for handle, roles, pronouns, pathways, secret in DEMO_PEOPLE:
                user = User.objects.filter(handle__iexact=handle).first()
                if user is None:
                    user = User.objects.create_user(handle, DEMO_PASSWORD)
                    services.record_consents(user, guidelines=True, privacy=True)
                else:
                    user.set_password(DEMO_PASSWORD)
                user.pronouns, user.pathways, user.is_active = pronouns, pathways, True
                user.save()
                Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
                if secret:
                    TOTP.activate(user, secret)
                for role in Role.values:
                    if role in roles:
                        services.grant_role(user, role, by=None)
                    elif role != Role.ADMIN or handle != "alex":
                        user.role_grants.filter(role=role).delete()
                user.__dict__.pop("roles", None)

            # The safety net, ready to try: jo and casey are on duty, jo is in river's circle.
            from lantern.safety import services as safety

            people = {u.handle: u for u in User.objects.filter(handle__in=["river", "jo", "casey"])}
            safety.start_shift(people["jo"], Role.SUPPORTER, 12)
            safety.start_shift(people["casey"], Role.SPECIALIST, 12)
            if not people["river"].circle.filter(person=people["jo"]).exists():
                safety.add_to_circle(people["river"], "jo")

        # Each app's demo data (`seed()` in lantern/<app>/demo.py), also safe to run again.
        for app in DEMO_APPS:
            with transaction.atomic():
                import_module(f"lantern.{app}.demo").seed()

        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD})")
        for handle, roles, _pronouns, _pathways, secret in DEMO_PEOPLE:
            line = f"  {handle:<8} {', '.join(roles)}"
            if secret:
                line += f"  (two-factor secret {secret}; code now: manage.py demo_code {handle})"
            self.stdout.write(line)
