"""/meetings.json speaks the Meeting Guide format; .ics feeds are valid iCalendar."""

import json
import re
import string
from datetime import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from lantern.meetings.feed import KNOWN_TYPES
from lantern.meetings.models import Fellowship, Meeting
from lantern.meetings.services import import_feed
from lantern.meetings.tests.test_import import GOOD, MESSY

HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def assert_meeting_guide(feed):
    """The checks of the Meeting Guide specification (code4recovery/spec), field by field."""
    assert isinstance(feed, list)
    slugs = set()
    for m in feed:
        assert isinstance(m["name"], str) and 0 < len(m["name"]) <= 255
        assert isinstance(m["slug"], str) and re.fullmatch(r"[a-z0-9_-]{1,64}", m["slug"])
        assert m["slug"] not in slugs
        slugs.add(m["slug"])
        days = m["day"] if isinstance(m["day"], list) else [m["day"]]
        assert days and all(isinstance(d, int) and 0 <= d <= 6 for d in days)
        assert HHMM.match(m["time"])
        if "end_time" in m:
            assert HHMM.match(m["end_time"])
        assert isinstance(m["types"], list) and all(t in KNOWN_TYPES for t in m["types"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", m["updated"])
        assert m.get("address") or m.get("city") or m.get("formatted_address"), m
        if "conference_url" in m:
            assert m["conference_url"].startswith(("https://", "http://"))
        if "latitude" in m:
            assert -90 <= m["latitude"] <= 90 and -180 <= m["longitude"] <= 180
        assert "<" not in m.get("notes", "")


def test_the_json_feed_is_a_valid_meeting_guide_feed(client, db):
    import_feed(MESSY, source="t")
    response = client.get("/meetings.json")
    assert response["Content-Type"] == "application/json"
    feed = json.loads(response.content)
    assert len(feed) == 3
    assert_meeting_guide(feed)
    serenity = next(m for m in feed if m["slug"] == "sunday-serenity")
    assert (serenity["day"], serenity["time"], serenity["end_time"]) == (0, "18:00", "19:30")
    assert serenity["timezone"] == "America/Chicago"
    women = next(m for m in feed if m["slug"] == "womens-step-study")
    assert women["day"] == [1, 3]


def test_inactive_meetings_are_not_in_the_feed(client, db):
    import_feed(MESSY, source="t")
    Meeting.objects.filter(slug="sunday-serenity").update(active=False)
    slugs = {m["slug"] for m in json.loads(client.get("/meetings.json").content)}
    assert "sunday-serenity" not in slugs


def test_the_calendar_feeds_parse_with_weekly_recurrence_and_time_zones(client, db):
    import_feed(MESSY, source="t")
    calendar = Calendar.from_ical(client.get("/meetings/womens-step-study.ics").content)
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Women's Step Study"
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["BYDAY"] == ["MO", "WE"]
    assert event["dtstart"].dt.tzinfo is not None
    assert str(event["dtstart"].params["TZID"]) == "America/Chicago"
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["America/Chicago"]
    everything = Calendar.from_ical(client.get("/meetings.ics").content)
    assert len(everything.walk("VEVENT")) == 3


names = st.text(alphabet=string.ascii_letters + " '&-", min_size=1, max_size=40).map(str.strip)
meeting_rows = st.fixed_dictionaries(
    {
        "name": names.filter(bool),
        "day": st.one_of(
            st.integers(0, 6), st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True)
        ),
        "time": st.times().map(lambda t: t.strftime("%H:%M")),
        "end_time": st.times().map(lambda t: t.strftime("%H:%M")),
        "types": st.lists(st.sampled_from(sorted(KNOWN_TYPES)), max_size=4, unique=True),
        "address": st.sampled_from(["1 Main St", "22 Oak Ave", "300 Pine Rd"]),
        "city": st.sampled_from(["Chicago", "Denver", "Miami"]),
        "state": st.sampled_from(["IL", "CO", "FL"]),
        "postal_code": st.sampled_from(["60641", "80202", "33101"]),
        "latitude": st.floats(25, 48).map(lambda x: round(x, 5)),
        "longitude": st.floats(-120, -70).map(lambda x: round(x, 5)),
        "timezone": st.sampled_from(["America/Chicago", "America/Denver", "America/New_York"]),
        "notes": st.text(alphabet=string.ascii_letters + " .,", max_size=60).map(str.strip),
    },
    optional={
        "group": st.sampled_from(["Northside Group", "Early Risers", "Grupo Esperanza"]),
        "fellowship": st.sampled_from(sorted(Fellowship.values)),
    },
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(meeting_rows, min_size=1, max_size=8))
def test_a_feed_exported_and_imported_again_yields_the_same_feed(client, db, rows):
    Meeting.objects.all().delete()
    feed_in = [{**row, "slug": f"m-{n}"} for n, row in enumerate(rows)]
    import_feed(feed_in, source="round-1")
    first = json.loads(client.get("/meetings.json").content)
    assert_meeting_guide(first)
    Meeting.objects.all().delete()
    import_feed(first, source="round-2")
    second = json.loads(client.get("/meetings.json").content)
    strip = lambda feed: [{k: v for k, v in m.items() if k != "updated"} for m in feed]  # noqa: E731
    assert strip(second) == strip(first)


def test_a_meeting_exported_keeps_its_times(db):
    import_feed([GOOD], source="t")
    m = Meeting.objects.get()
    assert (m.start_time, m.end_time) == (time(18, 0), time(19, 30))
