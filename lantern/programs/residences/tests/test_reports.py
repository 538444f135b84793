"""The residence's sections of the program's report: occupancy (bed-nights occupied against
available), length of stay, house meeting attendance. Counts are raw ints in the sections, and
the report page and CSV show small cells suppressed (issue 18, acceptance 2)."""

from datetime import timedelta

from django.urls import reverse

from lantern.programs.registry import reports_for
from lantern.programs.residences.models import Bed, Residency
from lantern.programs.residences.services import meetings, reports
from lantern.programs.residences.services.common import today_at


def _sections(program, start, end):
    return {s.key: s for s in reports.build(program, start, end)}


def test_occupancy_counts_bed_nights_as_raw_ints(people, house):
    today = today_at(house)
    Bed.objects.filter(room__house=house).update(created_on=today - timedelta(days=100))
    start, end = today - timedelta(days=19), today  # twenty nights
    section = _sections(house.program, start, end)["residences-occupancy"]
    north, total = section.rows
    assert north == ["North House", 4, 80, 20, "25%"]
    assert all(type(v) is int for v in north[1:4])
    assert total == ["All houses", 4, 80, 20, "25%"]
    # Ten nights: the occupied count is a small cell, so no rate is given either.
    ten = _sections(house.program, today - timedelta(days=9), today)["residences-occupancy"]
    assert ten.rows[0] == ["North House", 4, 40, 10, "—"]


def test_a_bed_out_of_service_is_not_available_and_a_move_out_night_is_not_occupied(people, house):
    today = today_at(house)
    Bed.objects.filter(room__house=house).update(created_on=today - timedelta(days=100))
    Bed.objects.filter(room__house=house, room__name="Room 2", label="B").update(
        in_service=False, out_of_service_since=today - timedelta(days=4)
    )
    residency = Residency.objects.get(person=people.river)
    Residency.objects.filter(pk=residency.pk).update(moved_out=today - timedelta(days=2))
    section = _sections(house.program, today - timedelta(days=9), today)["residences-occupancy"]
    north = section.rows[0]
    assert north[1:4] == [3, 30 + 5, 7]  # bed B from 5 nights; river to 3 nights ago


def test_length_of_stay_shows_the_median_only_for_enough_stays(people, house):
    today = today_at(house)
    residency = Residency.objects.get(person=people.river)
    Residency.objects.filter(pk=residency.pk).update(
        moved_out=today, moved_in=today - timedelta(days=45), leaving_reason="completed"
    )
    rows = dict(
        map(tuple, _sections(house.program, today - timedelta(30), today)["residences-stay"].rows)
    )
    assert rows["People who moved out"] == 1
    assert rows["Median length of stay (days)"] == "—"  # one stay: too few to say
    assert rows["Completed the program"] == 1 and rows["Asked to leave"] == 0


def test_attendance_section_counts_and_rate(people, house):
    meeting = meetings.open_meeting(people.jo, house, meetings.last_scheduled_date(house))
    meeting.house = house
    meetings.take_attendance(people.jo, meeting, {people.river.pk: "present"})
    today = today_at(house)
    rows = dict(
        map(
            tuple,
            _sections(house.program, today - timedelta(30), today)["residences-attendance"].rows,
        )
    )
    assert rows["House meetings held"] == 1 and rows["Present"] == 1
    assert rows["Attendance rate"] == "—"  # a small cell: no rate


def test_the_report_page_and_csv_suppress_small_cells(people, house, signed_in):
    assert [b.name for b in reports_for(house.program.kind)] == ["residences"]
    today = today_at(house)
    Bed.objects.filter(room__house=house).update(created_on=today - timedelta(days=100))
    jo = signed_in(people.jo)
    query = f"?start={(today - timedelta(days=19)).isoformat()}&end={today.isoformat()}"
    page = jo.get(reverse("programs-report", args=[house.program.slug]) + query)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Occupancy" in text and "House meeting attendance" in text and "Length of stay" in text
    # 4 beds is a small cell; 80 available and 20 occupied bed-nights are not.
    assert "<td>&lt;11</td>" in text and "<td>80</td>" in text and "<td>25%</td>" in text
    csv = jo.get(reverse("programs-report-csv", args=[house.program.slug]) + query)
    body = csv.content.decode()
    assert "North House,<11,80,20,25%" in body


def test_every_count_in_every_section_is_a_raw_int_and_every_rate_a_string(people, house):
    """programs suppresses small cells when it shows ints; a count written as a string would
    slip past it, so each count column must be an int, and only rates and the median are
    words."""
    today = today_at(house)
    meeting = meetings.open_meeting(people.jo, house, meetings.last_scheduled_date(house))
    meeting.house = house
    meetings.take_attendance(people.jo, meeting, {people.river.pk: "absent"})
    words = {"Occupancy", "Median length of stay (days)", "Attendance rate"}
    for section in reports.build(house.program, today - timedelta(days=30), today):
        for row in section.rows:
            label, *values = row
            assert isinstance(label, str)
            for column, value in zip(section.columns[1:], values, strict=True):
                if str(column) in words or str(label) in words:
                    assert isinstance(value, str), (section.key, label, value)
                else:
                    assert type(value) is int, (section.key, label, column, value)


def test_the_report_is_for_staff_only(people, house, signed_in):
    url = reverse("programs-report", args=[house.program.slug])
    assert signed_in(people.river).get(url).status_code == 404
    assert signed_in(people.jo).get(url).status_code == 200
