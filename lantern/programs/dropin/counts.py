"""Reading a drop-in center: its week of opening hours, what is on today, and its visits
counted by day and by hour, always on the center's own clock (a visit at 23:30 there counts on
that day, whatever the zone of the server or of the person reading).

Counting is one grouped query on the database (local day and hour computed there, in the
center's zone); the rest is arithmetic on those counts. Staff pages show raw counts (staff see
the front desk anyway); the program's report shows them with small cells suppressed (programs
does that for every `ReportSection`).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.db.models.functions import ExtractHour, TruncDate
from django.utils import formats
from django.utils.translation import gettext as _

from lantern.core import charts
from lantern.programs.models import Program
from lantern.programs.registry import ReportSection

from .models import WEEKDAYS, Activity, Center, OpeningSpan, Visit
from .services import center_of, local_now

# --- The week and today --------------------------------------------------------------------


@dataclass
class Day:
    weekday: int
    name: str
    spans: list[OpeningSpan]
    is_today: bool = False

    @property
    def closed(self) -> bool:
        return not self.spans


def week(program: Program, today: date | None = None) -> list[Day]:
    """Monday to Sunday, each with its opening times (one query)."""
    spans = list(OpeningSpan.objects.filter(program=program))
    return [
        Day(
            weekday=n,
            name=str(name),
            spans=[s for s in spans if s.weekday == n],
            is_today=today is not None and today.weekday() == n,
        )
        for n, name in WEEKDAYS
    ]


@dataclass
class Today:
    center: Center
    zone: ZoneInfo
    now: datetime  # in the center's zone
    day: Day
    activities: list[Activity]
    week: list[Day] = field(default_factory=list)

    @property
    def date(self) -> date:
        return self.now.date()

    @property
    def open_span(self) -> OpeningSpan | None:
        """The opening time the center is in now, if any."""
        t = self.now.time().replace(tzinfo=None)
        return next((s for s in self.day.spans if s.is_open_at(t)), None)

    @property
    def opens_later(self) -> OpeningSpan | None:
        """Today's next opening time, when the center is closed now but opens again today."""
        t = self.now.time().replace(tzinfo=None)
        return next((s for s in self.day.spans if s.opens > t), None)


def today(program: Program, now: datetime | None = None) -> Today:
    """The center today, on its own clock: the week's hours and today's activities (three
    queries: the center, the hours, the activities)."""
    center = center_of(program)
    zone = center.zone()
    here = local_now(zone, now)
    days = week(program, here.date())
    return Today(
        center=center,
        zone=zone,
        now=here,
        day=days[here.weekday()],
        activities=list(Activity.objects.filter(program=program).on(here.date())),
        week=days,
    )


def bounds(zone: ZoneInfo, start: date, end: date) -> tuple[datetime, datetime]:
    """The instants from the start of local day `start` to the end of local day `end`."""
    return (
        datetime.combine(start, time(0), tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time(0), tzinfo=zone),
    )


@dataclass
class TodayCount:
    visits: int
    first_visits: int
    guests: int


def today_count(program: Program, zone: ZoneInfo, now: datetime | None = None) -> TodayCount:
    """Visits so far today on the center's clock (one query)."""
    day = local_now(zone, now).date()
    start, end = bounds(zone, day, day)
    totals = Visit.objects.filter(
        program=program, signed_in_at__gte=start, signed_in_at__lt=end
    ).aggregate(
        visits=Count("pk"),
        first_visits=Count("pk", filter=Q(first_visit=True)),
        guests=Count("pk", filter=Q(person__isnull=True)),
    )
    return TodayCount(**totals)


# --- Counts by day and hour ----------------------------------------------------------------


def day_hour_counts(program: Program, zone: ZoneInfo, start: date, end: date) -> Counter:
    """{(local date, local hour): visits} for the local days `start` to `end` (one query)."""
    low, high = bounds(zone, start, end)
    rows = (
        Visit.objects.filter(program=program, signed_in_at__gte=low, signed_in_at__lt=high)
        .annotate(day=TruncDate("signed_in_at", tzinfo=zone))
        .annotate(hour=ExtractHour("signed_in_at", tzinfo=zone))
        .values("day", "hour")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Counter({(row["day"], row["hour"]): row["n"] for row in rows})


def hour_label(hour: int) -> str:
    """ "9:00 AM" in English, "9:00" in Spanish (the locale's own clock)."""
    return formats.time_format(time(hour), "TIME_FORMAT")


def hours_shown(counts: Counter, spans=()) -> list[int]:
    """The hours worth a column: from the earliest to the latest hour that the center is open
    or had a visit (every hour between, so gaps show as zeros)."""
    hours = {hour for _day, hour in counts}
    for span in spans:
        last = span.closes.hour if span.closes.minute else span.closes.hour - 1
        hours.update(range(span.opens.hour, last + 1))
    if not hours:
        return []
    return list(range(min(hours), max(hours) + 1))


@dataclass
class DayRow:
    day: date
    cells: list[int]
    total: int


@dataclass
class VisitTable:
    start: date
    end: date
    hours: list[int]
    hour_labels: list[str]
    rows: list[DayRow]
    by_hour: list[int]
    total: int
    day_bars: list
    hour_bars: list


def visit_table(program: Program, zone: ZoneInfo, start: date, end: date) -> VisitTable:
    """A day × hour table of visits (newest day first), the totals by hour, and bar charts by
    day and by hour. Two queries: the counts and the opening hours."""
    counts = day_hour_counts(program, zone, start, end)
    hours = hours_shown(counts, OpeningSpan.objects.filter(program=program))
    rows = []
    day = end
    while day >= start:
        cells = [counts.get((day, h), 0) for h in hours]
        rows.append(
            DayRow(day=day, cells=cells, total=sum(counts.get((day, h), 0) for h in range(24)))
        )
        day -= timedelta(days=1)
    by_hour = [sum(counts.get((row.day, h), 0) for row in rows) for h in hours]
    labels = [hour_label(h) for h in hours]
    chronological = list(reversed(rows))
    return VisitTable(
        start=start,
        end=end,
        hours=hours,
        hour_labels=labels,
        rows=rows,
        by_hour=by_hour,
        total=sum(counts.values()),
        day_bars=charts.bars(
            [row.total for row in chronological],
            width=300,
            top=10,
            bottom=90,
            labels=[row.day for row in chronological],
        ),
        hour_bars=charts.bars(by_hour, width=300, top=10, bottom=90, labels=labels),
    )


# --- The program's report ------------------------------------------------------------------


def report_sections(program: Program, start: date, end: date) -> list[ReportSection]:
    """Visits in the period (by handle and as guests, first visits), by weekday and by hour,
    on the center's clock. Raw counts: programs suppresses small cells on the page and in
    the CSV."""
    zone = center_of(program).zone()
    low, high = bounds(zone, start, end)
    visits = Visit.objects.filter(program=program, signed_in_at__gte=low, signed_in_at__lt=high)
    totals = visits.aggregate(
        total=Count("pk"),
        members=Count("pk", filter=Q(person__isnull=False)),
        guests=Count("pk", filter=Q(person__isnull=True)),
        first=Count("pk", filter=Q(first_visit=True)),
        people=Count("person", distinct=True),
    )
    counts = day_hour_counts(program, zone, start, end)
    by_weekday = Counter()
    by_hour = Counter()
    for (day, hour), n in counts.items():
        by_weekday[day.weekday()] += n
        by_hour[hour] += n
    hours = hours_shown(counts)
    return [
        ReportSection(
            key="dropin-visits",
            title=_("Visits"),
            columns=[_("Measure"), _("Visits")],
            rows=[
                [_("All visits"), totals["total"]],
                [_("Signed in with a handle (members)"), totals["members"]],
                [_("Signed in as guests"), totals["guests"]],
                [_("First visits"), totals["first"]],
                [_("Different members"), totals["people"]],
            ],
            note=_("Counted on the center's clock (%(zone)s).") % {"zone": zone.key},
        ),
        ReportSection(
            key="dropin-weekday",
            title=_("Visits by day of the week"),
            columns=[_("Day"), _("Visits")],
            rows=[[str(name), by_weekday[n]] for n, name in WEEKDAYS],
            chart_column=1,
        ),
        ReportSection(
            key="dropin-hour",
            title=_("Visits by hour of the day"),
            columns=[_("Hour"), _("Visits")],
            rows=[[hour_label(h), by_hour[h]] for h in hours],
            chart_column=1,
            note=_("Each hour counts the visits that began in it."),
        ),
    ]


# --- A person's own visits -----------------------------------------------------------------


def visits_of(person):
    """The person's own visits, newest first, with their centers (one query)."""
    return Visit.objects.filter(person=person).select_related("program")
