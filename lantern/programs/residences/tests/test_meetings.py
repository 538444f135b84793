"""House meetings: the schedule in the house's zone, the leader opens a meeting and takes
attendance with one row per resident (no JavaScript), each resident's history and rate."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse

from lantern.core.errors import Refused
from lantern.programs import services as programs
from lantern.programs.residences.models import Attendance, HouseMeeting
from lantern.programs.residences.services import meetings

from .helpers import move_in


@pytest.fixture
def two_residents(house, people):
    programs.enrol(people.jo, house.program, "sam")
    move_in(people.jo, house, people.sam, "Room 2", "A", days_ago=20)
    return house


def test_the_next_meeting_is_on_sunday_evening_in_the_houses_zone(house):
    # Sunday 19:00 in Chicago; asked on a Friday (UTC) in winter and in summer.
    winter = meetings.next_meeting(house, datetime(2026, 1, 9, 12, 0, tzinfo=UTC))
    assert winter.isoformat() == "2026-01-11T19:00:00-06:00"
    summer = meetings.next_meeting(house, datetime(2026, 7, 10, 12, 0, tzinfo=UTC))
    assert summer.isoformat() == "2026-07-12T19:00:00-05:00"
    # During the meeting it is still "next".
    during = meetings.next_meeting(house, datetime(2026, 1, 12, 1, 30, tzinfo=UTC))
    assert during.date() == date(2026, 1, 11)


def test_the_leader_takes_attendance_one_row_per_resident(people, two_residents, signed_in):
    house = two_residents
    jo = signed_in(people.jo)
    slug = house.program.slug
    day = meetings.last_scheduled_date(house)
    response = jo.post(reverse("residences-meetings", args=[slug, house.pk]), {"date": day})
    meeting = HouseMeeting.objects.get(house=house, date=day)
    assert response["Location"] == reverse("residences-meeting", args=[slug, house.pk, meeting.pk])
    page = jo.get(response["Location"]).content.decode()
    assert page.count('type="radio"') == 6  # two residents, three choices each
    assert "<legend>river</legend>" in page and "<legend>sam</legend>" in page
    response = jo.post(
        response["Location"],
        {f"person_{people.river.pk}": "present", f"person_{people.sam.pk}": "excused"},
    )
    assert response.status_code == 302
    marks = dict(meeting.attendance.values_list("person__handle", "status"))
    assert marks == {"river": "present", "sam": "excused"}
    # Opening the same date again goes back to the same meeting; changing a mark keeps one row.
    again = jo.post(reverse("residences-meetings", args=[slug, house.pk]), {"date": day})
    assert again["Location"].endswith(f"/meetings/{meeting.pk}/")
    jo.post(again["Location"], {f"person_{people.sam.pk}": "absent"})
    assert Attendance.objects.filter(meeting=meeting).count() == 2
    assert meeting.attendance.get(person=people.sam).status == "absent"


def test_attendance_rates_leave_excused_absences_out(people, two_residents, signed_in):
    house = two_residents
    last = meetings.last_scheduled_date(house)
    plan = [("present", "present"), ("present", "absent"), ("excused", "absent")]
    for weeks_ago, (river, sam) in enumerate(plan):
        meeting = meetings.open_meeting(people.jo, house, last - timedelta(weeks=weeks_ago))
        meeting.house = house
        meetings.take_attendance(people.jo, meeting, {people.river.pk: river, people.sam.pk: sam})
    rates = {r.person.handle: r for r in meetings.rates_of(house)}
    assert (rates["river"].present, rates["river"].excused, rates["river"].rate) == (2, 1, 100)
    assert rates["sam"].rate == 33
    page = signed_in(people.jo).get(
        reverse("residences-meetings", args=[house.program.slug, house.pk])
    )
    assert "100%" in page.content.decode() and "33%" in page.content.decode()


def test_the_roster_is_who_lived_there_on_that_date(people, two_residents):
    house = two_residents
    before_sam = meetings.open_meeting(
        people.jo, house, meetings.last_scheduled_date(house) - timedelta(weeks=3)
    )
    before_sam.house = house
    assert [r.person.handle for r in meetings.roster(before_sam)] == ["river"]
    with pytest.raises(Refused, match="Only residents of the house on that date"):
        meetings.take_attendance(people.jo, before_sam, {people.sam.pk: "present"})


def test_attendance_is_not_taken_before_the_day(people, house, signed_in):
    tomorrow = meetings.today_at(house) + timedelta(days=1)
    response = signed_in(people.jo).post(
        reverse("residences-meetings", args=[house.program.slug, house.pk]), {"date": tomorrow}
    )
    assert response.status_code == 400
    assert "Attendance is taken on the day or after" in response.content.decode()


def test_an_empty_attendance_form_says_what_to_do(people, house, signed_in):
    meeting = meetings.open_meeting(people.jo, house, meetings.last_scheduled_date(house))
    url = reverse("residences-meeting", args=[house.program.slug, house.pk, meeting.pk])
    response = signed_in(people.jo).post(url, {})
    assert response.status_code == 400
    assert "Mark at least one resident." in response.content.decode()
    response = signed_in(people.jo).post(url, {f"person_{people.river.pk}": "asleep"})
    assert response.status_code == 400
