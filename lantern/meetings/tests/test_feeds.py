"""/meetings.json speaks the Meeting Guide format the way real finders read it (one object per
day, each with an integer `day`); .ics feeds are valid iCalendar."""

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
    """The checks of the Meeting Guide specification (code4recovery/spec), field by field, and
    of the finders built on it (the Meeting Guide app, TSML UI): one object per day, with an
    integer `day`, or neither day nor time for a meeting by appointment."""
    assert isinstance(feed, list)
    slugs = set()
    for m in feed:
        assert isinstance(m["name"], str) and 0 < len(m["name"]) <= 255
        assert isinstance(m["slug"], str) and re.fullmatch(r"[a-z0-9_-]{1,64}", m["slug"])
        assert m["slug"] not in slugs
        slugs.add(m["slug"])
        if "day" in m:
            assert type(m["day"]) is int and 0 <= m["day"] <= 6, m  # never a list
            assert HHMM.match(m["time"])
            if "end_time" in m:
                assert HHMM.match(m["end_time"])
        else:  # by appointment
            assert "time" not in m and "end_time" not in m
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
    assert len(feed) == 4  # three meetings, one of them on two days
    assert_meeting_guide(feed)
    serenity = next(m for m in feed if m["slug"] == "sunday-serenity")
    assert (serenity["day"], serenity["time"], serenity["end_time"]) == (0, "18:00", "19:30")
    assert serenity["timezone"] == "America/Chicago"
    monday, wednesday = [m for m in feed if m["name"] == "Women's Step Study"]
    assert (monday["slug"], monday["day"]) == ("womens-step-study", 1)
    assert (wednesday["slug"], wednesday["day"]) == ("womens-step-study--3", 3)
    assert {**monday, "slug": "", "day": 0} == {**wednesday, "slug": "", "day": 0}
    assert wednesday["url"].endswith("/meetings/womens-step-study/")  # one page, both days


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
# Type codes as feeds write them, in any case ("o" is "O"; "12x12" keeps its own spelling).
type_codes = st.sampled_from(sorted(KNOWN_TYPES)).flatmap(
    lambda code: st.sampled_from([code, code.lower(), code.upper()])
)
NO_DAY = "by appointment"
# Slugs that look like another meeting's day ("step-3" beside "step" held on Wednesdays).
slug_lists = st.lists(
    st.from_regex(r"[a-z]{1,2}(-[0-6]){0,2}", fullmatch=True), min_size=8, unique=True
)
meeting_rows = st.fixed_dictionaries(
    {
        "name": names.filter(bool),
        # Several days (as a list, or as one object per day once exported), one day, or none.
        "day": st.one_of(
            st.integers(0, 6),
            st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True),
            st.just(NO_DAY),
        ),
        "time": st.times().map(lambda t: t.strftime("%H:%M")),
        "end_time": st.times().map(lambda t: t.strftime("%H:%M")),
        "types": st.lists(type_codes, max_size=4, unique=True),
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
@given(rows=st.lists(meeting_rows, min_size=1, max_size=8), slugs=slug_lists)
def test_a_feed_exported_and_imported_again_yields_the_same_feed(client, db, rows, slugs):
    Meeting.objects.all().delete()
    feed_in = [
        {**{k: v for k, v in row.items() if v != NO_DAY}, "slug": slug}
        for row, slug in zip(rows, slugs, strict=False)
    ]
    report = import_feed(feed_in, source="round-1")
    assert report.created == len(rows), report.summary()
    first = json.loads(client.get("/meetings.json").content)
    assert_meeting_guide(first)
    assert len(first) == sum(len(m.days) or 1 for m in Meeting.objects.all())
    Meeting.objects.all().delete()
    report = import_feed(first, source="round-2")
    assert report.created == len(rows) and not report.rejected, report.summary()
    second = json.loads(client.get("/meetings.json").content)
    strip = lambda feed: [{k: v for k, v in m.items() if k != "updated"} for m in feed]  # noqa: E731
    assert strip(second) == strip(first)
    again = import_feed(first, source="round-2")  # the nightly import of an unchanged feed
    assert (again.unchanged, again.created, again.updated) == (len(rows), 0, 0)


def test_a_meeting_exported_keeps_its_times(db):
    import_feed([GOOD], source="t")
    m = Meeting.objects.get()
    assert (m.start_time, m.end_time) == (time(18, 0), time(19, 30))


def test_a_day_s_slug_never_names_another_meeting(client, db):
    """Lantern's slugs never hold "--" (runs of dashes are one, as `slugify` makes them), so
    `<slug>--<day>` is free; a slug typed in the admin might hold one, and the feed then takes
    one more dash."""
    import_feed([{**GOOD, "slug": "step", "day": [1, 3]}, {**GOOD, "slug": "step-3"}], "t")
    Meeting.objects.create(
        **{
            f.name: getattr(Meeting.objects.get(slug="step-3"), f.name)
            for f in Meeting._meta.concrete_fields
            if f.name not in ("id", "slug")
        },
        slug="step--3",  # typed in the admin
    )
    feed = json.loads(client.get("/meetings.json").content)
    assert_meeting_guide(feed)  # unique slugs
    assert sorted(m["slug"] for m in feed) == ["step", "step---3", "step--3", "step-3"]
