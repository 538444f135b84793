"""House meetings across a change of clocks, a house without a schedule, and the report with
enough people for its numbers to show (no small cells)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse

from lantern.accounts.models import User
from lantern.conftest import PASSWORD
from lantern.core.errors import Refused
from lantern.programs import services as programs
from lantern.programs.models import Program
from lantern.programs.residences.models import Attendance, Bed, HouseMeeting, Residency
from lantern.programs.residences.services import houses, meetings, reports, residents
from lantern.programs.residences.services.common import today_at

from .helpers import make_house


def test_the_meeting_keeps_its_wall_clock_time_across_the_change_to_summer_time(house):
    # 8 March 2026: clocks in Chicago go forward at 2 AM; the meeting is still at 7 PM.
    before = meetings.next_meeting(house, datetime(2026, 3, 7, 12, 0, tzinfo=UTC))
    assert before.isoformat() == "2026-03-08T19:00:00-05:00"
    assert before.astimezone(UTC).hour == 0  # 00:00 UTC on the 9th
    autumn = meetings.next_meeting(house, datetime(2026, 10, 31, 12, 0, tzinfo=UTC))
    assert autumn.isoformat() == "2026-11-01T19:00:00-06:00"


def test_a_house_without_a_schedule_has_no_next_meeting_but_can_still_meet(people, residence):
    house = houses.create_house(people.jo, residence, name="Oak", time_zone="America/Chicago")
    house.program = residence
    assert not house.has_schedule
    assert meetings.next_meeting(house) is None
    assert meetings.last_scheduled_date(house) == today_at(house)
    meeting = meetings.open_meeting(people.jo, house, today_at(house))
    assert meeting.date == today_at(house)


def test_the_last_scheduled_date_is_the_latest_sunday(house):
    assert meetings.last_scheduled_date(house, date(2026, 1, 14)) == date(2026, 1, 11)
    assert meetings.last_scheduled_date(house, date(2026, 1, 11)) == date(2026, 1, 11)
    assert meetings.last_scheduled_date(house, date(2026, 1, 10)) == date(2026, 1, 4)


def test_only_staff_take_attendance(people, house):
    meeting = meetings.open_meeting(people.jo, house, today_at(house))
    meeting.house = house
    with pytest.raises(Refused, match="Only the program's staff"):
        meetings.take_attendance(people.river, meeting, {people.river.pk: "present"})
    assert not Attendance.objects.exists()


def test_someone_marked_who_has_since_moved_out_stays_on_the_roster(people, house):
    day = meetings.last_scheduled_date(house)
    meeting = meetings.open_meeting(people.jo, house, day)
    meeting.house = house
    meetings.take_attendance(people.jo, meeting, {people.river.pk: "present"})
    residency = Residency.objects.get(person=people.river)
    residency.bed.room.house = house
    residents.move_out(people.jo, residency, day, "moved_on")
    assert [r.person.handle for r in meetings.roster(meeting)] == ["river"]
    assert [r.status for r in meetings.roster(meeting)] == ["present"]


@pytest.fixture
def busy(residence, people):
    """A house with fourteen residents over the last months: eleven moved out after stays of 30
    to 80 days; a dozen meetings with everyone there marked."""
    house = make_house(residence, people.jo, name="Busy House", rooms=[("Dorm", "ABCDEFGHIJKLMN")])
    today = today_at(house)
    Bed.objects.filter(room__house=house).update(created_on=today - timedelta(days=365))
    beds = list(Bed.objects.filter(room__house=house).order_by("label"))
    stays = []
    for n, bed in enumerate(beds):
        person = User.objects.create_user(f"guest{n:02}", PASSWORD)
        programs.enrol(people.jo, residence, person.handle)
        moved_in = today - timedelta(days=100)
        moved_out = moved_in + timedelta(days=30 + 5 * n) if n < 11 else None
        stays.append(
            Residency.objects.create(
                person=person,
                bed=bed,
                moved_in=moved_in,
                moved_out=moved_out,
                leaving_reason="completed" if n < 7 else ("asked_to_leave" if n < 11 else ""),
            )
        )
    last = meetings.last_scheduled_date(house)
    for week in range(12):
        meeting = HouseMeeting.objects.create(house=house, date=last - timedelta(weeks=week))
        for n, stay in enumerate(stays):
            if stay.moved_in <= meeting.date and (
                stay.moved_out is None or stay.moved_out > meeting.date
            ):
                status = "absent" if n % 4 == 0 else "present"
                Attendance.objects.create(meeting=meeting, person=stay.person, status=status)
    house.stays = stays
    return house


def test_length_of_stay_shows_the_median_with_enough_stays(busy):
    today = today_at(busy)
    section = reports.length_of_stay(busy.program, today - timedelta(days=120), today)
    rows = dict(map(tuple, section.rows))
    assert rows["People who moved out"] == 11
    assert rows["Median length of stay (days)"] == "55"  # 30, 35, …, 80: the middle is 55
    assert rows["Completed the program"] == 7 and rows["Asked to leave"] == 4


def test_attendance_rate_shows_when_the_counts_are_large_enough(busy):
    today = today_at(busy)
    section = reports.attendance(busy.program, today - timedelta(days=120), today)
    rows = dict(map(tuple, section.rows))
    assert rows["House meetings held"] == 12
    present, absent = rows["Present"], rows["Absent"]
    assert present >= 11 and absent >= 11
    assert rows["Attendance rate"] == f"{round(100 * present / (present + absent))}%"


def test_the_occupancy_does_not_count_nights_after_today(busy):
    today = today_at(busy)
    future = reports.occupancy(busy.program, today - timedelta(days=9), today + timedelta(days=30))
    now = reports.occupancy(busy.program, today - timedelta(days=9), today)
    assert future.rows == now.rows
    assert now.rows[0][2] == 14 * 10


def test_the_report_page_shows_the_numbers_that_are_large_enough(people, busy, signed_in):
    today = today_at(busy)
    url = reverse("programs-report", args=[busy.program.slug])
    query = f"?start={(today - timedelta(days=120)).isoformat()}&end={today.isoformat()}"
    text = signed_in(people.jo).get(url + query).content.decode()
    assert "<td>55</td>" in text and "<td>11</td>" in text and "<td>12</td>" in text
    assert "Median length of stay (days)" in text


def test_the_report_of_another_kind_of_program_has_no_residence_sections(people, make_program):
    dropin = make_program(Program.Kind.DROP_IN, name="The Lighthouse", staff=("morgan",))
    result = programs.report(people.morgan, dropin, date(2026, 1, 1), date(2026, 1, 31))
    assert not [s for s in result.sections if s.key.startswith("residences-")]


def test_a_meeting_time_is_kept_as_the_house_wrote_it(people, residence):
    house = houses.create_house(
        people.jo,
        residence,
        name="Late House",
        time_zone="America/Los_Angeles",
        meeting_weekday=4,
        meeting_time=time(21, 30),
    )
    house.refresh_from_db()
    assert (house.meeting_weekday, house.meeting_time) == (4, time(21, 30))
    start = meetings.next_meeting(house, datetime(2026, 6, 1, 12, tzinfo=UTC))
    assert start.isoformat() == "2026-06-05T21:30:00-07:00"
