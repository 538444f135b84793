"""iCalendar for events, as meetings do it (`meetings/calendar.py`): each event in its own
zone, with the VTIMEZONE the calendar needs."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Event


def event_component(event: Event, now) -> VEvent:
    component = VEvent()
    component.add("uid", f"event-{event.pk}@lantern-events")
    component.add("dtstamp", now.astimezone(UTC))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    component.add("summary", event.title)
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    url = settings.SITE_URL + event.get_absolute_url()
    component.add("url", url)
    description = [event.description, event.accessibility, event.online_url, url]
    component.add("description", "\n\n".join(part for part in description if part))
    if event.place:
        component.add("location", event.place)
    elif event.online_url:
        component.add("location", event.online_url)
    if event.tags:
        component.add("categories", list(event.tags))
    if event.is_cancelled:
        component.add("status", "CANCELLED")
    else:
        component.add("status", "CONFIRMED")
    return component


def calendar_for(events, name: str) -> bytes:
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Lantern//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event_component(event, now))
    calendar.add_missing_timezones()
    return calendar.to_ical()
