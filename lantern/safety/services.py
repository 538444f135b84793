"""The safety net: every save of user-written text is assessed here, and urgent situations reach
a person. Other apps call these functions; safety never imports them.

Tiers, for reach-outs and alerts alike: 0 the first responders (a member's circle and on-duty
supporters for a reach-out; on-duty moderators and specialists for an alert), 1 on-duty
specialists (every specialist when nobody is on duty), 2 administrators. A tier nobody can be
found in is skipped at once; otherwise the next tier is told when the deadline passes unanswered.
"""

import logging
import re
import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.accounts.models import User
from lantern.core import audit, ratelimits
from lantern.core.access import forget
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.core.roles import HELPER_ROLES, Role

from . import access, crisis_defaults, model, review, risk, tasks
from .contexts import Context
from .models import (
    Alert,
    AlertNote,
    CircleMember,
    CirclePreferences,
    CrisisResource,
    ReachOut,
    ReachOutMessage,
    ReachOutRecipient,
    ReviewItem,
    SafetySettings,
    Shift,
)

Assessment = risk.Assessment
LAST_TIER = ReachOut.Tier.ADMIN
# The sweeper leaves a deadline to its timer for this long before it steps in.
SWEEP_GRACE = timedelta(minutes=1)

logger = logging.getLogger(__name__)


def assess(text: str, context: Context | None = None) -> Assessment:
    """Assess one piece of user-written text: urgent, elevated or none, with reasons (the
    curated patterns and the small learned model together; see safety/model.py). The
    judgement is the same in every context; callers that act on it use `check_text`."""
    if context is not None and not isinstance(context, Context):
        raise TypeError(f"assess needs a safety.contexts.Context, not {context!r}")
    return model.assess(text, context.value if context is not None else "")


# --- Crisis resources ---------------------------------------------------------------------------


def crisis_resources(language: str) -> list[CrisisResource]:
    """The active crisis lines for a language, else English, else the built-in list: the
    crisis page is never empty."""
    for locale in dict.fromkeys([language[:2], "en"]):
        resources = list(CrisisResource.objects.filter(locale=locale, active=True))
        if resources:
            return resources
    builtin = crisis_defaults.rows(language[:2]) or crisis_defaults.rows("en")
    return [CrisisResource(**row) for row in builtin]


# --- Who is on duty -----------------------------------------------------------------------------


def on_duty(*roles: str, at=None) -> list[User]:
    """People on shift now in any of `roles` who still hold that role."""
    shifts = Shift.objects.on_duty(at).filter(role__in=roles, person__is_active=True)
    people = {}
    for shift in shifts.select_related("person"):
        if shift.role in shift.person.roles:
            people[shift.person.pk] = shift.person
    return list(people.values())


def with_role(*roles: str) -> list[User]:
    return list(User.objects.filter(is_active=True, role_grants__role__in=roles).distinct())


@transaction.atomic
def start_shift(actor: User, role: str, hours: float) -> Shift:
    """Put `actor` on duty in `role` (one they hold) from now for `hours` (at most 12)."""
    if not access.can_go_on_duty(actor):
        raise NotFound
    if role not in HELPER_ROLES or role not in actor.roles:
        raise Refused(_("You can only go on duty in a role you hold."), field="role")
    if not 0 < hours <= 12:
        raise Refused(_("A shift lasts between a few minutes and 12 hours."), field="hours")
    now = timezone.now()
    Shift.objects.on_duty(now).filter(person=actor, role=role).update(ends_at=now)
    forget(actor)  # on duty from now, in this request too
    return Shift.objects.create(
        person=actor, role=role, starts_at=now, ends_at=now + timedelta(hours=hours)
    )


@transaction.atomic
def end_shift(actor: User) -> int:
    """Take `actor` off duty now; returns how many shifts ended."""
    if not access.can_go_on_duty(actor):
        raise NotFound
    now = timezone.now()
    forget(actor)
    return Shift.objects.on_duty(now).filter(person=actor).update(ends_at=now)


# --- A member's circle --------------------------------------------------------------------------


@transaction.atomic
def add_to_circle(member: User, handle: str) -> CircleMember:
    """Add the person with `handle` to `member`'s circle, and tell them."""
    person = User.objects.filter(handle__iexact=handle.strip(), is_active=True).first()
    if person is None:
        raise Refused(
            _("Nobody on Lantern has the handle %(handle)s.") % {"handle": handle}, field="handle"
        )
    if person == member:
        raise Refused(_("You are always in your own corner; add someone else."), field="handle")
    entry, created = CircleMember.objects.get_or_create(member=member, person=person)
    if created:
        notify(person, "safety.circle", about=entry, actor=member)
    return entry


@transaction.atomic
def remove_from_circle(member: User, person_id: int) -> None:
    CircleMember.objects.filter(member=member, person_id=person_id).delete()


def circle_of(member: User) -> list[User]:
    return [c.person for c in member.circle.select_related("person").filter(person__is_active=True)]


def circle_preferences(member: User) -> CirclePreferences:
    """What `member` allows their circle to be told (the defaults, unsaved, if they never
    chose: reading them writes nothing)."""
    return CirclePreferences.objects.filter(member=member).first() or CirclePreferences(
        member=member
    )


@transaction.atomic
def set_circle_preferences(
    member: User, *, tell_circle_when_urgent: bool, tell_circle_when_elevated: bool
) -> CirclePreferences:
    prefs, _created = CirclePreferences.objects.update_or_create(
        member=member,
        defaults={
            "tell_circle_when_urgent": tell_circle_when_urgent,
            "tell_circle_when_elevated": tell_circle_when_elevated,
        },
    )
    return prefs


# --- Reach-outs ---------------------------------------------------------------------------------


def _tier_people(tier: int, *, alert: bool = False, member: User | None = None) -> list[User]:
    if tier == ReachOut.Tier.PEERS:
        if alert:
            return on_duty(Role.MODERATOR, Role.SPECIALIST)
        people = circle_of(member) + on_duty(Role.SUPPORTER)
        return [p for p in {p.pk: p for p in people}.values() if p != member]
    if tier == ReachOut.Tier.SPECIALIST:
        return on_duty(Role.SPECIALIST) or with_role(Role.SPECIALIST)
    return with_role(Role.ADMIN)


def _reach_out_url(reach_out: ReachOut) -> str:
    return reverse("safety-reach-out", kwargs={"pk": reach_out.pk})


def _notify_reach_out_tier(reach_out: ReachOut) -> int:
    """Tell everyone in the reach-out's current tier; return how many were told."""
    people = [
        p for p in _tier_people(reach_out.tier, member=reach_out.member) if p != reach_out.member
    ]
    for person in people:
        _recipient, created = ReachOutRecipient.objects.get_or_create(
            reach_out=reach_out, person=person, defaults={"tier": reach_out.tier}
        )
        if created:
            notify(
                person,
                "safety.reach_out",
                about=reach_out,
                actor=reach_out.member,
                url=_reach_out_url(reach_out),
                urgent=True,
            )
    return len(people)


def _schedule(task, obj_id: int, tier: int, at) -> None:
    transaction.on_commit(lambda: task.using(run_after=at).enqueue(obj_id, tier))


def _advance_reach_out(reach_out: ReachOut) -> None:
    """Notify the current tier, skipping empty tiers, and set the next deadline."""
    minutes = SafetySettings.current().reach_out_escalation_minutes
    while _notify_reach_out_tier(reach_out) == 0 and reach_out.tier < LAST_TIER:
        reach_out.tier += 1
    if reach_out.tier < LAST_TIER:
        reach_out.escalates_at = timezone.now() + timedelta(minutes=minutes)
        _schedule(tasks.escalate_reach_out, reach_out.pk, reach_out.tier, reach_out.escalates_at)
    else:
        reach_out.escalates_at = None
    reach_out.save(update_fields=["tier", "escalates_at"])


def current_reach_out(member: User) -> ReachOut | None:
    """The member's reach-out still going (waiting or claimed), newest first, if any."""
    if not member.is_authenticated:
        return None
    going = ReachOut.objects.filter(member=member).exclude(status=ReachOut.Status.CLOSED)
    return going.select_related("claimed_by").first()


@transaction.atomic
def start_reach_out(actor: User, message: str = "", phone: str = "") -> ReachOut:
    """ "I need someone now": tell the member's circle and on-duty supporters at once; escalate
    while nobody claims it. A member with a request still waiting gets that one back (with the
    number they just gave, if any). Each new request pages people, so there is a rate limit
    ("reach_out"); the page that refuses still shows the crisis lines. The reach-out's page
    always shows them, so the words need no separate offer of the lines. `phone`, if the member
    gives one, is for whoever answers to call them (see `clean_reach_out_phone`)."""
    message = message.strip()[:2000]
    phone = clean_reach_out_phone(phone)
    waiting = ReachOut.objects.filter(member=actor, status=ReachOut.Status.OPEN).first()
    if waiting is not None:
        if phone:
            waiting.phone = phone
            waiting.save(update_fields=["phone"])
        return waiting
    ratelimits.consume("reach_out", actor)
    assessment = assess(message, Context.REACH_OUT)
    reach_out = ReachOut.objects.create(
        member=actor, message=message, level=assessment.level, phone=phone
    )
    _advance_reach_out(reach_out)
    return reach_out


def read_reach_out(actor: User, reach_out: ReachOut) -> ReachOut:
    """`actor` opens a reach-out. Anyone but the member is reading someone's crisis: audited, and
    listed in the member's "who looked"."""
    if not access.can_view_reach_out(actor, reach_out):
        raise NotFound
    if actor.pk != reach_out.member_id:
        audit.record(actor, "reach_out.view", reach_out, subject=reach_out.member)
    return reach_out


def escalate_reach_out_if_due(reach_out_id: int, expected_tier: int) -> bool:
    """Run by the task worker at a reach-out's deadline: if it is still open at the tier that set
    the deadline, tell the next tier. Returns whether it escalated."""
    with transaction.atomic():
        reach_out = ReachOut.objects.select_for_update().filter(pk=reach_out_id).first()
        if reach_out is None or not reach_out.is_open or reach_out.tier != expected_tier:
            return False
        if reach_out.tier >= LAST_TIER:
            return False
        reach_out.tier += 1
        _advance_reach_out(reach_out)
        audit.record(
            None, "reach_out.escalate", reach_out, subject=reach_out.member, tier=reach_out.tier
        )
        notify(
            reach_out.member,
            "safety.reach_out_update",
            about=reach_out,
            url=_reach_out_url(reach_out),
            urgent=True,
        )
    return True


@transaction.atomic
def claim_reach_out(actor: User, reach_out: ReachOut) -> ReachOut:
    """The first responder claims it; later ones are told who did. A specialist (or admin) also
    takes over one its responder handed off (`hand_off_reach_out`)."""
    if not access.can_claim_reach_out(actor, reach_out):
        raise NotFound
    locked = ReachOut.objects.select_for_update().select_related("member").get(pk=reach_out.pk)
    if locked.status != ReachOut.Status.OPEN:
        if locked.claimed_by_id == actor.pk:
            return locked
        if not access.can_take_over_reach_out(actor, locked):
            raise Refused(_("Someone is already with them."))
    locked.status = ReachOut.Status.CLAIMED
    locked.claimed_by = actor
    locked.claimed_at = timezone.now()
    locked.escalates_at = None
    locked.handed_off_at = None
    locked.save(
        update_fields=["status", "claimed_by", "claimed_at", "escalates_at", "handed_off_at"]
    )
    audit.record(actor, "reach_out.claim", locked, subject=locked.member)
    notify(
        locked.member,
        "safety.reach_out_claimed",
        about=locked,
        actor=actor,
        url=_reach_out_url(locked),
        urgent=True,
    )
    return locked


@transaction.atomic
def post_reach_out_message(actor: User, reach_out: ReachOut, text: str) -> ReachOutMessage:
    """A message between the member and the person who claimed their reach-out. The member's
    words are assessed: an urgent one marks the reach-out urgent. (The reach-out's page always
    shows the crisis lines, so there is nothing more to offer after a save.)"""
    if not access.can_message_in_reach_out(actor, reach_out):
        raise NotFound
    text = text.strip()
    if not text or len(text) > 4000:
        raise Refused(_("Write a message of up to 4,000 characters."), field="text")
    if reach_out.status == ReachOut.Status.CLOSED:
        raise Refused(_("This conversation has ended."))
    message = ReachOutMessage.objects.create(reach_out=reach_out, author=actor, text=text)
    other = reach_out.claimed_by if actor.pk == reach_out.member_id else reach_out.member
    if other is not None:
        notify(
            other,
            "safety.reach_out_message",
            about=reach_out,
            actor=actor,
            url=_reach_out_url(reach_out),
            urgent=True,
        )
    if actor.pk == reach_out.member_id:
        assessment = assess(text, Context.CHAT)
        if assessment.is_urgent and reach_out.level != risk.URGENT:
            reach_out.level = risk.URGENT
            reach_out.save(update_fields=["level"])
    return message


@transaction.atomic
def close_reach_out(actor: User, reach_out: ReachOut) -> ReachOut:
    """The member (when they are OK), the person with them, or a specialist or admin ends it."""
    if not access.can_close_reach_out(actor, reach_out):
        raise NotFound
    locked = ReachOut.objects.select_for_update().get(pk=reach_out.pk)
    if locked.status == ReachOut.Status.CLOSED:
        return locked
    locked.status = ReachOut.Status.CLOSED
    locked.closed_at = timezone.now()
    locked.escalates_at = None
    locked.phone = ""  # given for this conversation only
    locked.save(update_fields=["status", "closed_at", "escalates_at", "phone"])
    audit.record(actor, "reach_out.close", locked, subject=reach_out.member)
    return locked


# --- Text written on Lantern --------------------------------------------------------------------


@dataclass
class Outcome:
    """What the caller should do after `check_text`: `show_crisis_resources` → the writer sees
    the crisis lines next (`safety.crisis.offer_after_save`); `hold` → keep the text from
    others until a moderator looks; `review_item` → the words wait in "Needs a look"."""

    assessment: Assessment
    show_crisis_resources: bool
    alert: Alert | None
    hold: bool
    review_item: ReviewItem | None = None


def check_text(
    author: User,
    text: str,
    context: Context,
    *,
    source=None,
    source_url: str = "",
    hold_urgent: bool | None = None,
) -> Outcome:
    """Every save of user-written text calls this. Urgent text in a shared space raises an
    alert for on-duty staff (and may be held); shared text the net is unsure about (review,
    tier 2) waits in the "Needs a look" queue, paging nobody; private text only shows the
    author resources, and tells their circle only if they opted in. The writer sees the crisis
    lines whenever the words are elevated, for review or urgent."""
    if not isinstance(context, Context):
        raise TypeError(f"check_text needs a safety.contexts.Context, not {context!r}")
    assessment = assess(text, context)
    alert = None
    item = None
    hold = False
    if assessment.is_urgent and context.shared:
        alert = raise_alert(author, text, context, assessment, source=source, source_url=source_url)
        hold = SafetySettings.current().hold_urgent_posts if hold_urgent is None else hold_urgent
    elif assessment.review and context.shared:
        item = review.queue(author, text, context, assessment, source=source, source_url=source_url)
    elif assessment.needs_care and context.private and context != Context.PRACTICE:
        _tell_circle_if_allowed(author, assessment)
    role_play = context == Context.PRACTICE  # words for someone else's crisis, rehearsed
    return Outcome(
        assessment=assessment,
        show_crisis_resources=(assessment.needs_care or assessment.review) and not role_play,
        alert=alert,
        hold=hold,
        review_item=item,
    )


def _tell_circle_if_allowed(member: User, assessment: Assessment) -> None:
    """Private words: the member's circle hears only what the member opted in to. "Sounds like
    a crisis" covers review (tier 2, "may be a crisis") as well as urgent, but only urgent words
    make it an urgent notification."""
    prefs = CirclePreferences.objects.filter(member=member).first()
    if prefs is None:
        return
    crisis = (assessment.is_urgent or assessment.review) and prefs.tell_circle_when_urgent
    nudge = assessment.level == risk.ELEVATED and prefs.tell_circle_when_elevated
    if not (crisis or nudge):
        return
    tell_circle(member, urgent=assessment.is_urgent and prefs.tell_circle_when_urgent)


def tell_circle(member: User, *, urgent: bool = False) -> None:
    """Tell the member's circle they may need someone: never what they wrote or why. Callers
    check the member's circle preferences first."""
    for person in circle_of(member):
        notify(person, "safety.circle_nudge", about=member, actor=member, urgent=urgent)


def _alert_url(alert: Alert) -> str:
    return reverse("safety-alert", kwargs={"pk": alert.pk})


def _notify_alert_tier(alert: Alert) -> int:
    people = _tier_people(alert.tier, alert=True)
    for person in people:
        notify(person, "safety.alert", about=alert, url=_alert_url(alert), urgent=True)
    return len(people)


def _advance_alert(alert: Alert) -> None:
    minutes = SafetySettings.current().alert_response_minutes
    while _notify_alert_tier(alert) == 0 and alert.tier < LAST_TIER:
        alert.tier += 1
    alert.respond_by = timezone.now() + timedelta(minutes=minutes)
    if alert.tier < LAST_TIER:
        _schedule(tasks.escalate_alert, alert.pk, alert.tier, alert.respond_by)
    alert.save(update_fields=["tier", "respond_by"])


@transaction.atomic
def raise_alert(
    author: User,
    text: str,
    context: Context,
    assessment: Assessment,
    *,
    source=None,
    source_url: str = "",
) -> Alert:
    """An urgent assessment in a shared space: alert on-duty moderators and specialists.
    Called by `check_text`, and by `review.raise_to_urgent` (whose `source` is already the
    reference, "app.model:pk")."""
    minutes = SafetySettings.current().alert_response_minutes
    alert = Alert.objects.create(
        level=assessment.level,
        reasons=assessment.reasons,
        context=Context(context).value,
        source=source if isinstance(source, str) else audit.target_of(source),
        source_url=source_url,
        excerpt=text[:1000],
        author=author,
        respond_by=timezone.now() + timedelta(minutes=minutes),
    )
    _advance_alert(alert)
    return alert


def escalate_alert_if_due(alert_id: int, expected_tier: int) -> bool:
    """Run by the task worker at an alert's deadline: still unacknowledged → the next tier."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update().filter(pk=alert_id).first()
        if alert is None or alert.status != Alert.Status.OPEN or alert.tier != expected_tier:
            return False
        if alert.tier >= LAST_TIER:
            return False
        alert.tier += 1
        alert.escalations += 1
        alert.save(update_fields=["tier", "escalations"])
        _advance_alert(alert)
        audit.record(None, "alert.escalate", alert, subject=alert.author, tier=alert.tier)
    return True


def sweep_missed_escalations() -> int:
    """Run by every task worker each minute (`core.taskqueue.register_periodic`): a reach-out,
    an alert or a review item still open more than SWEEP_GRACE past its deadline lost its
    timer (the worker holding it died, or the queue lost it). Escalate each one tier, through
    the same conditional escalation as the timers, so it happens once whoever comes first; the
    next tier gets its own deadline from now. Returns how many escalated."""
    due = timezone.now() - SWEEP_GRACE
    escalated = 0
    reach_outs = ReachOut.objects.filter(
        status=ReachOut.Status.OPEN, escalates_at__lte=due, tier__lt=LAST_TIER
    )
    for pk, tier in reach_outs.values_list("pk", "tier"):
        if escalate_reach_out_if_due(pk, tier):
            logger.warning("Escalated reach-out %s whose timer was lost", pk)
            escalated += 1
    alerts = Alert.objects.filter(status=Alert.Status.OPEN, respond_by__lte=due, tier__lt=LAST_TIER)
    for pk, tier in alerts.values_list("pk", "tier"):
        if escalate_alert_if_due(pk, tier):
            logger.warning("Escalated alert %s whose timer was lost", pk)
            escalated += 1
    missed = review.sweep_missed(due)
    if missed:
        logger.warning("Escalated %s review items whose timers were lost", missed)
    return escalated + missed


def read_alert(actor: User, alert: Alert) -> Alert:
    """`actor` opens an alert, with the words that raised it: audited, and listed in the
    writer's "who looked"."""
    if not access.can_work_alerts(actor):
        raise NotFound
    audit.record(actor, "alert.view", alert, subject=alert.author)
    return alert


@transaction.atomic
def acknowledge_alert(actor: User, alert: Alert) -> Alert:
    """Take ownership of an alert; stops its escalation."""
    if not access.can_work_alerts(actor):
        raise NotFound
    locked = Alert.objects.select_for_update().get(pk=alert.pk)
    if locked.status == Alert.Status.OPEN:
        locked.status = Alert.Status.ACKNOWLEDGED
        locked.owner = actor
        locked.acknowledged_at = timezone.now()
        locked.save(update_fields=["status", "owner", "acknowledged_at"])
        audit.record(actor, "alert.acknowledge", locked, subject=locked.author)
    return locked


@transaction.atomic
def add_alert_note(actor: User, alert: Alert, text: str) -> AlertNote:
    """A note the other people working alerts read (what was done, who was called)."""
    if not access.can_work_alerts(actor):
        raise NotFound
    text = text.strip()
    if not text or len(text) > 4000:
        raise Refused(_("Write a note of up to 4,000 characters."), field="text")
    note = AlertNote.objects.create(alert=alert, author=actor, text=text)
    audit.record(actor, "alert.note", alert, subject=alert.author)
    return note


@transaction.atomic
def resolve_alert(actor: User, alert: Alert, note: str = "") -> Alert:
    """Close an alert, with an optional last note; whoever resolves an open alert owns it."""
    if not access.can_work_alerts(actor):
        raise NotFound
    if note.strip():
        add_alert_note(actor, alert, note)
    locked = Alert.objects.select_for_update().get(pk=alert.pk)
    if locked.status == Alert.Status.OPEN:
        locked.owner, locked.acknowledged_at = actor, timezone.now()
    locked.status = Alert.Status.RESOLVED
    locked.resolved_at = timezone.now()
    locked.save(update_fields=["status", "owner", "acknowledged_at", "resolved_at"])
    audit.record(actor, "alert.resolve", locked, subject=locked.author)
    return locked


# --- A member's data ---------------------------------------------------------------------------


def export_safety(member: User) -> dict:
    """What the safety net keeps about `member` for their download: their reach-outs and what
    they wrote in them, their circle and what it may be told, their shifts on duty. (Alerts are
    staff records; their audit trail is in "who looked".)"""
    reach_outs = member.reach_outs.prefetch_related("messages")
    prefs = circle_preferences(member)
    return {
        "reach_outs": [
            {
                "created_at": r.created_at.isoformat(),
                "status": r.status,
                "closed_at": r.closed_at.isoformat() if r.closed_at else None,
                "message": r.message,
                "phone": r.phone,
                "my_messages": [
                    {"at": m.created_at.isoformat(), "text": m.text}
                    for m in r.messages.all()
                    if m.author_id == member.pk
                ],
            }
            for r in reach_outs
        ],
        "circle": [person.handle for person in circle_of(member)],
        "circle_preferences": {
            "tell_circle_when_urgent": prefs.tell_circle_when_urgent,
            "tell_circle_when_elevated": prefs.tell_circle_when_elevated,
        },
        "shifts": [
            {"role": s.role, "starts_at": s.starts_at.isoformat(), "ends_at": s.ends_at.isoformat()}
            for s in member.shifts.all()
        ],
    }


def erase_safety(member: User) -> None:
    """Reach-outs, circles and shifts cascade with the account. What would outlive it: other
    people's notifications about the member (a reach-out, a circle, a nudge, a review item),
    found by what they are about, and the member's words quoted in alerts about them. Review
    items about the member go with the account."""
    about = [
        member,
        *member.reach_outs.only("pk"),
        *member.circle.only("pk"),
        *member.review_items.only("pk"),
    ]
    Notification.objects.about(*about).exclude(recipient=member).delete()
    for alert in Alert.objects.filter(author=member):
        alert.excerpt = ""
        alert.save(update_fields=["excerpt"])


# --- Metrics for staff --------------------------------------------------------------------------


def _median_minutes(pairs) -> float | None:
    minutes = [(end - start).total_seconds() / 60 for start, end in pairs if start and end]
    return round(statistics.median(minutes), 1) if minutes else None


def metrics(actor: User, days: int = 30) -> dict:
    """Alerts by level, time to acknowledge, escalations; reach-outs, time to claim; "Needs a
    look", time to a first look and how many escalated or were raised. For the people who work
    alerts."""
    if not access.can_view_safety_metrics(actor):
        raise NotFound
    since = timezone.now() - timedelta(days=days)
    alerts = Alert.objects.filter(created_at__gte=since)
    reach_outs = ReachOut.objects.filter(created_at__gte=since)
    review_items = ReviewItem.objects.filter(created_at__gte=since)
    return {
        "days": days,
        "alerts_by_level": dict(alerts.values_list("level").annotate(n=Count("pk"))),
        "alerts_open": alerts.exclude(status=Alert.Status.RESOLVED).count(),
        "alert_median_minutes_to_acknowledge": _median_minutes(
            alerts.values_list("created_at", "acknowledged_at")
        ),
        "alert_escalations": sum(alerts.values_list("escalations", flat=True)),
        "reach_outs": reach_outs.count(),
        "reach_outs_escalated": reach_outs.filter(tier__gt=0).count(),
        "reach_out_median_minutes_to_claim": _median_minutes(
            reach_outs.values_list("created_at", "claimed_at")
        ),
        "reach_outs_unclaimed": reach_outs.filter(status=ReachOut.Status.OPEN).count(),
        "review_items": review_items.count(),
        "review_open": review_items.open().count(),
        "review_escalated": review_items.filter(escalations__gt=0).count(),
        "review_raised": review_items.filter(status=ReviewItem.Status.RAISED).count(),
        "review_median_minutes_to_look": _median_minutes(
            review_items.values_list("created_at", "handled_at")
        ),
    }


# --- The person with a member who reached out --------------------------------------------------

# A number someone can dial: digits with the usual separators, 7 to 15 digits (E.164's most).
PHONE_CHARACTERS = re.compile(r"\+?[0-9(][0-9 ().-]*")


def clean_reach_out_phone(phone: str) -> str:
    """The number a member gives with "I need someone now", tidied, or "" for none; anything
    that is not a number someone could dial is refused (field "phone")."""
    phone = " ".join((phone or "").split())
    if not phone:
        return ""
    digits = sum(c.isdigit() for c in phone)
    if not PHONE_CHARACTERS.fullmatch(phone) or not 7 <= digits <= 15:
        raise Refused(
            _("Write a phone number someone can call, like 312 555 0100 or +1 312 555 0100."),
            field="phone",
        )
    return phone


@transaction.atomic
def hand_off_reach_out(actor: User, reach_out: ReachOut, note: str = "") -> ReachOutMessage:
    """The person with a member asks a peer specialist to take over (a warm hand-off): on-duty
    specialists (every specialist when none is on duty) are told at once and may take it over
    (`claim_reach_out`); the member reads the note in their conversation; the hand-off is in
    the audit log. The person with them stays until a specialist takes over."""
    if not access.can_view_reach_out(actor, reach_out):
        raise NotFound
    locked = ReachOut.objects.select_for_update().select_related("member").get(pk=reach_out.pk)
    if not access.can_hand_off_reach_out(actor, locked):
        raise Refused(_("Only the person with them can hand this over, once."))
    note = note.strip()
    if len(note) > 2000:
        raise Refused(_("Write a note of up to 2,000 characters."), field="note")
    specialists = [
        person
        for person in _tier_people(ReachOut.Tier.SPECIALIST)
        if person.pk not in (actor.pk, locked.member_id)
    ]
    if not specialists:
        raise Refused(_("No peer specialist can be reached right now. Stay with them."))
    locked.handed_off_at = timezone.now()
    locked.save(update_fields=["handed_off_at"])
    message = ReachOutMessage.objects.create(
        reach_out=locked, author=actor, kind=ReachOutMessage.Kind.HAND_OFF, text=note
    )
    for person in specialists:
        ReachOutRecipient.objects.get_or_create(
            reach_out=locked, person=person, defaults={"tier": ReachOut.Tier.SPECIALIST}
        )
        notify(
            person,
            "safety.reach_out_hand_off",
            about=locked,
            actor=actor,
            url=_reach_out_url(locked),
            urgent=True,
        )
    audit.record(
        actor, "reach_out.hand_off", locked, subject=locked.member, specialists=len(specialists)
    )
    return message
