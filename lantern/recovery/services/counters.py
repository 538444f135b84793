"""Sobriety counters: runs, new starts, days and milestones."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.core.timezones import zone_for

from .. import milestones as ms
from ..models import Counter, Grant, Run
from .base import _own, now, today_for
from .checkins import schedule_silence_check

# --- Counters -----------------------------------------------------------------------------------


def _check_start(member, started_on: date, started_at: time | None) -> None:
    if started_at is not None and started_at.tzinfo is not None:
        # Runs keep the member's wall-clock time; a zone would be dropped by PostgreSQL and
        # refused by SQLite, so it is refused here, the same on both, with what to send.
        raise Refused(
            _(
                "Give the time as it was on your own clock, without a time zone "
                "(18:30, not 18:30Z or 18:30+02:00)."
            ),
            field="started_at",
        )
    today, clock = ms.local_today(now(), zone_for(member))
    if started_on > today:
        raise Refused(_("That date is in the future."), field="started_on")
    if started_on == today and started_at is not None and started_at > clock:
        raise Refused(_("That time is still to come today."), field="started_at")
    if started_on < date(1900, 1, 1):
        raise Refused(_("Please check the year."), field="started_on")


@transaction.atomic
def start_counter(
    actor,
    kind: str,
    started_on: date,
    *,
    name: str = "",
    started_at: time | None = None,
    tell_on_reset: bool = False,
) -> Counter:
    """The actor's new counter from a date in the past or today (never the future), with its
    first run."""
    if kind not in Counter.Kind.values:
        raise Refused(_("Choose what you are counting."), field="kind")
    _check_start(actor, started_on, started_at)
    counter = Counter.objects.create(
        member=actor, kind=kind, name=name.strip()[:60], tell_on_reset=tell_on_reset
    )
    Run.objects.create(counter=counter, started_on=started_on, started_at=started_at)
    return counter


@transaction.atomic
def update_counter(
    actor,
    counter: Counter,
    *,
    kind: str,
    name: str,
    tell_on_reset: bool,
    started_on: date,
    started_at: time | None,
) -> Counter:
    """Rename a counter or correct its current run's start (a correction, not a new start: the
    new date may not be in the future nor before the previous run ended)."""
    _own(actor, counter)
    if kind not in Counter.Kind.values:
        raise Refused(_("Choose what you are counting."), field="kind")
    _check_start(actor, started_on, started_at)
    run = counter.current_run()
    previous = counter.runs.exclude(pk=run.pk).order_by("-started_on").first()
    if previous is not None and previous.ended_on and started_on < previous.ended_on:
        raise Refused(_("That date is before your previous run ended."), field="started_on")
    counter.kind, counter.name, counter.tell_on_reset = kind, name.strip()[:60], tell_on_reset
    counter.save()
    run.started_on, run.started_at = started_on, started_at
    run.save()
    return counter


@transaction.atomic
def new_start(actor, counter: Counter, started_on: date, started_at: time | None = None) -> Run:
    """Begin a new run of the actor's counter; the current one ends on that day and stays in
    the history. If the member chose so, the people they share milestones with are told (never
    why). The worker looks in a few days for silence (no check-in) after it."""
    _own(actor, counter)
    member = actor
    _check_start(member, started_on, started_at)
    run = Run.objects.select_for_update().get(counter=counter, ended_on__isnull=True)
    if started_on < run.started_on:
        raise Refused(
            _("A new start cannot be before the current run began (%(date)s).")
            % {"date": run.started_on.isoformat()},
            field="started_on",
        )
    run.ended_on = started_on
    run.save(update_fields=["ended_on"])
    fresh = Run.objects.create(counter=counter, started_on=started_on, started_at=started_at)
    if counter.tell_on_reset:
        grants = Grant.objects.active(today_for(member)).filter(member=member, milestones=True)
        url = reverse("recovery-shared-member", args=[member.handle])
        for grant in grants.select_related("person"):
            notify(grant.person, "recovery.new_start", about=counter, actor=member, url=url)
    schedule_silence_check(member, started_on)
    return fresh


@transaction.atomic
def delete_counter(actor, counter: Counter) -> None:
    """Remove the actor's counter and all its runs (the member asked; nothing else keeps
    them), and what others were told about it."""
    _own(actor, counter)
    Notification.objects.about(counter).delete()
    counter.delete()


@dataclass
class CounterSummary:
    counter: Counter
    run: Run
    days: int
    reached: list
    next: ms.Milestone | None
    runs: list  # (run, days) newest first
    longest: int
    total: int
    # On day 0 of a run, the whole minutes since it began: the counter shows hours (or
    # minutes), never "0 days".
    minutes: int = 0

    @property
    def hours(self) -> int:
        return self.minutes // 60

    @property
    def latest(self):
        return self.reached[-1] if self.reached else None


def run_days(run: Run, today: date, clock: time) -> int:
    if run.ended_on is not None:
        return max((run.ended_on - run.started_on).days, 0)
    return ms.days_between(run.started_on, run.started_at, today, clock)


def run_minutes(run: Run, today: date, clock: time) -> int:
    """Whole minutes since the run began on the member's clock (from midnight when they gave
    no time): what a day-0 counter shows, as hours or minutes."""
    began = datetime.combine(run.started_on, run.started_at or time(0))
    return max(int((datetime.combine(today, clock) - began).total_seconds() // 60), 0)


def summarize(counter: Counter, at: datetime | None = None) -> CounterSummary:
    """Days in the current run, its milestones, and the history: every run, the longest, and the
    total days in recovery across runs."""
    zone = zone_for(counter.member)
    at = at or now()
    today, clock = ms.local_today(at, zone)
    runs = list(counter.runs.all())
    current = next(r for r in runs if r.ended_on is None)
    reached, upcoming = ms.milestones(current.started_on, current.started_at, at, zone)
    lengths = [(r, run_days(r, today, clock)) for r in runs]
    days = run_days(current, today, clock)
    return CounterSummary(
        counter=counter,
        run=current,
        days=days,
        minutes=run_minutes(current, today, clock) if days == 0 else 0,
        reached=reached,
        next=upcoming,
        runs=lengths,
        longest=max(d for _r, d in lengths),
        total=sum(d for _r, d in lengths),
    )


def summaries(member, at: datetime | None = None) -> list[CounterSummary]:
    return [summarize(c, at) for c in member.counters.prefetch_related("runs")]
