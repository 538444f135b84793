"""Counting days and milestones. Pure functions of dates, so they are easy to test.

A run starts on a date of the member's own calendar, optionally at a wall-clock time. Days are
counted on that calendar (the member's time zone), so a day is a day whatever DST does. Month
milestones fall on the same day of the month, or the month's last day when it has no such day
(a run started on 31 August reaches 6 months on 28 or 29 February; one started on 29 February
reaches a year on 28 February).
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# key, days or months, amount. The 24-hour chip is one day on the wall clock.
FIXED = [
    ("24h", "days", 1),
    ("30d", "days", 30),
    ("60d", "days", 60),
    ("90d", "days", 90),
    ("6m", "months", 6),
    ("9m", "months", 9),
    ("1y", "months", 12),
    ("18m", "months", 18),
]


@dataclass(frozen=True)
class Milestone:
    key: str
    on: date
    at: time | None

    @property
    def label(self) -> str:
        return label_for(self.key)


def label_for(key: str) -> str:
    if key == "24h":
        return str(_("24 hours"))
    number, unit = int(key[:-1]), key[-1]
    if unit == "d":
        return ngettext("%(n)d day", "%(n)d days", number) % {"n": number}
    if unit == "m":
        return ngettext("%(n)d month", "%(n)d months", number) % {"n": number}
    return ngettext("%(n)d year", "%(n)d years", number) % {"n": number}


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_key(key: str) -> bool:
    if key in {k for k, _u, _n in FIXED}:
        return True
    return key.endswith("y") and key[:-1].isdigit() and int(key[:-1]) >= 2


def date_of(key: str, started_on: date) -> date:
    for k, unit, amount in FIXED:
        if k == key:
            if unit == "days":
                return started_on + timedelta(days=amount)
            return add_months(started_on, amount)
    return add_months(started_on, 12 * int(key[:-1]))


def keys(until_years: int):
    yield from (k for k, _u, _n in FIXED)
    yield from (f"{n}y" for n in range(2, until_years + 1))


def local_today(now: datetime, zone: ZoneInfo) -> tuple[date, time]:
    local = now.astimezone(zone)
    return local.date(), local.time().replace(tzinfo=None, microsecond=0)


def _reached(on: date, at: time | None, today: date, clock: time) -> bool:
    return on < today or (on == today and (at is None or at <= clock))


def days_between(started_on: date, started_at: time | None, today: date, clock: time) -> int:
    """Whole days from the start to now, on the member's calendar."""
    days = (today - started_on).days
    if started_at is not None and clock < started_at:
        days -= 1
    return max(days, 0)


def milestones(started_on: date, started_at: time | None, now: datetime, zone: ZoneInfo):
    """(reached, next): every milestone reached so far, oldest first, and the next one."""
    today, clock = local_today(now, zone)
    reached = []
    years = max(2, today.year - started_on.year + 2)
    for key in keys(years):
        on = date_of(key, started_on)
        milestone = Milestone(key, on, started_at)
        if _reached(on, started_at, today, clock):
            reached.append(milestone)
        else:
            return reached, milestone
    return reached, None  # not reachable: the loop always runs a year past today
