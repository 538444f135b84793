"""Follow-up windows: the organisation's days and SUPRT's (baseline within 30 days of intake,
6 months ± 30 days, yearly ± 30 days), across month ends and leap years."""

from datetime import date

import pytest

from lantern.support import schedule, services
from lantern.support.models import FollowUp


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2026, 3, 31), 6, date(2026, 9, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 7, 31), 5, date(2026, 12, 31)),
    ],
)
def test_calendar_months_clamp_to_the_last_day(start, months, expected):
    assert schedule.add_months(start, months) == expected


def test_suprt_windows_across_a_leap_february():
    windows = {w.kind: w for w in schedule.suprt_windows(date(2027, 8, 31))}
    baseline = windows["suprt_baseline"]
    assert (baseline.start, baseline.end) == (date(2027, 8, 31), date(2027, 9, 30))
    six = windows["suprt_6m"]
    assert six.due_on == date(2028, 2, 29)
    assert (six.start, six.end) == (date(2028, 1, 30), date(2028, 3, 30))
    annual = windows["suprt_1y"]
    assert annual.due_on == date(2028, 8, 31)
    assert (annual.start, annual.end) == (date(2028, 8, 1), date(2028, 9, 30))


def test_suprt_windows_from_a_leap_day():
    windows = {w.kind: w for w in schedule.suprt_windows(date(2028, 2, 29), years=2)}
    assert windows["suprt_baseline"].end == date(2028, 3, 30)
    assert windows["suprt_6m"].due_on == date(2028, 8, 29)
    assert windows["suprt_1y"].due_on == date(2029, 2, 28)
    assert windows["suprt_2y"].due_on == date(2030, 2, 28)
    assert windows["suprt_6m"].contains(date(2028, 7, 30))
    assert not windows["suprt_6m"].contains(date(2028, 7, 29))


def test_day_windows_cross_the_year_end():
    windows = schedule.day_windows(date(2026, 12, 15), days=(30, 90))
    assert [w.due_on for w in windows] == [date(2027, 1, 14), date(2027, 3, 15)]
    assert windows[0].start == date(2027, 1, 7)


def test_the_schedule_is_configurable(settings):
    settings.LANTERN_SUPPORT_FOLLOWUP_DAYS = (14, 45)
    assert [w.kind for w in schedule.day_windows(date(2026, 1, 1))] == ["14d", "45d"]


@pytest.mark.django_db
def test_the_first_intake_schedules_every_follow_up_once(people, engagement):
    for _ in range(2):
        services.save_intake(
            people.casey, engagement, pathways=[], goals="Work", needs={}, strengths=""
        )
    kinds = list(FollowUp.objects.values_list("kind", flat=True))
    assert sorted(kinds) == sorted(
        ["30d", "60d", "90d", "180d", "suprt_baseline", "suprt_6m", "suprt_1y"]
    )
