"""Engagements and consent: a member asks for a specialist, or a specialist invites a member (by
handle, or with a code given in person); the member consents (scope, purpose, audience, end
date); consent is revocable at once; an engagement closes with a reason; a specialist hands it
to a colleague with the member's agreement."""

import secrets
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from lantern.community.services import conversations
from lantern.core import audit, ratelimits
from lantern.core.access import has_role
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.core.roles import Role
from lantern.safety.contexts import Context
from lantern.safety.extensions import Link

from .. import access
from ..models import SCOPES, Consent, ConsentHistory, Engagement, today
from . import followups
from .base import limit, now, person_by_handle, safety_check

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud, typed on a phone
PENDING = (Engagement.Status.REQUESTED, Engagement.Status.INVITED)
LIVE = (*PENDING, Engagement.Status.OPEN)
PLAN_EDIT = "recovery.plan_edit"  # recovery's audit action when someone else changes a plan


def _invite_limit() -> str:
    """Invitations are limited like referrals (60 an hour) until settings name their own
    "engagement_invite" limit (asked for in the hand-off); "engagement_request" (5 a day) is
    for members asking."""
    return (
        "engagement_invite" if "engagement_invite" in settings.LANTERN_RATE_LIMITS else "referral"
    )


def _url(engagement):
    return engagement.get_absolute_url()


def _specialist(actor) -> None:
    if not access.is_specialist(actor):
        raise NotFound(_("Only peer specialists can do this."))


def _refuse_duplicate(member, specialist=None) -> None:
    live = Engagement.objects.filter(member=member, status__in=LIVE)
    if specialist is not None:
        live = live.filter(specialist=specialist)
    if live.exists():
        raise Refused(_("There is already an engagement in progress."), field="handle")


@transaction.atomic
def request_specialist(member, note: str = "") -> Saved:
    """A member asks for a peer specialist; every specialist may take the request."""
    if not member.is_authenticated:
        raise NotFound()
    if access.is_specialist(member):
        raise Refused(_("You are a peer specialist: invite members from your caseload."))
    note = limit(note, "note", 2000)
    if Engagement.objects.filter(member=member, status__in=LIVE).exists():
        raise Refused(_("You already have a peer specialist or a request waiting."))
    ratelimits.consume("engagement_request", member)
    engagement = Engagement.objects.create(
        member=member, status=Engagement.Status.REQUESTED, request_note=note
    )
    audit.record(member, "support.request", engagement, subject=member)
    User = get_user_model()
    for specialist in User.objects.filter(
        is_active=True, role_grants__role=Role.SPECIALIST
    ).distinct():
        notify(specialist, "support.request", about=engagement, url=_url(engagement))
    shown = safety_check(member, [note], Context.INTAKE)
    return Saved(engagement, show_crisis_resources=shown)


@transaction.atomic
def take_request(actor, engagement: Engagement) -> Engagement:
    """A specialist takes a member's request; the member is asked for consent."""
    if not access.can_take_request(actor, engagement):
        raise NotFound()
    engagement.specialist = actor
    engagement.status = Engagement.Status.INVITED
    engagement.save(update_fields=["specialist", "status"])
    Notification.objects.about(engagement).exclude(recipient=engagement.member).delete()
    audit.record(actor, "support.take", engagement, subject=engagement.member)
    notify(
        engagement.member, "support.invited", about=engagement, actor=actor, url=_url(engagement)
    )
    return engagement


@transaction.atomic
def invite(actor, handle: str) -> Engagement:
    """A specialist invites a member by handle; nothing is shared until the member consents."""
    _specialist(actor)
    member = person_by_handle(handle)
    if member == actor or has_role(member, Role.SPECIALIST):
        raise Refused(_("Invite a member, not a colleague."), field="handle")
    _refuse_duplicate(member, actor)
    ratelimits.consume(_invite_limit(), actor)
    engagement = Engagement.objects.create(
        member=member, specialist=actor, status=Engagement.Status.INVITED
    )
    audit.record(actor, "support.invite", engagement, subject=member)
    notify(member, "support.invited", about=engagement, actor=actor, url=_url(engagement))
    return engagement


@transaction.atomic
def create_invite_code(actor) -> Engagement:
    """A code the specialist gives a person face to face; whoever enters it is invited."""
    _specialist(actor)
    ratelimits.consume(_invite_limit(), actor)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return Engagement.objects.create(
        specialist=actor, status=Engagement.Status.INVITED, invite_code=code
    )


@transaction.atomic
def join_with_code(member, code: str) -> Engagement:
    """The member enters a specialist's code and sees the invitation to consent to."""
    code = (code or "").strip().upper().replace("-", "").replace(" ", "")
    engagement = (
        Engagement.objects.select_for_update()
        .filter(invite_code=code, member__isnull=True, status=Engagement.Status.INVITED)
        .first()
        if code
        else None
    )
    if engagement is None:
        raise Refused(_("That code does not match an invitation."), field="code")
    if engagement.specialist_id == member.pk:
        raise Refused(_("That is your own code."), field="code")
    _refuse_duplicate(member, engagement.specialist)
    engagement.member = member
    engagement.invite_code = ""
    engagement.save(update_fields=["member", "invite_code"])
    audit.record(member, "support.join", engagement, subject=member)
    return engagement


def _member(actor, engagement) -> None:
    if not access.is_member_of(actor, engagement):
        raise NotFound()


@transaction.atomic
def give_consent(
    actor,
    engagement: Engagement,
    *,
    scopes: list[str],
    purpose: str,
    audience: str,
    ends_on: date | None = None,
) -> Consent:
    """The member consents (or changes their consent): which records, for what purpose, who
    may see them, until when. The first consent opens the engagement."""
    _member(actor, engagement)
    if engagement.status not in (Engagement.Status.INVITED, Engagement.Status.OPEN):
        raise Refused(_("This engagement is closed."))
    if engagement.specialist_id is None:
        raise Refused(_("No peer specialist has taken this request yet."))
    chosen = [s for s in SCOPES if s in set(scopes)]
    if not chosen:
        raise Refused(_("Choose at least one kind of record."), field="scopes")
    purpose = limit(purpose, "purpose", 300)
    if not purpose:
        raise Refused(_("Say what the records are for."), field="purpose")
    if audience not in Consent.Audience.values:
        raise Refused(_("Choose who may see the records."), field="audience")
    if ends_on is not None and ends_on < today():
        raise Refused(_("That date has already passed."), field="ends_on")
    Consent.objects.filter(engagement=engagement).delete()
    consent = Consent.objects.create(
        engagement=engagement,
        purpose=purpose,
        audience=audience,
        ends_on=ends_on,
        **dict.fromkeys(chosen, True),
    )
    ConsentHistory.objects.create(
        engagement=engagement,
        event="given",
        scopes=chosen,
        purpose=purpose,
        audience=audience,
        ends_on=ends_on,
        by=actor,
    )
    first = engagement.status != Engagement.Status.OPEN
    if first:
        engagement.status = Engagement.Status.OPEN
        engagement.opened_at = now()
        engagement.save(update_fields=["status", "opened_at"])
    audit.record(actor, "support.consent", engagement, subject=actor, scopes=chosen)
    notify(
        engagement.specialist,
        "support.consent",
        about=engagement,
        actor=actor,
        url=_url(engagement),
    )
    engagement.consent = consent
    return consent


@transaction.atomic
def revoke_consent(actor, engagement: Engagement) -> Engagement:
    """At once: the specialist's next request for any record is refused. The engagement stays
    open (the member may consent again, or close it)."""
    _member(actor, engagement)
    consent = Consent.objects.filter(engagement=engagement, revoked_at__isnull=True).first()
    if consent is None:
        return engagement
    consent.revoked_at = now()
    consent.save(update_fields=["revoked_at"])
    ConsentHistory.objects.create(engagement=engagement, event="revoked", by=actor)
    audit.record(actor, "support.revoke", engagement, subject=actor)
    if engagement.specialist is not None:
        notify(
            engagement.specialist,
            "support.revoked",
            about=engagement,
            actor=actor,
            url=_url(engagement),
        )
    return engagement


@transaction.atomic
def decline(actor, engagement: Engagement) -> Engagement:
    """The member says no to an invitation."""
    _member(actor, engagement)
    if engagement.status not in PENDING:
        raise Refused(_("This engagement is not waiting for an answer."))
    return _close(actor, engagement, Engagement.CloseReason.DECLINED)


def _close(actor, engagement, reason: str) -> Engagement:
    engagement.status = Engagement.Status.CLOSED
    engagement.close_reason = reason
    engagement.closed_at = now()
    engagement.handover_to = None
    engagement.save(update_fields=["status", "close_reason", "closed_at", "handover_to"])
    Consent.objects.filter(engagement=engagement, revoked_at__isnull=True).update(revoked_at=now())
    if engagement.opened_at is not None:
        followups.schedule_closeout(engagement)
    audit.record(actor, "support.close", engagement, subject=engagement.member, reason=reason)
    other = engagement.specialist if access.is_member_of(actor, engagement) else engagement.member
    if other is not None and other != actor:
        notify(other, "support.closed", about=engagement, actor=actor, url=_url(engagement))
    return engagement


@transaction.atomic
def close(actor, engagement: Engagement, reason: str) -> Engagement:
    """The member or the specialist closes the engagement, with a reason. Consent ends with it."""
    if not access.can_view_engagement(actor, engagement):
        raise NotFound()
    if engagement.status == Engagement.Status.CLOSED:
        raise Refused(_("This engagement is already closed."))
    if reason not in Engagement.CloseReason.values:
        raise Refused(_("Choose a reason."), field="reason")
    return _close(actor, engagement, reason)


@transaction.atomic
def propose_handover(actor, engagement: Engagement, handle: str) -> Engagement:
    """The specialist proposes a colleague; nothing changes until the member agrees."""
    if not access.is_specialist_of(actor, engagement) or not engagement.is_open:
        raise NotFound()
    colleague = person_by_handle(handle)
    if colleague == actor or not has_role(colleague, Role.SPECIALIST):
        raise Refused(_("Choose another peer specialist."), field="handle")
    engagement.handover_to = colleague
    engagement.save(update_fields=["handover_to"])
    audit.record(actor, "support.handover_proposed", engagement, subject=engagement.member)
    notify(
        engagement.member, "support.handover", about=engagement, actor=actor, url=_url(engagement)
    )
    return engagement


@transaction.atomic
def answer_handover(actor, engagement: Engagement, *, agree: bool) -> Engagement:
    """The member agrees (the colleague becomes their specialist, under the same consent) or
    not (nothing changes)."""
    _member(actor, engagement)
    if engagement.handover_to_id is None:
        raise Refused(_("There is no hand-over to answer."))
    if agree:
        before = engagement.specialist
        engagement.specialist = engagement.handover_to
        ConsentHistory.objects.create(engagement=engagement, event="handover", by=actor)
        audit.record(
            actor,
            "support.handover",
            engagement,
            subject=actor,
            from_=before.handle if before else "",
            to=engagement.handover_to.handle,
        )
        notify(
            engagement.specialist,
            "support.handed_over",
            about=engagement,
            actor=actor,
            url=_url(engagement),
        )
    engagement.handover_to = None
    engagement.save(update_fields=["specialist", "handover_to"])
    return engagement


@transaction.atomic
def open_messages(actor, engagement: Engagement):
    """The private conversation of the member and their specialist about this engagement,
    through the one conversation mechanism."""
    if not access.can_view_engagement(actor, engagement) or not engagement.is_open:
        raise NotFound()
    other = engagement.specialist if access.is_member_of(actor, engagement) else engagement.member
    return conversations.open_conversation(actor, other, about=engagement)


def engagements_of_member(member):
    return list(
        Engagement.objects.filter(member=member)
        .select_related("specialist", "consent", "handover_to")
        .order_by("-created_at")
    )


def open_requests():
    """Members' requests no specialist has taken yet, oldest first."""
    return list(
        Engagement.objects.filter(status=Engagement.Status.REQUESTED, specialist__isnull=True)
        .select_related("member")
        .order_by("created_at")
    )


def access_history(member, engagement=None, limit: int = 100):
    """Every read of the member's support records by staff, newest first: the member's
    accounting of disclosures."""
    events = audit.reads_about(member, limit)
    events = [
        e
        for e in events
        if e.action.startswith(("support.read_", "support.supervise_")) or e.action == PLAN_EDIT
    ]
    if engagement is not None:
        # Changes to the plan are audited by recovery against the goal: they belong to the
        # engagement whose specialist made them.
        target = audit.target_of(engagement)
        events = [
            e
            for e in events
            if e.target == target
            or (e.action == PLAN_EDIT and e.actor_id == engagement.specialist_id)
        ]
    return events


def links_for_responder(responder, member) -> list:
    """Registered with the safety net: when a member's own peer specialist answers their
    reach-out, a link to their engagement (nothing is read to make it; the pages audit reads)."""
    found = Engagement.objects.readable_by(responder, "notes").filter(member=member).first()
    if found is None or not access.is_specialist(responder):
        return []
    return [Link(str(_("Your work together (peer specialist)")), _url(found))]
