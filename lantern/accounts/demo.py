"""The demo people, one per role, with known passwords (`manage.py demo`). Safe to run again: it
puts the demo accounts back as they were and touches nothing else."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from . import services
from .models import Role, User

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
]


def seed() -> None:
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
        if secret:
            line += f"  (two-factor secret {secret}; code now: manage.py demo_code {handle})"
        lines.append(line)
    return lines
