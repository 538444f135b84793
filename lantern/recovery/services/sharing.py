"""Sharing grants, and the reads by the people a member shares with: each read is a service here
that checks the grant and writes the audit line the member sees under "Who looked"."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.core.notifications import notify

from .. import access
from ..access import SCOPES
from ..models import CheckIn, Grant
from .base import _own, _person, now, today_for
from .counters import CounterSummary, summaries
from .trends import trends

# --- Sharing ------------------------------------------------------------------------------------


@transaction.atomic
def grant_access(actor, handle: str, scopes: list[str], ends_on: date | None = None) -> Grant:
    """The actor lets a named person see the chosen parts (milestones, check-ins, plan) until
    an optional end date. A new grant to the same person replaces the old one."""
    person = _person(actor, handle)
    chosen = [s for s in SCOPES if s in set(scopes)]
    if not chosen:
        raise Refused(_("Choose at least one thing to share."), field="scopes")
    if ends_on is not None and ends_on < today_for(actor):
        raise Refused(_("That date has already passed."), field="ends_on")
    Grant.objects.active(today_for(actor)).filter(member=actor, person=person).update(
        revoked_at=now()
    )
    grant = Grant.objects.create(
        member=actor, person=person, ends_on=ends_on, **dict.fromkeys(chosen, True)
    )
    audit.record(actor, "recovery.grant", grant, subject=actor, person=person.handle)
    notify(
        person,
        "recovery.grant",
        about=grant,
        actor=actor,
        url=reverse("recovery-shared-member", args=[actor.handle]),
    )
    return grant


@transaction.atomic
def revoke_grant(actor, grant: Grant) -> Grant:
    """Takes effect at once: the next request by that person is refused, and the notification
    that pointed them to the member's records goes."""
    _own(actor, grant)
    if grant.revoked_at is None:
        grant.revoked_at = now()
        grant.save(update_fields=["revoked_at"])
        Notification.objects.about(grant).delete()
        audit.record(actor, "recovery.revoke", grant, subject=actor, person=grant.person.handle)
    return grant


def who_looked(member, limit: int = 50):
    """Every read of the member's private records by someone else: grantees here, and what other
    apps register (`core.audit.register_read`), such as a moderator reading a reported
    conversation or a responder reading a reach-out."""
    return audit.reads_about(member, limit)


def shared_with_me(viewer) -> list[Grant]:
    grants = Grant.objects.filter(person=viewer, revoked_at__isnull=True).select_related("member")
    return [g for g in grants if g.ends_on is None or g.ends_on >= today_for(g.member)]


# --- Reads by the people a member shares with ---------------------------------------------------


def _read(actor, member, scope: str) -> None:
    """Refuse unless the member's grant to the actor covers `scope`; log the read for the
    member to see."""
    if not access.can_view_shared_recovery(actor, member, scope):
        raise NotFound(_("That is not shared with you."))
    audit.record(actor, f"recovery.view_{scope}", None, subject=member)


def read_shared_milestones(actor, member) -> list[CounterSummary]:
    """The member's counters and milestones, for someone they share milestones with."""
    _read(actor, member, "milestones")
    return summaries(member)


def read_shared_checkins(actor, member) -> dict:
    """The member's check-ins (newest first; the view pages them) and their 30-day trend, for
    someone they share check-ins with. Private notes and gratitude are never shared: they are
    not even loaded."""
    _read(actor, member, "checkins")
    checkins = CheckIn.objects.filter(member=member).defer("note", "gratitude")
    return {
        "checkins": checkins.prefetch_related("meetings"),
        "trends": trends(member, 30),
    }
