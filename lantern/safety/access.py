"""Who may see and act on the safety net's records: predicates `can_<verb>_<thing>(user, obj)`
and loaders `get_<thing>_for(user, pk)` that return the record or raise `Http404`. Views (and
any API, command or consumer) load reach-outs and alerts through the loaders; the services ask
the predicates again before they act.

A reach-out is seen by the member who made it, the people asked to answer it, whoever claimed
it, and specialists and administrators (who may be escalated to at any time). Alerts are for
the people who work them: specialists, moderators and administrators.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from lantern.core.access import has_role, remembered
from lantern.core.models import reference
from lantern.core.roles import HELPER_ROLES, STAFF_ROLES, Role

from .models import Alert, ReachOut, ReachOutRecipient, Shift

# Who answers reach-outs (and goes on duty): supporters, specialists, moderators, admins.
RESPONDER_ROLES = HELPER_ROLES
# Who works alerts: specialists, moderators, admins.
ALERT_ROLES = STAFF_ROLES
# Who may open any reach-out: they are told when it escalates, at any time.
ESCALATION_ROLES = (Role.SPECIALIST, Role.ADMIN)


def can_view_reach_out(user, reach_out: ReachOut) -> bool:
    """The member, the people asked to respond, whoever claimed it, and specialists and
    admins (who may be escalated to at any time)."""
    if not user.is_authenticated:
        return False
    if reach_out.member_id == user.pk or reach_out.claimed_by_id == user.pk:
        return True
    if has_role(user, *ESCALATION_ROLES):
        return True
    return reach_out.recipients.filter(person=user).exists()


def can_claim_reach_out(user, reach_out: ReachOut) -> bool:
    return reach_out.member_id != user.pk and can_view_reach_out(user, reach_out)


def can_hand_off_reach_out(user, reach_out: ReachOut) -> bool:
    """The person with the member may ask a peer specialist to take over (once)."""
    return (
        user.is_authenticated
        and reach_out.status == ReachOut.Status.CLAIMED
        and reach_out.claimed_by_id == user.pk
        and reach_out.handed_off_at is None
    )


def can_take_over_reach_out(user, reach_out: ReachOut) -> bool:
    """A specialist (or an admin) takes over a reach-out its responder handed off."""
    return (
        user.is_authenticated
        and reach_out.is_handed_off
        and user.pk not in (reach_out.member_id, reach_out.claimed_by_id)
        and has_role(user, *ESCALATION_ROLES)
    )


def can_see_reach_out_phone(user, reach_out: ReachOut) -> bool:
    """The number the member gave is for the one person with them, while it lasts."""
    return (
        user.is_authenticated
        and reach_out.status == ReachOut.Status.CLAIMED
        and reach_out.claimed_by_id == user.pk
        and bool(reach_out.phone)
    )


def can_message_in_reach_out(user, reach_out: ReachOut) -> bool:
    return user.is_authenticated and user.pk in (reach_out.member_id, reach_out.claimed_by_id)


def can_close_reach_out(user, reach_out: ReachOut) -> bool:
    if not user.is_authenticated:
        return False
    return user.pk in (reach_out.member_id, reach_out.claimed_by_id) or has_role(
        user, *ESCALATION_ROLES
    )


def can_respond_to_reach_outs(user) -> bool:
    return has_role(user, *RESPONDER_ROLES)


def can_go_on_duty(user) -> bool:
    return has_role(user, *RESPONDER_ROLES)


def can_work_alerts(user) -> bool:
    return has_role(user, *ALERT_ROLES)


def can_view_safety_metrics(user) -> bool:
    return has_role(user, *ALERT_ROLES)


def is_on_duty(user) -> bool:
    return user.is_authenticated and Shift.objects.on_duty().filter(person=user).exists()


# --- Loaders ------------------------------------------------------------------------------------


def get_reach_out_for(user, pk: int) -> ReachOut:
    """The reach-out `pk` if `user` may see it; 404 otherwise (not 403: whether someone reached
    out must not even be known)."""
    reach_out = get_object_or_404(ReachOut.objects.select_related("member", "claimed_by"), pk=pk)
    if not can_view_reach_out(user, reach_out):
        raise Http404
    return reach_out


def get_alert_for(user, pk: int) -> Alert:
    """The alert `pk` for the people who work alerts; 404 for everyone else."""
    if not can_work_alerts(user):
        raise Http404
    return get_object_or_404(Alert.objects.select_related("author", "owner"), pk=pk)


def reach_outs_for(user) -> QuerySet[ReachOut]:
    """The reach-outs still going that `user` is asked to answer, newest first: every one for
    specialists and admins, those they were asked to answer for the other responders, none for
    anyone else. Never their own."""
    going = ReachOut.objects.exclude(status=ReachOut.Status.CLOSED).select_related(
        "member", "claimed_by"
    )
    if not can_respond_to_reach_outs(user):
        return going.none()
    if not has_role(user, *ESCALATION_ROLES):
        asked = ReachOutRecipient.objects.filter(reach_out=OuterRef("pk"), person=user)
        going = going.filter(Exists(asked))
    return going.exclude(member=user)


def waiting_for(user) -> list[ReachOut]:
    """What a responder on duty should answer before anything else, oldest first: the
    reach-outs they were asked to answer that nobody has claimed yet, and (for specialists and
    admins) those a peer handed off. Nothing for anyone off duty or without a responder role.
    One query, asked once per request (the banner and the header's count share it)."""
    if not can_respond_to_reach_outs(user):
        return []

    def compute() -> list[ReachOut]:
        shift = Shift.objects.on_duty().filter(person=user, role__in=user.roles)
        waiting = Q(status=ReachOut.Status.OPEN)
        if has_role(user, *ESCALATION_ROLES):
            waiting |= Q(status=ReachOut.Status.CLAIMED, handed_off_at__isnull=False) & ~Q(
                claimed_by=user
            )
        else:
            asked = ReachOutRecipient.objects.filter(reach_out=OuterRef("pk"), person=user)
            waiting &= Q(Exists(asked))
        found = (
            ReachOut.objects.filter(waiting, Exists(shift))
            .exclude(member=user)
            .select_related("member", "claimed_by")
            .order_by("created_at")[:50]
        )
        return list(found)

    return remembered(user, "safety.waiting", compute)


def alerts_about(user, records) -> dict[str, Alert]:
    """The latest alert raised about each of `records` (posts, messages…), by their reference
    ("community.post:42"), for the people who work alerts; {} for anyone else. One query."""
    sources = [reference(record) for record in records]
    if not sources or not can_work_alerts(user):
        return {}
    found = {}
    for alert in Alert.objects.filter(source__in=sources).order_by("created_at"):
        found[alert.source] = alert
    return found


def alerts_for(user, *, resolved: bool = False) -> QuerySet[Alert]:
    """Open (or resolved) alerts, newest first, for the people who work them."""
    alerts = Alert.objects.select_related("author", "owner")
    if not can_work_alerts(user):
        return alerts.none()
    return alerts.filter(status=Alert.Status.RESOLVED) if resolved else alerts.open()
