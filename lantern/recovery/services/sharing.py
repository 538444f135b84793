"""Sharing grants, and the audit of every read by a grantee."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.notifications import notify

from ..models import Grant
from .base import RecoveryError, _person, now, today_for

# --- Sharing ------------------------------------------------------------------------------------

SCOPES = ("milestones", "checkins", "plan")


@transaction.atomic
def grant_access(member, handle: str, scopes: list[str], ends_on: date | None = None) -> Grant:
    """Let a named person see the chosen parts (milestones, check-ins, plan) until an optional
    end date. A new grant to the same person replaces the old one."""
    person = _person(member, handle)
    chosen = [s for s in SCOPES if s in set(scopes)]
    if not chosen:
        raise RecoveryError(_("Choose at least one thing to share."), "scopes")
    if ends_on is not None and ends_on < today_for(member):
        raise RecoveryError(_("That date has already passed."), "ends_on")
    Grant.objects.active(today_for(member)).filter(member=member, person=person).update(
        revoked_at=now()
    )
    grant = Grant.objects.create(
        member=member, person=person, ends_on=ends_on, **dict.fromkeys(chosen, True)
    )
    audit.record(member, "recovery.grant", grant, subject=member, person=person.handle)
    notify(
        person,
        "recovery.grant",
        _("%(handle)s shared their recovery with you") % {"handle": member.handle},
        url=f"/recovery/shared/{member.handle}/",
    )
    return grant


@transaction.atomic
def revoke_grant(grant: Grant) -> Grant:
    """Takes effect at once: the next request by that person is refused."""
    if grant.revoked_at is None:
        grant.revoked_at = now()
        grant.save(update_fields=["revoked_at"])
        audit.record(
            grant.member, "recovery.revoke", grant, subject=grant.member, person=grant.person.handle
        )
    return grant


def active_grant(viewer, member) -> Grant | None:
    if not viewer.is_authenticated or viewer.pk == member.pk:
        return None
    return Grant.objects.active(today_for(member)).filter(member=member, person=viewer).first()


def record_shared_read(viewer, member, scope: str, obj=None) -> None:
    """Every read by someone the member shared with goes in the audit log the member sees."""
    audit.record(viewer, f"recovery.view_{scope}", obj, subject=member)


def who_looked(member, limit: int = 50):
    return member.audit_events_about.filter(action__startswith="recovery.view_").select_related(
        "actor"
    )[:limit]


def shared_with_me(viewer) -> list[Grant]:
    grants = Grant.objects.filter(person=viewer, revoked_at__isnull=True).select_related("member")
    return [g for g in grants if g.ends_on is None or g.ends_on >= today_for(g.member)]
