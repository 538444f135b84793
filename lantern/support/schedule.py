"""Follow-up schedules as pure date arithmetic: the organisation's own (30, 60, 90 and 180 days
after intake by default, `settings.LANTERN_SUPPORT_FOLLOWUP_DAYS`) and the funders' SUPRT
schedule (baseline within 30 days of intake, reassessment at 6 months ± 30 days, then yearly
± 30 days). Months are calendar months: a month after 31 January is the last day of February
(28th, or 29th in a leap year), never 3 March."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULT_DAYS = (30, 60, 90, 180)
DAY_WINDOW = 7  # a day-offset follow-up counts if done within a week either side
SUPRT_WINDOW = 30


@dataclass(frozen=True)
class Window:
    kind: str
    label: str
    due_on: date
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later, or that month's last day if it has none."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def followup_days() -> tuple[int, ...]:
    return tuple(getattr(settings, "LANTERN_SUPPORT_FOLLOWUP_DAYS", DEFAULT_DAYS))


def day_windows(intake: date, days=None) -> list[Window]:
    """The organisation's follow-ups: each `n` days after intake, a week either side."""
    windows = []
    for n in days or followup_days():
        due = intake + timedelta(days=n)
        label = _("%(n)s-day follow-up") % {"n": n}
        windows.append(
            Window(
                f"{n}d",
                str(label),
                due,
                due - timedelta(days=DAY_WINDOW),
                due + timedelta(days=DAY_WINDOW),
            )
        )
    return windows


def suprt_windows(intake: date, years: int = 1) -> list[Window]:
    """SUPRT: the baseline from intake to 30 days after; the 6-month reassessment from 30 days
    before to 30 days after 6 calendar months; then each anniversary ± 30 days."""
    span = timedelta(days=SUPRT_WINDOW)
    baseline_due = intake + span
    windows = [
        Window("suprt_baseline", str(_("SUPRT baseline")), baseline_due, intake, baseline_due)
    ]
    six = add_months(intake, 6)
    windows.append(
        Window("suprt_6m", str(_("SUPRT 6-month reassessment")), six, six - span, six + span)
    )
    for year in range(1, years + 1):
        due = add_months(intake, 12 * year)
        label = _("SUPRT annual reassessment (year %(n)s)") % {"n": year}
        windows.append(Window(f"suprt_{year}y", str(label), due, due - span, due + span))
    return windows


def closeout_window(closed_on: date) -> Window:
    """SUPRT's closeout: recorded at discharge, within 30 days."""
    return Window(
        "suprt_closeout",
        str(_("SUPRT closeout")),
        closed_on,
        closed_on,
        closed_on + timedelta(days=SUPRT_WINDOW),
    )
