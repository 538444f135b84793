"""Daily check-ins, the patterns worth a nudge, the streak, and the daily reminder.

Nudges are raised when something is written or by the task worker, never when a page is viewed:
a high-craving pattern when the check-in is saved; silence after a new start by the check the
new start schedules (`tasks.check_silence`) and by the daily reminder."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.core.timezones import zone_for
from lantern.meetings.models import Attendance
from lantern.safety.contexts import Context
from lantern.safety.services import circle_preferences, tell_circle

from .. import tasks
from ..models import CheckIn, Nudge, Preferences, Run, Trigger
from .base import (
    CRAVING_DAYS,
    CRAVING_HIGH,
    SILENCE_DAYS,
    SILENCE_WINDOW,
    _check,
    _limit,
    _own,
    now,
    today_for,
)

# --- Check-ins ----------------------------------------------------------------------------------


def attendance_on(member, day: date):
    return Attendance.objects.filter(member=member, date=day)


@transaction.atomic
def save_checkin(
    actor,
    *,
    mood: int,
    craving: int,
    triggers: list[str] = (),
    sleep: str = "",
    medication_taken: bool | None = None,
    meeting_ids: list[int] = (),
    other_meetings: int = 0,
    gratitude: str = "",
    note: str = "",
    day: date | None = None,
    checkin: CheckIn | None = None,
) -> Saved:
    """The actor's check-in for today (today on their own calendar): one per day, and only
    today's can be changed. Gratitude and the note pass the safety check; a pattern worth a
    nudge is raised (see `cravings_nudge`)."""
    if checkin is not None:
        _own(actor, checkin)
    today = today_for(actor)
    day = day or (checkin.day if checkin else today)
    if day > today:
        raise Refused(_("That date is in the future."), field="day")
    if day < today:
        raise Refused(_("Check-ins are for today; earlier days cannot be changed."), field="day")
    if not (isinstance(mood, int) and 1 <= mood <= 5):
        raise Refused(_("Mood goes from 1 to 5."), field="mood")
    if not (isinstance(craving, int) and 0 <= craving <= 10):
        raise Refused(_("Craving goes from 0 to 10."), field="craving")
    unknown = set(triggers) - set(Trigger.values)
    if unknown:
        raise Refused(_("Choose triggers from the list."), field="triggers")
    if sleep and sleep not in ("poor", "ok", "well"):
        raise Refused(_("Choose how you slept from the list."), field="sleep")
    if not 0 <= other_meetings <= 20:
        raise Refused(_("Between 0 and 20 other meetings, please."), field="other_meetings")
    gratitude, note = _limit(gratitude, "gratitude"), _limit(note, "note")
    existing = CheckIn.objects.select_for_update().filter(member=actor, day=day).first()
    if checkin is None and existing is not None:
        raise Refused(
            _("You have already checked in today. That check-in is kept; change it below.")
        )
    if checkin is not None and checkin.day != day:
        raise Refused(_("Check-ins are for today; earlier days cannot be changed."), field="day")
    obj = checkin or CheckIn(member=actor, day=day)
    obj.mood, obj.craving = mood, craving
    obj.triggers = [t for t in Trigger.values if t in set(triggers)]
    obj.sleep, obj.medication_taken, obj.other_meetings = sleep, medication_taken, other_meetings
    obj.gratitude, obj.note = gratitude, note
    obj.save()
    # Ids come from a form or the API: only ones that can be row ids reach the query.
    ids = [i for i in meeting_ids if isinstance(i, int) and 0 < i < 2**63]
    obj.meetings.set(attendance_on(actor, day).filter(pk__in=ids))
    show = _check(actor, [gratitude, note], Context.CHECKIN)
    _raise_cravings_nudge(actor, day)
    return Saved(obj, show_crisis_resources=show)


def _tell_circle(member, nudge: Nudge) -> None:
    """Only if the member opted in (on /safety/circle/): their circle hears that they may need
    someone, never what they wrote or their numbers."""
    if not circle_preferences(member).tell_circle_when_elevated:
        return
    tell_circle(member)
    nudge.circle_told = True
    nudge.save(update_fields=["circle_told"])


def _high_cravings(member, day: date) -> bool:
    """Craving of 8 or more on three days in a row, ending on `day`."""
    days = [day - timedelta(days=n) for n in range(CRAVING_DAYS)]
    high = CheckIn.objects.filter(member=member, day__in=days, craving__gte=CRAVING_HIGH).count()
    return high >= CRAVING_DAYS


def _recent_cravings_nudge(member, day: date) -> Nudge | None:
    return Nudge.objects.filter(
        member=member, kind=Nudge.Kind.CRAVINGS, day__gt=day - timedelta(days=CRAVING_DAYS)
    ).first()


def _raise_cravings_nudge(member, day: date) -> None:
    """Three high-craving days: raise one nudge (and tell the circle, if allowed)."""
    if not _high_cravings(member, day) or _recent_cravings_nudge(member, day) is not None:
        return
    nudge = Nudge.objects.create(member=member, kind=Nudge.Kind.CRAVINGS, day=day)
    _tell_circle(member, nudge)


def cravings_nudge(checkin: CheckIn) -> Nudge | None:
    """The reach-out offer standing after this check-in was saved: the cravings nudge of these
    days, unless the member dismissed it. Reads only."""
    if not _high_cravings(checkin.member_id, checkin.day):
        return None
    nudge = _recent_cravings_nudge(checkin.member_id, checkin.day)
    return nudge if nudge is not None and not nudge.dismissed else None


@transaction.atomic
def check_silence(member, at: datetime | None = None) -> Nudge | None:
    """No check-in for SILENCE_DAYS days after a recent new start (a run that follows another):
    raise one nudge for that new start. Run by the task worker (after a new start, and with
    each daily reminder); safe to run again."""
    today = today_for(member, at)
    recent_starts = (
        Run.objects.filter(
            counter__member=member,
            ended_on__isnull=True,
            started_on__gte=today - timedelta(days=SILENCE_WINDOW),
            started_on__lte=today - timedelta(days=SILENCE_DAYS),
        )
        .filter(counter__runs__ended_on__isnull=False)
        .distinct()
        .order_by("-started_on")
    )
    for run in recent_starts:
        if CheckIn.objects.filter(member=member, day__gte=run.started_on).exists():
            continue
        nudge, created = Nudge.objects.get_or_create(
            member=member, kind=Nudge.Kind.SILENCE, day=run.started_on
        )
        if created:
            _tell_circle(member, nudge)
        return nudge if not nudge.dismissed else None
    return None


def silence_check_at(member, started_on: date) -> datetime:
    """When to look for silence after a new start on `started_on`: noon on the member's own
    calendar, SILENCE_DAYS days later."""
    day = started_on + timedelta(days=SILENCE_DAYS)
    return datetime.combine(day, time(12, 0), tzinfo=zone_for(member))


def schedule_silence_check(member, started_on: date) -> None:
    """After this transaction commits, have the worker look for silence when it is due (at
    once, when a back-dated new start is already past it)."""
    when = silence_check_at(member, started_on)
    task = tasks.check_silence if when <= now() else tasks.check_silence.using(run_after=when)
    transaction.on_commit(lambda: task.enqueue(member.pk))


def run_silence_check(member_id: int) -> str:
    """Run by the task worker: look for silence after a new start."""
    member = get_user_model().objects.filter(pk=member_id, is_active=True).first()
    if member is None:
        return "inactive"
    return "nudged" if check_silence(member) is not None else "quiet"


def open_nudges(member):
    return Nudge.objects.filter(member=member, dismissed=False)[:2]


@transaction.atomic
def dismiss_nudge(actor, nudge: Nudge) -> Nudge:
    """The member puts the offer away ("Not now")."""
    _own(actor, nudge)
    nudge.dismissed = True
    nudge.save(update_fields=["dismissed"])
    return nudge


def streak(member, today: date) -> int:
    """Days in a row with a check-in, up to today (or yesterday, while today is still open)."""
    days = set(
        CheckIn.objects.filter(member=member, day__gt=today - timedelta(days=400)).values_list(
            "day", flat=True
        )
    )
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


# --- Reminders ----------------------------------------------------------------------------------


def preferences(member) -> Preferences:
    """The member's recovery settings; unsaved defaults until they change one (reading the
    reminders page writes nothing)."""
    return Preferences.objects.filter(member=member).first() or Preferences(member=member)


def next_reminder_at(member, reminder: time, at: datetime | None = None) -> datetime:
    """The next time the member's wall clock shows `reminder`, as an aware instant."""
    zone = zone_for(member)
    local = (at or now()).astimezone(zone)
    candidate = datetime.combine(local.date(), reminder, tzinfo=zone)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), reminder, tzinfo=zone)
    return candidate


def _schedule_reminder(member, prefs: Preferences, at: datetime | None = None) -> None:
    when = next_reminder_at(member, prefs.reminder_time, at)
    version = prefs.reminder_version
    transaction.on_commit(
        lambda: tasks.send_checkin_reminder.using(run_after=when).enqueue(member.pk, version)
    )


@transaction.atomic
def set_reminder(actor, reminder: time | None) -> Preferences:
    """Set (or clear, with None) the actor's daily check-in reminder. Any reminder already
    scheduled becomes stale (its version no longer matches) and does nothing when it runs."""
    prefs = Preferences.objects.select_for_update().get_or_create(member=actor)[0]
    prefs.reminder_time = reminder
    prefs.reminder_version += 1
    prefs.save()
    if reminder is not None:
        _schedule_reminder(actor, prefs)
    return prefs


def run_reminder(member_id: int, version: int) -> str:
    """Run by the task worker at the reminder time: remind the member unless they already
    checked in today, look for silence after a new start, and schedule tomorrow's."""
    with transaction.atomic():
        prefs = Preferences.objects.select_related("member").filter(member_id=member_id).first()
        if prefs is None or prefs.reminder_version != version or prefs.reminder_time is None:
            return "stale"
        # Claim this run: a second run of the same reminder (a retried task) finds the version
        # moved on and does nothing, so nobody is reminded twice or gets two chains.
        claimed = Preferences.objects.filter(pk=prefs.pk, reminder_version=version).update(
            reminder_version=version + 1
        )
        if not claimed:
            return "stale"
        prefs.reminder_version = version + 1
        member = prefs.member
        if not member.is_active:
            return "inactive"
        check_silence(member)
        outcome = "checked in"
        if not CheckIn.objects.filter(member=member, day=today_for(member)).exists():
            notify(member, "recovery.reminder", about=prefs, url=reverse("recovery-checkin"))
            outcome = "reminded"
        # From a minute past now, so a worker running early cannot schedule today's again.
        _schedule_reminder(member, prefs, now() + timedelta(minutes=1))
    return outcome
