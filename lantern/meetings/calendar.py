"""iCalendar for meetings: weekly recurrence in the meeting's own zone, with a VTIMEZONE."""

from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Meeting

BYDAY = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]


def meeting_event(meeting: Meeting, now: datetime) -> Event | None:
    first = meeting.next_start(now)
    if first is None:
        return None
    event = Event()
    event.add("uid", f"{meeting.slug}@lantern-meetings")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("summary", meeting.name)
    event.add("dtstart", first)
    event.add("duration", meeting.duration())
    event.add("rrule", {"freq": "weekly", "byday": [BYDAY[d] for d in meeting.days]})
    url = settings.SITE_URL + reverse("meetings-detail", args=[meeting.slug])
    event.add("url", url)
    description = [meeting.notes, meeting.conference_url, url]
    event.add("description", "\n\n".join(part for part in description if part))
    if meeting.location is not None and meeting.location.one_line:
        where = meeting.location.one_line
        event.add(
            "location", f"{meeting.location.name}, {where}" if meeting.location.name else where
        )
    elif meeting.conference_url:
        event.add("location", meeting.conference_url)
    return event


def calendar_for(meetings, name: str) -> bytes:
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Lantern//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        event = meeting_event(meeting, now)
        if event is not None:
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
