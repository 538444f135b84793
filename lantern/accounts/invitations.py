"""Invitations: links or codes an administrator makes in bulk (Settings → Invitations) that let
people join when sign-up is closed, and may carry a role and what other apps offer (a group to
join, say). Accounts imports no other app: those apps register what an invitation can carry
from their `AppConfig.ready()`:

    invitations.register_extra("space", _("Group to join"), choices=spaces, apply=join_space)

- `choices()` -> [(value, label)]: what an administrator may pick (a blank choice is added).
- `apply(person, value)`: done for the person who joins or accepts, in the same transaction.

Roles: an invitation may make someone a member or a supporter, never staff. A staff role
needs two-factor first (`services.grant_role`), so administrators give it on the person's page
once they have set it up.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core import access, audit
from lantern.core.errors import NotFound, Refused
from lantern.core.roles import Role

from . import role_requirements
from .models import Invitation, InvitationUse, RoleGrant

# What an invitation may make someone; staff roles need two-factor first (see above).
ROLES = [("", gettext_lazy("Member")), (Role.SUPPORTER.value, Role.SUPPORTER.label)]
MOST_AT_ONCE = 200
# Unambiguous on paper and read aloud: no 0/O, 1/I/L.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
SESSION_KEY = "lantern_invitation"


@dataclass(frozen=True)
class Extra:
    name: str
    label: Any
    choices: Callable[[], list[tuple[str, str]]]
    apply: Callable[[Any, str], None]


_extras: dict[str, Extra] = {}


def register_extra(name: str, label, *, choices, apply) -> None:
    _extras[name] = Extra(name, label, choices, apply)


def extras() -> list[Extra]:
    return [_extras[name] for name in sorted(_extras)]


def describer():
    """`describe(invitation)` -> what it carries, in words: ["Supporter", "Group to join: Night
    owls"]. Each app's choices are read once, however many invitations are described."""
    labels = {extra.name: dict(extra.choices()) for extra in extras()}

    def describe(invitation: Invitation) -> list[str]:
        words = [str(dict(ROLES).get(invitation.role, invitation.role))]
        for extra in extras():
            value = invitation.extras.get(extra.name)
            if value:
                words.append(f"{extra.label}: {labels[extra.name].get(value, value)}")
        return words

    return describe


def describe(invitation: Invitation) -> list[str]:
    return describer()(invitation)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalized(code: str) -> str:
    """What a person types from paper: any case, spaces and dashes ignored."""
    return "".join(code.split()).replace("-", "").upper()[:16]


def link(invitation: Invitation) -> str:
    return reverse("accounts-join", args=[invitation.code])


@transaction.atomic
def create(
    actor,
    *,
    count: int,
    role: str = "",
    extras: dict | None = None,
    uses_each: int = 1,
    days: int = 30,
    note: str = "",
) -> list[Invitation]:
    """An administrator makes `count` invitations at once, each good for `uses_each` people
    for `days` days."""
    if not access.can_manage_roles(actor):
        raise NotFound
    if role not in dict(ROLES):
        raise Refused(_("An invitation can make someone a member or a supporter."), field="role")
    if not 1 <= count <= MOST_AT_ONCE:
        raise Refused(
            _("Make between 1 and %(most)s invitations at once.") % {"most": MOST_AT_ONCE},
            field="count",
        )
    extras = {name: value for name, value in (extras or {}).items() if value}
    for name, value in extras.items():
        extra = _extras.get(name)
        if extra is None or value not in dict(extra.choices()):
            raise Refused(_("Choose from the list."), field=name)
    expires_at = timezone.now() + timedelta(days=days)
    made = [
        Invitation(
            code=new_code(),
            note=note.strip(),
            role=role,
            extras=extras,
            uses_allowed=uses_each,
            expires_at=expires_at,
            created_by=actor,
        )
        for _ in range(count)
    ]
    Invitation.objects.bulk_create(made)
    audit.record(actor, "invitation.create", None, count=count, role=role, extras=extras)
    return made


@transaction.atomic
def revoke(actor, invitation: Invitation) -> Invitation:
    if not access.can_manage_roles(actor):
        raise NotFound
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(actor, "invitation.revoke", invitation)
    return invitation


def _grant_invited_role(person, invitation: Invitation) -> None:
    # Not staff (see ROLES): no two-factor needed. Granted as the invitation's maker.
    if RoleGrant.objects.grant(person, invitation.role, by=invitation.created_by):
        audit.record(
            invitation.created_by,
            "role.grant",
            person,
            subject=person,
            role=invitation.role,
            invitation=invitation.pk,
        )


def waiting_roles(person) -> list[str]:
    """Roles invitations gave `person` that wait for something they have not yet done."""
    return list(
        InvitationUse.objects.filter(person=person)
        .exclude(role_waiting="")
        .values_list("role_waiting", flat=True)
        .distinct()
    )


@transaction.atomic
def grant_waiting_roles(person) -> list[str]:
    """Give `person` the roles their invitations carried as soon as nothing is missing any more
    (an app calls it when the person has done what it asked, e.g. finished a course)."""
    granted = []
    for use in (
        InvitationUse.objects.select_for_update().filter(person=person).exclude(role_waiting="")
    ):
        if role_requirements.missing(person, use.role_waiting):
            continue
        role, use.role_waiting = use.role_waiting, ""
        use.save(update_fields=["role_waiting"])
        _grant_invited_role(person, use.invitation)
        granted.append(role)
    return granted


def check(code: str) -> Invitation:
    """The invitation with this code if it can still be used; else a refusal that says why."""
    invitation = Invitation.objects.filter(code=normalized(code)).first()
    if invitation is None:
        raise Refused(_("We don't know that invitation code. Check it and try again."))
    if invitation.revoked_at is not None:
        raise Refused(_("This invitation was withdrawn. Ask whoever gave it to you for another."))
    if invitation.used >= invitation.uses_allowed:
        raise Refused(_("This invitation has been used. Ask whoever gave it to you for another."))
    if timezone.now() >= invitation.expires_at:
        raise Refused(_("This invitation has expired. Ask whoever gave it to you for another."))
    return invitation


@transaction.atomic
def use(person, code: str) -> Invitation:
    """`person` joins (or, already a member, accepts) with the invitation: they get its role
    and whatever else it carries. Counted once per person; a used-up invitation is refused."""
    invitation = check(code)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if InvitationUse.objects.filter(invitation=invitation, person=person).exists():
        return invitation
    check(invitation.code)  # again, under the lock: the last use may just have gone
    # A role that asks for something first (a course) waits until the person has done it.
    waiting = ""
    if invitation.role and role_requirements.missing(person, invitation.role):
        waiting = invitation.role
    InvitationUse.objects.create(invitation=invitation, person=person, role_waiting=waiting)
    Invitation.objects.filter(pk=invitation.pk).update(used=F("used") + 1)
    if invitation.role and not waiting:
        _grant_invited_role(person, invitation)
    for name, value in invitation.extras.items():
        extra = _extras.get(name)
        if extra is not None:
            extra.apply(person, value)
    audit.record(person, "invitation.use", invitation)
    invitation.refresh_from_db()
    return invitation
