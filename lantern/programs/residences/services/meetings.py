"""House meetings: a weekly schedule in the house's own zone, a meeting the house leader opens for
a date, attendance per resident (present, excused, absent), each resident's history and rate.

The attendance rate is present ÷ (present + absent): an excused absence counts neither way."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import Refused
from lantern.programs.models import Program

from ..models import Attendance, House, HouseMeeting, Residency
from .common import require_staff, today_at

STATUSES = set(Attendance.Status.values)


def next_meeting(house: House, now: datetime | None = None) -> datetime | None:
    """When the next house meeting starts (aware, in the house's zone), from its schedule; a
    meeting that began in the last hour still counts as now."""
    if not house.has_schedule:
        return None
    zone = house.zone()
    now = now or timezone.now()
    local = now.astimezone(zone)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        if day.weekday() != house.meeting_weekday:
            continue
        start = datetime.combine(day, house.meeting_time, tzinfo=zone)
        if start + timedelta(hours=1) > now:
            return start
    return None


def last_scheduled_date(house: House, today: date | None = None) -> date:
    """The date of the most recent scheduled meeting up to today (today when unscheduled)."""
    today = today or today_at(house)
    if house.meeting_weekday is None:
        return today
    return today - timedelta(days=(today.weekday() - house.meeting_weekday) % 7)


@transaction.atomic
def open_meeting(actor, house: House, day: date) -> HouseMeeting:
    """The house leader opens the meeting of a date to take attendance (the one already open
    for that date, if any)."""
    require_staff(actor, house.program)
    if day > today_at(house):
        raise Refused(_("Attendance is taken on the day or after, not before."), field="date")
    meeting = HouseMeeting.objects.filter(house=house, date=day).first()
    if meeting is None:
        try:
            with transaction.atomic():
                meeting = HouseMeeting.objects.create(house=house, date=day, opened_by=actor)
        except IntegrityError:  # opened by another leader a moment ago
            meeting = HouseMeeting.objects.get(house=house, date=day)
        audit.record(actor, "residences.meeting_open", meeting)
    meeting.house = house
    return meeting


@dataclass
class RosterRow:
    person: object
    status: str = ""


def roster(meeting: HouseMeeting) -> list[RosterRow]:
    """One row per resident living in the house on the meeting's date, and anyone already
    marked (two queries)."""
    marks = {a.person_id: a for a in meeting.attendance.select_related("person").order_by()}
    people = {
        r.person_id: r.person
        for r in Residency.objects.in_house(meeting.house).on(meeting.date).select_related("person")
    }
    for person_id, mark in marks.items():
        people.setdefault(person_id, mark.person)
    rows = [
        RosterRow(person, marks[pid].status if pid in marks else "")
        for pid, person in people.items()
    ]
    return sorted(rows, key=lambda row: row.person.handle.lower())


@transaction.atomic
def take_attendance(actor, meeting: HouseMeeting, marks: dict[int, str]) -> int:
    """The house leader marks each resident present, excused or absent (a blank leaves a row
    unmarked). Returns how many rows were marked."""
    require_staff(actor, meeting.house.program)
    allowed = {row.person.pk: row.person for row in roster(meeting)}
    unknown = set(marks) - set(allowed)
    if unknown:
        raise Refused(_("Only residents of the house on that date can be marked."))
    bad = {status for status in marks.values() if status and status not in STATUSES}
    if bad:
        raise Refused(_("Choose present, excused or absent."))
    if not any(marks.values()):
        raise Refused(_("Mark at least one resident."))
    existing = {a.person_id: a for a in meeting.attendance.select_for_update()}
    now = timezone.now()
    count = 0
    for person_id, status in marks.items():
        if not status:
            continue
        count += 1
        row = existing.get(person_id)
        if row is None:
            Attendance.objects.create(
                meeting=meeting,
                person=allowed[person_id],
                status=status,
                recorded_by=actor,
                recorded_at=now,
            )
        elif row.status != status:
            row.status, row.recorded_by, row.recorded_at = status, actor, now
            row.save(update_fields=["status", "recorded_by", "recorded_at"])
    audit.record(actor, "residences.attendance", meeting, marked=count)
    return count


def rate(present: int, absent: int) -> int | None:
    """Attendance as a whole percentage, or None before anything is recorded."""
    if present + absent == 0:
        return None
    return round(100 * present / (present + absent))


def meetings_of(house: House, limit: int = 26):
    """The house's meetings, newest first, with their counts (one query)."""
    return HouseMeeting.objects.filter(house=house).annotate(
        present=Count("attendance", filter=Q(attendance__status="present")),
        excused=Count("attendance", filter=Q(attendance__status="excused")),
        absent=Count("attendance", filter=Q(attendance__status="absent")),
    )[:limit]


@dataclass
class ResidentRate:
    person: object
    present: int = 0
    excused: int = 0
    absent: int = 0

    @property
    def rate(self) -> int | None:
        return rate(self.present, self.absent)


def rates_of(house: House) -> list[ResidentRate]:
    """Each current resident's attendance at this house's meetings (two queries)."""
    residents = [
        r.person
        for r in Residency.objects.open()
        .in_house(house)
        .select_related("person")
        .order_by("person__handle")
    ]
    counts = {
        (row["person_id"], row["status"]): row["n"]
        for row in Attendance.objects.filter(
            meeting__house=house, person__in=[p.pk for p in residents]
        )
        .values("person_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return [
        ResidentRate(
            person,
            counts.get((person.pk, "present"), 0),
            counts.get((person.pk, "excused"), 0),
            counts.get((person.pk, "absent"), 0),
        )
        for person in residents
    ]


def attendance_of(person, program: Program):
    """A person's own attendance at the program's house meetings, newest first."""
    return (
        Attendance.objects.filter(person=person, meeting__house__program=program)
        .select_related("meeting__house")
        .order_by("-meeting__date")
    )


def history_for(actor, person, program: Program):
    """Staff read a resident's attendance history."""
    require_staff(actor, program)
    return attendance_of(person, program)
