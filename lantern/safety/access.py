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

from . import extensions
from .contexts import Context
from .models import Alert, ReachOut, ReachOutRecipient, ReviewItem, Shift

# Who answers reach-outs (and goes on duty): supporters, specialists, moderators, admins.
RESPONDER_ROLES = HELPER_ROLES
# Who works alerts: specialists, moderators, admins.
ALERT_ROLES = STAFF_ROLES
# Who may open any reach-out: they are told when it escalates, at any time.
ESCALATION_ROLES = (Role.SPECIALIST, Role.ADMIN)
# Who works the "Needs a look" queue at any time (supporters too, while on duty): moderators,
# and the specialists and admins an unanswered item escalates to.
REVIEW_ROLES = STAFF_ROLES


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


def is_on_duty_as(user, role: str) -> bool:
    """On a shift in `role` now, and still holding it (asked once per request)."""
    if not has_role(user, role):
        return False
    return remembered(
        user,
        f"safety.on_duty.{role}",
        lambda: Shift.objects.on_duty().filter(person=user, role=role).exists(),
    )


def can_open_review_page(user) -> bool:
    """Every responder finds the "Needs a look" page; a supporter off duty is told to go on
    duty to see what waits there."""
    return has_role(user, *RESPONDER_ROLES)


def can_work_review_queue(user) -> bool:
    """Moderators, specialists and admins, and supporters while they are on duty."""
    return has_role(user, *REVIEW_ROLES) or is_on_duty_as(user, Role.SUPPORTER)


# Words written to one person: in the queue for staff only, like a reported conversation.
STAFF_ONLY_REVIEW_CONTEXTS = (Context.MESSAGE.value,)


def can_act_on_review_item(user, item: ReviewItem) -> bool:
    """Whoever works the queue, on anyone's words but their own. A private message, or words
    whose writer the app that keeps them says is not for every peer to know (an anonymous
    post), only for staff: a supporter on duty never reads members' private messages nor
    learns who posted anonymously."""
    if item.author_id == user.pk or not can_work_review_queue(user):
        return False
    if has_role(user, *REVIEW_ROLES):
        return True
    if item.context in STAFF_ONLY_REVIEW_CONTEXTS:
        return False
    source = extensions.describe_review_sources(user, [item.source]).get(item.source)
    return source is None or not source.staff_only


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


def get_review_item_for(user, pk: int) -> ReviewItem:
    """The review item `pk` for the people who work the queue (never their own words); 404 for
    everyone else."""
    if not can_work_review_queue(user):
        raise Http404
    item = get_object_or_404(ReviewItem.objects.select_related("author", "handled_by"), pk=pk)
    if not can_act_on_review_item(user, item):
        raise Http404
    return item


def review_items_for(user, *, handled: bool = False) -> QuerySet[ReviewItem]:
    """What waits in the queue, soonest deadline first (or what was looked at, latest first),
    for the people who work it; never their own words; nothing for anyone else."""
    items = ReviewItem.objects.select_related("author", "handled_by")
    if not can_work_review_queue(user):
        return items.none()
    items = items.exclude(author=user)
    if not has_role(user, *REVIEW_ROLES):
        items = items.exclude(context__in=STAFF_ONLY_REVIEW_CONTEXTS)
    if handled:
        return items.handled().order_by("-handled_at", "-pk")
    return items.open().order_by("respond_by", "pk")


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
