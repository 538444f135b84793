"""Sharing grants, and the reads by the people a member shares with: each read is a service here
that checks the grant and writes the audit line the member sees under "Who looked"."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from lantern.core import audit
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.safety.extensions import Link

from .. import access
from ..access import SCOPES
from ..models import CheckIn, Grant, JournalShare
from .base import _own, _person, now, today_for
from .counters import CounterSummary, summaries
from .trends import trends

# --- Sharing ------------------------------------------------------------------------------------


def _chosen(scopes) -> list[str]:
    chosen = [s for s in SCOPES if s in set(scopes)]
    if not chosen:
        raise Refused(_("Choose at least one thing to share."), field="scopes")
    return chosen


def _check_end(actor, ends_on: date | None) -> None:
    if ends_on is not None and ends_on < today_for(actor):
        raise Refused(_("That date has already passed."), field="ends_on")


def _share(actor, person, current: Grant | None, scopes: list[str], ends_on) -> Grant:
    """Put a grant with exactly `scopes` and `ends_on` in place of `current` (kept, revoked,
    as the member's history), and tell the person when they may now see more."""
    if current is not None:
        if set(current.scopes()) == set(scopes) and current.ends_on == ends_on:
            return current  # nothing changed
        current.revoked_at = now()
        current.save(update_fields=["revoked_at"])
    grant = Grant.objects.create(
        member=actor, person=person, ends_on=ends_on, **dict.fromkeys(scopes, True)
    )
    before = set(current.scopes()) if current is not None else set()
    audit.record(
        actor,
        "recovery.grant",
        grant,
        subject=actor,
        person=person.handle,
        scopes=scopes,
        before=sorted(before),
    )
    if set(scopes) - before:
        notify(
            person,
            "recovery.grant",
            about=grant,
            actor=actor,
            url=reverse("recovery-shared-member", args=[actor.handle]),
        )
    return grant


@transaction.atomic
def grant_access(actor, handle: str, scopes: list[str], ends_on: date | None = None) -> Grant:
    """The actor lets a named person see the chosen parts (milestones, check-ins, plan) until
    an optional end date. Sharing again with someone adds to what they already see: nothing
    is taken away here (that is `change_grant`, or `revoke_grant`), and the end date stays
    unless a new one is given."""
    person = _person(actor, handle)
    chosen = _chosen(scopes)
    _check_end(actor, ends_on)
    current = Grant.objects.active(today_for(actor)).filter(member=actor, person=person).first()
    if current is not None:
        chosen = [s for s in SCOPES if s in set(chosen) | set(current.scopes())]
        ends_on = ends_on if ends_on is not None else current.ends_on
    return _share(actor, person, current, chosen, ends_on)


@transaction.atomic
def change_grant(actor, grant: Grant, scopes: list[str], ends_on: date | None = None) -> Grant:
    """The actor changes what one person may see: exactly `scopes`, until `ends_on` (None:
    until they stop it). Taking everything away is `revoke_grant`."""
    _own(actor, grant)
    if not Grant.objects.active(today_for(actor)).filter(pk=grant.pk).exists():
        raise Refused(_("You no longer share with them. Share again below."))
    chosen = _chosen(scopes)
    _check_end(actor, ends_on)
    return _share(actor, grant.person, grant, chosen, ends_on)


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


def entries_shared_with_me(viewer) -> list[JournalShare]:
    """The journal entries other members shared with `viewer`, newest share first."""
    return list(
        JournalShare.objects.filter(person=viewer, entry__member__is_active=True)
        .select_related("entry__member")
        .order_by("-created_at")
    )


def entries_i_shared(member) -> list[JournalShare]:
    """Every journal entry the member shares, with whom, newest share first."""
    return list(
        JournalShare.objects.filter(entry__member=member)
        .select_related("entry", "person")
        .order_by("-created_at")
    )


SCOPE_PAGES = {
    "milestones": ("recovery-shared-milestones", _lazy("Milestones and counters")),
    "checkins": ("recovery-shared-checkins", _lazy("Check-ins")),
    "plan": ("recovery-shared-plan", _lazy("Recovery plan")),
}


def links_for_responder(responder, member) -> list[Link]:
    """What `member` shares with the person answering their reach-out (registered with the
    safety net in apps.py): links to the pages that read it, each read audited there. Reads
    nothing of the member's records itself."""
    links = []
    grant = access.active_grant(responder, member)
    for scope in grant.scopes() if grant else []:
        name, label = SCOPE_PAGES[scope]
        links.append(Link(str(label), reverse(name, args=[member.handle])))
    shares = JournalShare.objects.filter(entry__member=member, person=responder)
    for share in shares.select_related("entry").order_by("-created_at"):
        title = share.entry.title or _("Untitled")
        links.append(
            Link(
                _("Journal entry: %(title)s") % {"title": title},
                reverse("recovery-shared-journal", args=[share.entry_id]),
            )
        )
    return links


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
