"""Properties of the follow-up calendar over every date from 1990 to 2100: months clamp, the
SUPRT windows keep their shape, and the day windows never drift."""

import calendar
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from lantern.support import schedule
from lantern.support.services import reports

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(day=days, months=st.integers(min_value=0, max_value=36))
def test_add_months_lands_in_the_right_month_on_the_same_day_or_its_last(day, months):
    result = schedule.add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)


@given(day=days)
def test_suprt_windows_keep_their_shape(day):
    windows = {w.kind: w for w in schedule.suprt_windows(day, years=3)}
    baseline = windows["suprt_baseline"]
    assert baseline.start == day and baseline.end - baseline.start == timedelta(days=30)
    six = windows["suprt_6m"]
    assert six.end - six.start == timedelta(days=60) and six.contains(six.due_on)
    assert six.due_on == schedule.add_months(day, 6)
    for year in (1, 2, 3):
        annual = windows[f"suprt_{year}y"]
        assert annual.due_on == schedule.add_months(day, 12 * year)
        assert annual.due_on.month == day.month
        assert annual.start < annual.due_on < annual.end
    # each window opens after the one before it closes, or at least after it is due
    assert six.start > baseline.start and windows["suprt_1y"].start > six.end


@given(day=days, offsets=st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=6))
def test_day_windows_are_exact_and_a_week_either_side(day, offsets):
    for n, window in zip(offsets, schedule.day_windows(day, days=offsets), strict=True):
        assert window.due_on - day == timedelta(days=n)
        assert window.due_on - window.start == window.end - window.due_on == timedelta(days=7)
        assert window.kind == f"{n}d"


@given(
    count=st.integers(min_value=0, max_value=10_000), small=st.integers(min_value=2, max_value=20)
)
def test_a_small_cell_never_shows_its_number(count, small):
    shown = reports.cell(count, small)
    if 0 < count < small:
        assert shown == f"<{small}"
    else:
        assert shown == str(count)


@given(
    part=st.integers(min_value=0, max_value=500),
    whole=st.integers(min_value=0, max_value=500),
)
def test_a_rate_is_hidden_whenever_it_rests_on_a_small_cell(part, whole):
    shown = reports.rate(part, whole)
    if whole == 0 or whole < reports.SMALL_CELL or 0 < part < reports.SMALL_CELL:
        assert shown == "—"
    else:
        assert shown == f"{round(100 * part / whole)}%"
