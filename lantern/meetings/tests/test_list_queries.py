"""Every list page of the meetings app asks the database a fixed number of times, however many
rows it lists: the finder, a member's attendance history and the moderators' queue, each filled
with enough rows that a query per row would blow its budget."""

import datetime
import re

import time_machine

from lantern.accounts.models import User
from lantern.conftest import PASSWORD
from lantern.meetings.models import Attendance, ChangeReport, Meeting
from lantern.meetings.services import import_feed

NOW = datetime.datetime(2026, 11, 24, 23, 30, tzinfo=datetime.UTC)  # a Tuesday, 17:30 Chicago
ROWS = 30


def many_meetings(n: int = ROWS) -> list[Meeting]:
    """`n` meetings every day near ZIP 60641, each with its own group and place."""
    rows = [
        {
            "name": f"Group {i}",
            "slug": f"group-{i}",
            "day": [0, 1, 2, 3, 4, 5, 6],
            "time": f"{8 + i % 12:02d}:00",
            "location": f"Hall {i}",
            "address": f"{100 + i} W Addison St",
            "city": "Chicago",
            "state": "IL",
            "postal_code": "60641",
            "latitude": 41.9453 + i / 10000,
            "longitude": -87.7474,
            "timezone": "America/Chicago",
            "types": ["O", "D"],
        }
        for i in range(n)
    ]
    import_feed(rows, source="queries", fellowship="aa")
    return list(Meeting.objects.order_by("slug"))


# The finder walks forward through time in doubling slices (one query each, a handful at most,
# plus the time zones and the hours of long meetings, kept between requests, and one for meetings
# by appointment): never a query per meeting.
def test_the_finder(client, db, django_assert_max_num_queries):
    many_meetings()
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(9):
        page = client.get("/meetings/", {"zip": "60641", "km": "10"}).content.decode()
    assert "25 meetings near Chicago, IL" in page and page.count("Hall ") == 25


def test_the_finder_for_a_moderator(people, signed_in, django_assert_max_num_queries):
    many_meetings()
    morgan = signed_in(people.morgan)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(19):
        page = morgan.get("/meetings/", {"zip": "60641"}).content.decode()
    assert page.count("Hall ") == 25 and "Meeting corrections (0 waiting)" in page


def test_the_attendance_history(people, signed_in, django_assert_max_num_queries):
    meetings = many_meetings()
    today = datetime.date(2026, 11, 24)
    for n in range(60):
        meeting = meetings[n % len(meetings)]
        Attendance.objects.create(
            member=people.river,
            meeting=meeting,
            meeting_name=meeting.name,
            date=today - datetime.timedelta(days=n),
        )
    river = signed_in(people.river)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(10):
        page = river.get("/meetings/attendance/").content.decode()
    assert page.count('href="/meetings/group-') >= 60


def test_the_moderators_queue(people, signed_in, django_assert_max_num_queries):
    meetings = many_meetings()
    reporters = [User.objects.create_user(f"reporter{i}", PASSWORD) for i in range(ROWS)]
    for n, (meeting, reporter) in enumerate(zip(meetings, reporters, strict=True)):
        report = ChangeReport.objects.create(
            meeting=meeting, reporter=reporter, topic="time", details=f"now at {n}"
        )
        if n % 2:
            report.status, report.reviewed_by = ChangeReport.Status.DISMISSED, people.morgan
            report.reviewed_at, report.review_note = datetime.datetime.now(datetime.UTC), "ok"
            report.save()
    morgan = signed_in(people.morgan)
    with django_assert_max_num_queries(11):  # a staff session is touched; the reach-out banner
        page = morgan.get("/staff/meetings/changes/").content.decode()
    reviews = re.findall(r'href="/staff/meetings/changes/\d+/"', page)
    assert len(reviews) == 15  # the waiting ones link to their review
    assert page.count("(morgan)") == 15  # the reviewed ones name their moderator
