"""The safety net: every save of user-written text is assessed here, and urgent situations reach
a person. Other apps call these functions; safety never imports them.

Tiers, for reach-outs and alerts alike: 0 the first responders (a member's circle and on-duty
supporters for a reach-out; on-duty moderators and specialists for an alert), 1 on-duty
specialists (every specialist when nobody is on duty), 2 administrators. A tier nobody can be
found in is skipped at once; otherwise the next tier is told when the deadline passes unanswered.
"""

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.accounts.models import Role, User
from lantern.core import audit
from lantern.core.notifications import notify

from . import crisis_defaults, model, risk
from .models import (
    Alert,
    AlertNote,
    CircleMember,
    CirclePreferences,
    CrisisResource,
    ReachOut,
    ReachOutMessage,
    ReachOutRecipient,
    SafetySettings,
    Shift,
)

Assessment = risk.Assessment
SHARED_CONTEXTS = {"post", "reply", "chat", "message", "profile"}
PRIVATE_CONTEXTS = {"journal", "checkin", "plan", "note"}
LAST_TIER = ReachOut.Tier.ADMIN


class SafetyError(Exception):
    """A rule of the safety domain was broken; the message is shown to the person."""


def assess(text: str, context: str = "") -> Assessment:
    """Assess one piece of user-written text: urgent, elevated or none, with reasons (the
    curated patterns and the small learned model together; see safety/model.py)."""
    return model.assess(text, context)


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
def start_shift(person: User, role: str, hours: float) -> Shift:
    """Put `person` on duty in `role` from now for `hours` (at most 12)."""
    if role not in person.roles or role not in (
        Role.SUPPORTER,
        Role.SPECIALIST,
        Role.MODERATOR,
        Role.ADMIN,
    ):
        raise SafetyError(_("You can only go on duty in a role you hold."))
    if not 0 < hours <= 12:
        raise SafetyError(_("A shift lasts between a few minutes and 12 hours."))
    now = timezone.now()
    Shift.objects.on_duty(now).filter(person=person, role=role).update(ends_at=now)
    return Shift.objects.create(
        person=person, role=role, starts_at=now, ends_at=now + timedelta(hours=hours)
    )


def end_shift(person: User) -> int:
    now = timezone.now()
    return Shift.objects.on_duty(now).filter(person=person).update(ends_at=now)


# --- A member's circle --------------------------------------------------------------------------


@transaction.atomic
def add_to_circle(member: User, handle: str) -> CircleMember:
    """Add the person with `handle` to `member`'s circle."""
    person = User.objects.filter(handle__iexact=handle.strip(), is_active=True).first()
    if person is None:
        raise SafetyError(_("Nobody on Lantern has the handle %(handle)s.") % {"handle": handle})
    if person == member:
        raise SafetyError(_("You are always in your own corner; add someone else."))
    entry, created = CircleMember.objects.get_or_create(member=member, person=person)
    if created:
        notify(
            person,
            "safety.circle",
            _("%(handle)s added you to their circle") % {"handle": member.handle},
            body=_("If they ever tap “I need someone now”, you will be asked to reach out."),
        )
    return entry


def remove_from_circle(member: User, person_id: int) -> None:
    CircleMember.objects.filter(member=member, person_id=person_id).delete()


def circle_of(member: User) -> list[User]:
    return [c.person for c in member.circle.select_related("person").filter(person__is_active=True)]


def circle_preferences(member: User) -> CirclePreferences:
    prefs, _created = CirclePreferences.objects.get_or_create(member=member)
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


def _reach_out_link(reach_out: ReachOut) -> str:
    return f"/safety/reach-outs/{reach_out.pk}/"


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
                _("%(handle)s needs someone now") % {"handle": reach_out.member.handle},
                url=_reach_out_link(reach_out),
                urgent=True,
            )
    return len(people)


def _schedule(task, obj_id: int, tier: int, at) -> None:
    transaction.on_commit(lambda: task.using(run_after=at).enqueue(obj_id, tier))


def _advance_reach_out(reach_out: ReachOut) -> None:
    """Notify the current tier, skipping empty tiers, and set the next deadline."""
    from .tasks import escalate_reach_out

    minutes = SafetySettings.current().reach_out_escalation_minutes
    while _notify_reach_out_tier(reach_out) == 0 and reach_out.tier < LAST_TIER:
        reach_out.tier += 1
    if reach_out.tier < LAST_TIER:
        reach_out.escalates_at = timezone.now() + timedelta(minutes=minutes)
        _schedule(escalate_reach_out, reach_out.pk, reach_out.tier, reach_out.escalates_at)
    else:
        reach_out.escalates_at = None
    reach_out.save(update_fields=["tier", "escalates_at"])


@transaction.atomic
def start_reach_out(member: User, message: str = "") -> ReachOut:
    """ "I need someone now": tell the member's circle and on-duty supporters at once; escalate
    while nobody claims it."""
    message = message.strip()[:2000]
    if ReachOut.objects.filter(member=member, status=ReachOut.Status.OPEN).exists():
        return ReachOut.objects.filter(member=member, status=ReachOut.Status.OPEN).first()
    assessment = assess(message, "reach_out")
    reach_out = ReachOut.objects.create(member=member, message=message, level=assessment.level)
    _advance_reach_out(reach_out)
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
        _("We are finding someone for you"),
        body=_(
            "Nobody has answered yet, so we have asked more people. "
            "If you are in danger, call 911 or 988."
        ),
        url=_reach_out_link(reach_out),
        urgent=True,
    )
    return True


@transaction.atomic
def claim_reach_out(reach_out: ReachOut, person: User) -> ReachOut:
    """The first responder claims it; later ones are told who did."""
    locked = ReachOut.objects.select_for_update().get(pk=reach_out.pk)
    if locked.status != ReachOut.Status.OPEN:
        if locked.claimed_by_id == person.pk:
            return locked
        raise SafetyError(_("Someone is already with them."))
    locked.status = ReachOut.Status.CLAIMED
    locked.claimed_by = person
    locked.claimed_at = timezone.now()
    locked.escalates_at = None
    locked.save(update_fields=["status", "claimed_by", "claimed_at", "escalates_at"])
    audit.record(person, "reach_out.claim", locked, subject=locked.member)
    notify(
        locked.member,
        "safety.reach_out_claimed",
        _("%(handle)s is here for you") % {"handle": person.handle},
        url=_reach_out_link(locked),
        urgent=True,
    )
    return locked


@transaction.atomic
def post_reach_out_message(reach_out: ReachOut, author: User, text: str) -> ReachOutMessage:
    """A message between the member and the person who claimed their reach-out."""
    text = text.strip()
    if not text:
        raise SafetyError(_("Write something first."))
    if len(text) > 4000:
        raise SafetyError(_("Please keep messages under 4,000 characters."))
    if reach_out.status == ReachOut.Status.CLOSED:
        raise SafetyError(_("This conversation has ended."))
    message = ReachOutMessage.objects.create(reach_out=reach_out, author=author, text=text)
    other = reach_out.claimed_by if author == reach_out.member else reach_out.member
    if other is not None:
        notify(
            other,
            "safety.reach_out_message",
            _("New message from %(handle)s") % {"handle": author.handle},
            url=_reach_out_link(reach_out),
            urgent=True,
        )
    if author == reach_out.member:
        assessment = assess(text, "chat")
        if assessment.is_urgent and reach_out.level != risk.URGENT:
            reach_out.level = risk.URGENT
            reach_out.save(update_fields=["level"])
    return message


@transaction.atomic
def close_reach_out(reach_out: ReachOut, by: User) -> None:
    reach_out.status = ReachOut.Status.CLOSED
    reach_out.closed_at = timezone.now()
    reach_out.escalates_at = None
    reach_out.save(update_fields=["status", "closed_at", "escalates_at"])
    audit.record(by, "reach_out.close", reach_out, subject=reach_out.member)


# --- Text written on Lantern --------------------------------------------------------------------


@dataclass
class Outcome:
    """What the caller should do after `check_text`."""

    assessment: Assessment
    show_resources: bool
    alert: Alert | None
    hold: bool


def check_text(
    author: User,
    text: str,
    context: str,
    *,
    source=None,
    source_url: str = "",
    hold_urgent: bool | None = None,
) -> Outcome:
    """Every save of user-written text calls this. Urgent text in a shared space raises an
    alert for on-duty staff (and may be held); private text only shows the author resources,
    and tells their circle only if they opted in."""
    assessment = assess(text, context)
    alert = None
    hold = False
    if assessment.is_urgent and context not in PRIVATE_CONTEXTS:
        alert = raise_alert(author, text, context, assessment, source=source, source_url=source_url)
        hold = SafetySettings.current().hold_urgent_posts if hold_urgent is None else hold_urgent
    elif assessment.needs_care and context in PRIVATE_CONTEXTS:
        _tell_circle_if_allowed(author, assessment)
    return Outcome(
        assessment=assessment, show_resources=assessment.needs_care, alert=alert, hold=hold
    )


def _tell_circle_if_allowed(member: User, assessment: Assessment) -> None:
    prefs = CirclePreferences.objects.filter(member=member).first()
    if prefs is None:
        return
    urgent = assessment.is_urgent and prefs.tell_circle_when_urgent
    nudge = assessment.level == risk.ELEVATED and prefs.tell_circle_when_elevated
    if not (urgent or nudge):
        return
    tell_circle(member, urgent=urgent)


def tell_circle(member: User, *, urgent: bool = False) -> None:
    """Tell the member's circle they may need someone: never what they wrote or why. Callers
    check the member's circle preferences first."""
    for person in circle_of(member):
        notify(
            person,
            "safety.circle_nudge",
            _("%(handle)s may need someone to check on them") % {"handle": member.handle},
            urgent=urgent,
        )


def _alert_link(alert: Alert) -> str:
    return f"/safety/alerts/{alert.pk}/"


def _notify_alert_tier(alert: Alert) -> int:
    people = _tier_people(alert.tier, alert=True)
    for person in people:
        notify(
            person,
            "safety.alert",
            _("Urgent: someone may be in crisis"),
            url=_alert_link(alert),
            urgent=True,
        )
    return len(people)


def _advance_alert(alert: Alert) -> None:
    from .tasks import escalate_alert

    minutes = SafetySettings.current().alert_response_minutes
    while _notify_alert_tier(alert) == 0 and alert.tier < LAST_TIER:
        alert.tier += 1
    alert.respond_by = timezone.now() + timedelta(minutes=minutes)
    if alert.tier < LAST_TIER:
        _schedule(escalate_alert, alert.pk, alert.tier, alert.respond_by)
    alert.save(update_fields=["tier", "respond_by"])


@transaction.atomic
def raise_alert(
    author: User, text: str, context: str, assessment: Assessment, *, source=None, source_url=""
) -> Alert:
    """An urgent assessment in a shared space: alert on-duty moderators and specialists."""
    minutes = SafetySettings.current().alert_response_minutes
    alert = Alert.objects.create(
        level=assessment.level,
        reasons=assessment.reasons,
        context=context,
        source=audit.target_of(source),
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


@transaction.atomic
def acknowledge_alert(alert: Alert, person: User) -> Alert:
    """Take ownership of an alert; stops its escalation."""
    locked = Alert.objects.select_for_update().get(pk=alert.pk)
    if locked.status == Alert.Status.OPEN:
        locked.status = Alert.Status.ACKNOWLEDGED
        locked.owner = person
        locked.acknowledged_at = timezone.now()
        locked.save(update_fields=["status", "owner", "acknowledged_at"])
        audit.record(person, "alert.acknowledge", locked, subject=locked.author)
    return locked


@transaction.atomic
def add_alert_note(alert: Alert, person: User, text: str) -> AlertNote:
    text = text.strip()
    if not text:
        raise SafetyError(_("Write the note first."))
    if len(text) > 4000:
        raise SafetyError(_("Please keep notes under 4,000 characters."))
    note = AlertNote.objects.create(alert=alert, author=person, text=text)
    audit.record(person, "alert.note", alert, subject=alert.author)
    return note


@transaction.atomic
def resolve_alert(alert: Alert, person: User, note: str = "") -> Alert:
    if note.strip():
        add_alert_note(alert, person, note)
    locked = Alert.objects.select_for_update().get(pk=alert.pk)
    if locked.status == Alert.Status.OPEN:
        locked.owner, locked.acknowledged_at = person, timezone.now()
    locked.status = Alert.Status.RESOLVED
    locked.resolved_at = timezone.now()
    locked.save(update_fields=["status", "owner", "acknowledged_at", "resolved_at"])
    audit.record(person, "alert.resolve", locked, subject=locked.author)
    return locked


# --- Metrics for staff --------------------------------------------------------------------------


def _median_minutes(pairs) -> float | None:
    minutes = [(end - start).total_seconds() / 60 for start, end in pairs if start and end]
    return round(statistics.median(minutes), 1) if minutes else None


def metrics(days: int = 30) -> dict:
    """Alerts by level, time to acknowledge, escalations; reach-outs, time to claim."""
    since = timezone.now() - timedelta(days=days)
    alerts = Alert.objects.filter(created_at__gte=since)
    reach_outs = ReachOut.objects.filter(created_at__gte=since)
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
    }
