"""The demo people, one per role and a few more members, with known passwords and believable join
dates (`manage.py demo`). Safe to run again: it puts the demo accounts back as they were and
touches nothing else."""

from datetime import timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from . import services
from .models import AccountType, Role, User

DEMO_PASSWORD = "lantern-demo-2026"

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
    ("nightowl", [Role.MEMBER], "", ["smart"], None),
    ("dawn", [Role.MEMBER], "she/her", [], None),
    ("pat", [Role.MEMBER], "she/her", [], None),
]
# pat's son is in treatment: an account for family and friends (programs' family program).
FAMILY = {"pat"}

# How long ago each joined, in days: a community with a history. river joined about four months
# ago and is 94 days sober (recovery/demo.py); sam, jo, casey, morgan and alex have been here for
# years; nightowl for some months. dawn joined three days ago: the one newcomer, whom the
# newcomers' rule protects (in their first 30 days members exchange private messages with
# helpers only).
JOINED_DAYS_AGO = {
    "river": 122,
    "sam": 730,
    "jo": 1_150,
    "casey": 900,
    "morgan": 1_500,
    "alex": 1_600,
    "nightowl": 160,
    "dawn": 3,
    "pat": 40,
}


def seed() -> None:
    for handle, roles, pronouns, pathways, secret in DEMO_PEOPLE:
        user = User.objects.filter(handle__iexact=handle).first()
        if user is None:
            user = User.objects.create_user(handle, DEMO_PASSWORD)
            services.record_consents(user, guidelines=True, privacy=True)
        else:
            user.set_password(DEMO_PASSWORD)
        user.pronouns, user.pathways, user.is_active = pronouns, pathways, True
        user.account_type = AccountType.FAMILY if handle in FAMILY else AccountType.RECOVERY
        user.date_joined = timezone.now() - timedelta(days=JOINED_DAYS_AGO[handle])
        user.save()
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        if secret:
            TOTP.activate(user, secret)
        # Roles through the services, which keep the audit log and Django's flags in step. The
        # admin role comes first and goes last, so Lantern always has an administrator.
        for role in sorted(roles, key=lambda r: r != Role.ADMIN):
            services.grant_role(user, role, by=None)
        for role in set(Role.values) - set(roles):
            if role in user.roles:
                services.revoke_role(user, role, by=None)


def describe() -> list[str]:
    lines = [f"Demo accounts (password for all: {DEMO_PASSWORD})"]
    for handle, roles, _pronouns, _pathways, secret in DEMO_PEOPLE:
        line = f"  {handle:<8} {', '.join(roles)}"
        if JOINED_DAYS_AGO[handle] < 30:
            line += f"  (joined {JOINED_DAYS_AGO[handle]} days ago: a newcomer)"
        if handle in FAMILY:
            line += "  (family and friends: her son is in treatment)"
        if secret:
            line += f"  (two-factor secret {secret}; code now: manage.py demo_code {handle})"
        lines.append(line)
    return lines
