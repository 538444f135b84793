"""The residence's sections of the program's report: occupancy (bed-nights occupied against
available), length of stay of the people who moved out, and house meeting attendance. Counts
are raw ints: programs shows them with small cells suppressed, on the page and in the CSV."""

from datetime import date, timedelta
from statistics import median

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import charts
from lantern.core.charts import SMALL_CELL
from lantern.programs.models import Program
from lantern.programs.registry import ReportSection

from ..models import Attendance, Bed, House, HouseMeeting, Residency


def _nights(first: date, last: date) -> int:
    """Nights from `first` to `last`, both counted (none when `last` comes first)."""
    return max((last - first).days + 1, 0)


def occupancy(program: Program, start: date, end: date) -> ReportSection:
    """Bed-nights: a bed is available each night from the day it was added until it went out
    of service; a resident occupies it each night from moving in to the night before moving
    out. Nights after today are not counted."""
    last = min(end, timezone.localdate())
    houses = {h.pk: h for h in House.objects.filter(program=program)}
    available = dict.fromkeys(houses, 0)
    occupied = dict.fromkeys(houses, 0)
    beds_now = dict.fromkeys(houses, 0)
    for bed in Bed.objects.filter(room__house__program=program).select_related("room"):
        house_id = bed.room.house_id
        until = last
        if bed.out_of_service_since is not None:
            until = min(until, bed.out_of_service_since - timedelta(days=1))
        else:
            beds_now[house_id] += 1
        available[house_id] += _nights(max(start, bed.created_on), until)
    residencies = (
        Residency.objects.in_program(program)
        .filter(moved_in__lte=last)
        .filter(Q(moved_out__isnull=True) | Q(moved_out__gt=start))
        .select_related("bed__room")
    )
    for r in residencies:
        until = last if r.moved_out is None else min(last, r.moved_out - timedelta(days=1))
        occupied[r.bed.room.house_id] += _nights(max(start, r.moved_in), until)
    rows = [
        [
            h.name,
            beds_now[pk],
            available[pk],
            occupied[pk],
            charts.rate(occupied[pk], available[pk]),
        ]
        for pk, h in sorted(houses.items(), key=lambda item: item[1].name)
    ]
    total_available, total_occupied = sum(available.values()), sum(occupied.values())
    rows.append(
        [
            _("All houses"),
            sum(beds_now.values()),
            total_available,
            total_occupied,
            charts.rate(total_occupied, total_available),
        ]
    )
    return ReportSection(
        key="residences-occupancy",
        title=_("Occupancy"),
        columns=[
            _("House"),
            _("Beds in service"),
            _("Bed-nights available"),
            _("Bed-nights occupied"),
            _("Occupancy"),
        ],
        rows=rows,
        chart_column=3,
        note=_("A night counts until today. Beds out of service are not available."),
    )


def length_of_stay(program: Program, start: date, end: date) -> ReportSection:
    left = list(Residency.objects.in_program(program).filter(moved_out__range=(start, end)))
    people = len({r.person_id for r in left})
    days = [(r.moved_out - r.moved_in).days for r in left]
    middle = str(round(median(days))) if days and len(days) >= SMALL_CELL else "—"
    rows = [[_("People who moved out"), people], [_("Median length of stay (days)"), middle]]
    by_reason = dict.fromkeys(Residency.Reason.values, 0)
    for r in left:
        if r.leaving_reason in by_reason:
            by_reason[r.leaving_reason] += 1
    for value, label in Residency.Reason.choices:
        rows.append([str(label), by_reason[value]])
    return ReportSection(
        key="residences-stay",
        title=_("Length of stay"),
        columns=[_("Measure"), _("Value")],
        rows=rows,
        note=_("The median is shown when at least %(n)s stays ended in the period.")
        % {"n": SMALL_CELL},
    )


def attendance(program: Program, start: date, end: date) -> ReportSection:
    meetings = HouseMeeting.objects.filter(house__program=program, date__range=(start, end)).count()
    counts = dict(
        Attendance.objects.filter(
            meeting__house__program=program, meeting__date__range=(start, end)
        )
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    present = counts.get(Attendance.Status.PRESENT, 0)
    excused = counts.get(Attendance.Status.EXCUSED, 0)
    absent = counts.get(Attendance.Status.ABSENT, 0)
    return ReportSection(
        key="residences-attendance",
        title=_("House meeting attendance"),
        columns=[_("Measure"), _("Value")],
        rows=[
            [_("House meetings held"), meetings],
            [_("Present"), present],
            [_("Excused"), excused],
            [_("Absent"), absent],
            [_("Attendance rate"), charts.rate(present, present + absent)],
        ],
        note=_("The rate is present ÷ (present + absent): an excused absence counts neither way."),
    )


def build(program: Program, start: date, end: date) -> list[ReportSection]:
    return [
        occupancy(program, start, end),
        length_of_stay(program, start, end),
        attendance(program, start, end),
    ]
