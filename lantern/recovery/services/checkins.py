"""Daily check-ins, the patterns worth a nudge, the streak, and the daily reminder."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from lantern.core.notifications import notify
from lantern.core.timezones import zone_for
from lantern.meetings.models import Attendance

from ..models import CheckIn, Nudge, Preferences, Run, Trigger
from .base import (
    CRAVING_DAYS,
    CRAVING_HIGH,
    SILENCE_DAYS,
    SILENCE_WINDOW,
    RecoveryError,
    Saved,
    _check,
    _limit,
    now,
    today_for,
)

# --- Check-ins ----------------------------------------------------------------------------------


def attendance_on(member, day: date):
    return Attendance.objects.filter(member=member, date=day)


@transaction.atomic
def save_checkin(
    member,
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
    """Today's check-in (today on the member's own calendar): one per day, and only today's can
    be changed. Gratitude and the note pass the safety check; a pattern worth a nudge is raised."""
    today = today_for(member)
    day = day or (checkin.day if checkin else today)
    if day > today:
        raise RecoveryError(_("That date is in the future."), "day")
    if day < today:
        raise RecoveryError(_("Check-ins are for today; earlier days cannot be changed."), "day")
    if not (isinstance(mood, int) and 1 <= mood <= 5):
        raise RecoveryError(_("Mood goes from 1 to 5."), "mood")
    if not (isinstance(craving, int) and 0 <= craving <= 10):
        raise RecoveryError(_("Craving goes from 0 to 10."), "craving")
    unknown = set(triggers) - set(Trigger.values)
    if unknown:
        raise RecoveryError(_("Choose triggers from the list."), "triggers")
    if sleep and sleep not in ("poor", "ok", "well"):
        raise RecoveryError(_("Choose how you slept from the list."), "sleep")
    if not 0 <= other_meetings <= 20:
        raise RecoveryError(_("Between 0 and 20 other meetings, please."), "other_meetings")
    gratitude, note = _limit(gratitude, "gratitude"), _limit(note, "note")
    existing = CheckIn.objects.select_for_update().filter(member=member, day=day).first()
    if checkin is None and existing is not None:
        raise RecoveryError(
            _("You have already checked in today. That check-in is kept; change it below.")
        )
    if checkin is not None and (checkin.member_id != member.pk or checkin.day != day):
        raise RecoveryError(_("Check-ins are for today; earlier days cannot be changed."), "day")
    obj = checkin or CheckIn(member=member, day=day)
    obj.mood, obj.craving = mood, craving
    obj.triggers = [t for t in Trigger.values if t in set(triggers)]
    obj.sleep, obj.medication_taken, obj.other_meetings = sleep, medication_taken, other_meetings
    obj.gratitude, obj.note = gratitude, note
    obj.save()
    # Ids come from a form or the API: only ones that can be row ids reach the query.
    ids = [i for i in meeting_ids if isinstance(i, int) and 0 < i < 2**63]
    obj.meetings.set(attendance_on(member, day).filter(pk__in=ids))
    show = _check(member, [gratitude, note], "checkin")
    nudge = _cravings_pattern(member, day)
    return Saved(obj, show_resources=show, nudge=nudge)


def _tell_circle(member, nudge: Nudge) -> None:
    """Only if the member opted in (on /safety/circle/): their circle hears that they may need
    someone, never what they wrote or their numbers."""
    from lantern.safety.services import circle_preferences, tell_circle

    if not circle_preferences(member).tell_circle_when_elevated:
        return
    tell_circle(member)
    nudge.circle_told = True
    nudge.save(update_fields=["circle_told"])


def _cravings_pattern(member, day: date) -> Nudge | None:
    """Craving of 8 or more on three days in a row (ending today): raise one nudge."""
    days = [day - timedelta(days=n) for n in range(CRAVING_DAYS)]
    high = CheckIn.objects.filter(member=member, day__in=days, craving__gte=CRAVING_HIGH).count()
    if high < CRAVING_DAYS:
        return None
    recent = Nudge.objects.filter(
        member=member, kind=Nudge.Kind.CRAVINGS, day__gt=day - timedelta(days=CRAVING_DAYS)
    ).first()
    if recent is not None:
        return recent if not recent.dismissed else None
    nudge = Nudge.objects.create(member=member, kind=Nudge.Kind.CRAVINGS, day=day)
    _tell_circle(member, nudge)
    return nudge


@transaction.atomic
def check_silence(member, at: datetime | None = None) -> Nudge | None:
    """No check-in for SILENCE_DAYS days after a recent new start (a run that follows another):
    raise one nudge for that new start."""
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


def open_nudges(member):
    return Nudge.objects.filter(member=member, dismissed=False)[:2]


@transaction.atomic
def dismiss_nudge(nudge: Nudge) -> None:
    nudge.dismissed = True
    nudge.save(update_fields=["dismissed"])


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
    prefs, _created = Preferences.objects.get_or_create(member=member)
    return prefs


def next_reminder_at(member, reminder: time, at: datetime | None = None) -> datetime:
    """The next time the member's wall clock shows `reminder`, as an aware instant."""
    zone = zone_for(member)
    local = (at or now()).astimezone(zone)
    candidate = datetime.combine(local.date(), reminder, tzinfo=zone)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), reminder, tzinfo=zone)
    return candidate


def _schedule_reminder(member, prefs: Preferences, at: datetime | None = None) -> None:
    from ..tasks import send_checkin_reminder

    when = next_reminder_at(member, prefs.reminder_time, at)
    version = prefs.reminder_version
    transaction.on_commit(
        lambda: send_checkin_reminder.using(run_after=when).enqueue(member.pk, version)
    )


@transaction.atomic
def set_reminder(member, reminder: time | None) -> Preferences:
    """Set (or clear, with None) the daily check-in reminder. Any reminder already scheduled
    becomes stale (its version no longer matches) and does nothing when it runs."""
    prefs = Preferences.objects.select_for_update().get_or_create(member=member)[0]
    prefs.reminder_time = reminder
    prefs.reminder_version += 1
    prefs.save()
    if reminder is not None:
        _schedule_reminder(member, prefs)
    return prefs


def run_reminder(member_id: int, version: int) -> str:
    """Run by the task worker at the reminder time: remind the member unless they already
    checked in today, look for silence after a new start, and schedule tomorrow's."""
    with transaction.atomic():
        prefs = Preferences.objects.select_related("member").filter(member_id=member_id).first()
        if prefs is None or prefs.reminder_version != version or prefs.reminder_time is None:
            return "stale"
        member = prefs.member
        if not member.is_active:
            return "inactive"
        check_silence(member)
        outcome = "checked in"
        if not CheckIn.objects.filter(member=member, day=today_for(member)).exists():
            notify(
                member,
                "recovery.reminder",
                _("Time for your daily check-in"),
                body=_("Thirty seconds: how are you today?"),
                url="/recovery/checkin/",
            )
            outcome = "reminded"
        # From a minute past now, so a worker running early cannot schedule today's again.
        _schedule_reminder(member, prefs, now() + timedelta(minutes=1))
    return outcome
