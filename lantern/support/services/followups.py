"""Follow-ups: scheduled when the intake is first recorded (the organisation's days and the SUPRT
windows), a closeout when the engagement closes; the specialist records each outcome."""

from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import Refused

from .. import access, schedule
from ..models import Engagement, FollowUp, today
from .base import staff_only

RATE_TARGET = 80  # per cent of people reached, as funders require


def _create(engagement: Engagement, windows) -> None:
    existing = set(engagement.followups.values_list("kind", flat=True))
    FollowUp.objects.bulk_create(
        FollowUp(
            engagement=engagement,
            kind=w.kind,
            label=w.label,
            due_on=w.due_on,
            window_start=w.start,
            window_end=w.end,
        )
        for w in windows
        if w.kind not in existing
    )


def schedule_for_intake(engagement: Engagement, intake_on: date) -> None:
    """The organisation's follow-ups and SUPRT's, from the intake date (once)."""
    _create(engagement, schedule.day_windows(intake_on) + schedule.suprt_windows(intake_on))


def schedule_closeout(engagement: Engagement) -> None:
    _create(engagement, [schedule.closeout_window(today())])


@transaction.atomic
def record_followup(actor, followup: FollowUp, *, outcome: str, done_on: date) -> FollowUp:
    """The specialist records whether the member was reached for this follow-up."""
    staff_only(actor, followup.engagement, "followups")
    if outcome not in FollowUp.Outcome.values:
        raise Refused(_("Choose reached or not reached."), field="outcome")
    if done_on > today():
        raise Refused(_("That date is in the future."), field="done_on")
    followup.outcome, followup.done_on = outcome, done_on
    followup.save(update_fields=["outcome", "done_on"])
    audit.record(actor, "support.followup", followup, subject=followup.engagement.member)
    return followup


def due_soon_cutoff(on: date | None = None) -> date:
    return (on or today()) + timedelta(days=7)


def due_list(specialist, on: date | None = None) -> list[FollowUp]:
    """Follow-ups not yet done whose window opens within a week (or is past), across the
    specialist's engagements whose consent covers follow-ups; the most overdue first."""
    readable = access.readable_engagements(specialist, "followups", on)
    return list(
        FollowUp.objects.filter(
            engagement__in=readable,
            done_on__isnull=True,
            window_start__lte=due_soon_cutoff(on),
        )
        .select_related("engagement__member")
        .order_by("window_end", "pk")
    )


def followup_rate(specialists, on: date | None = None, days: int = 365) -> dict:
    """Reached ÷ due for follow-ups whose window closed in the last `days`, for engagements of
    these specialists: the number funders compare with 80 %."""
    on = on or today()
    closed = FollowUp.objects.filter(
        engagement__specialist__in=specialists,
        window_end__lt=on,
        window_end__gte=on - timedelta(days=days),
    )
    due = closed.count()
    reached = closed.filter(outcome=FollowUp.Outcome.REACHED).count()
    percent = round(100 * reached / due) if due else None
    return {
        "due": due,
        "reached": reached,
        "percent": percent,
        "target": RATE_TARGET,
        "meets": percent is not None and percent >= RATE_TARGET,
    }
