"""/events.ics and each event's .ics: parsed with icalendar, times in the event's own zone with
its VTIMEZONE, members-only events only for members."""

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from lantern.events import services
from lantern.events.models import Event

from .helpers import make_event, soon

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_the_feed_parses_and_carries_the_time_zone(people, client):
    event = make_event(people.jo, starts_at=soon(hour=19))
    make_event(
        people.jo,
        title="In Madrid",
        time_zone="Europe/Madrid",
        starts_at=soon(zone="Europe/Madrid", hour=18),
    )
    calendar = parse(client.get(reverse("events-feed-ics")))
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert {"America/Chicago", "Europe/Madrid"} <= zones
    vevents = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    bowling = vevents["Sober bowling night"]
    start = bowling.decoded("DTSTART")
    assert start.tzinfo is not None and start.hour == 19
    assert bowling["DTSTART"].params["TZID"] == "America/Chicago"
    assert start == event.starts_at
    assert bowling.decoded("DTEND") == event.ends_at
    assert "Diversey" in str(bowling["LOCATION"])
    assert str(bowling["URL"]).endswith(event.get_absolute_url())
    assert vevents["In Madrid"]["DTSTART"].params["TZID"] == "Europe/Madrid"


def test_visitors_get_public_events_only_members_all(people, client, signed_in):
    make_event(people.jo, title="Open")
    hidden = make_event(people.jo, title="Members", visibility=Event.Visibility.MEMBERS)
    titles = {
        str(e["SUMMARY"]) for e in parse(client.get(reverse("events-feed-ics"))).walk("VEVENT")
    }
    assert titles == {"Open"}
    member = signed_in(people.sam)
    titles = {
        str(e["SUMMARY"]) for e in parse(member.get(reverse("events-feed-ics"))).walk("VEVENT")
    }
    assert titles == {"Open", "Members"}
    assert client.get(reverse("events-detail-ics", args=[hidden.pk])).status_code == 404


def test_one_events_calendar_file(people, client):
    event = make_event(people.jo)
    response = client.get(reverse("events-detail-ics", args=[event.pk]))
    assert "attachment" in response["Content-Disposition"]
    calendar = parse(response)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART").astimezone(ZoneInfo("UTC")) == event.starts_at
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]


def test_a_called_off_event_says_so_in_the_calendar(people, client):
    event = make_event(people.jo)
    services.cancel_event(people.jo, event, "Snowed in.")
    (vevent,) = parse(client.get(reverse("events-detail-ics", args=[event.pk]))).walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
