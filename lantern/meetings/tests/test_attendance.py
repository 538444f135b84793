"""“I went”: a member's private record of the meetings they attend."""

import datetime
import re

import time_machine

from lantern.meetings.models import Attendance
from lantern.meetings.services import import_feed
from lantern.meetings.tests.test_import import GOOD

NOW = datetime.datetime(2026, 11, 24, 23, 30, tzinfo=datetime.UTC)  # 17:30 in Chicago


def setup_meeting(people):
    import_feed([GOOD], source="t")
    people.river.time_zone = "America/Chicago"
    people.river.save()


def test_a_member_logs_a_meeting_and_sees_it_in_their_private_history(people, signed_in):
    setup_meeting(people)
    river = signed_in(people.river)
    with time_machine.travel(NOW, tick=False):
        page = river.get("/meetings/sunday-serenity/").content.decode()
        assert 'value="2026-11-24">Today' in page  # today in river's zone, not UTC's
        response = river.post("/meetings/sunday-serenity/attended/", {"date": "2026-11-24"})
        assert response["Location"] == "/meetings/attendance/"
        river.post("/meetings/sunday-serenity/attended/", {"date": "2026-11-20"})
        history = river.get("/meetings/attendance/").content.decode()
    assert "2 in the last 30 days · 2 in the last 90 days" in history
    assert "Sunday Serenity" in history
    assert "<svg" in history and "<table" in history  # the chart, and the same data as a table
    # Private: nobody else sees river's history.
    assert (
        "Sunday Serenity" not in signed_in(people.sam).get("/meetings/attendance/").content.decode()
    )


def test_bad_dates_and_doubles_get_a_clear_message_and_store_nothing(people, signed_in):
    setup_meeting(people)
    river = signed_in(people.river)
    with time_machine.travel(NOW, tick=False):
        river.post("/meetings/sunday-serenity/attended/", {"date": "2026-11-24"})
        cases = {
            "2026-11-25": "That date is in the future.",
            "2026-11-10": "You can log meetings from the past week only.",
            "2026-11-24": "You already logged this meeting on that day.",
            "not a date": "Choose the day you went.",
        }
        for value, message in cases.items():
            page = river.post(
                "/meetings/sunday-serenity/attended/", {"date": value}, follow=True
            ).content.decode()
            assert message in page, value
    assert Attendance.objects.filter(member=people.river).count() == 1


def test_visitors_are_asked_to_sign_in_to_log(client, db):
    import_feed([GOOD], source="t")
    page = client.get("/meetings/sunday-serenity/").content.decode()
    assert "I went" not in page
    response = client.post("/meetings/sunday-serenity/attended/", {"date": "2026-11-24"})
    assert response["Location"].startswith("/accounts/login/")


def test_the_weekly_chart_keeps_dot_decimals_on_a_spanish_page(people, signed_in):
    """Spanish writes 92,5 for 92.5; an SVG attribute must not, or the bar is dropped."""
    setup_meeting(people)
    people.river.language = "es"
    people.river.save()
    river = signed_in(people.river)
    river.cookies["django_language"] = "es"
    with time_machine.travel(NOW, tick=False):
        for day in ("2026-11-24", "2026-11-23", "2026-11-19"):
            river.post("/meetings/sunday-serenity/attended/", {"date": day})
        page = river.get("/meetings/attendance/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="es">' in page
    rects = re.findall(r'<rect x="([^"]*)" y="([^"]*)" width="([^"]*)" height="([^"]*)"', page)
    assert len(rects) == 12
    assert all(re.fullmatch(r"\d+\.\d", value) for rect in rects for value in rect), rects
    assert ("111.0", "5.0", "8.0", "50.0") in rects  # this week: the tallest bar
    assert ("101.0", "30.0", "8.0", "25.0") in rects  # last week: half as tall
