"""Making events in tests: jo (a supporter) organizes, in Chicago, starting in a few days."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from lantern.events import services
from lantern.events.models import Event

CHICAGO = "America/Chicago"


def soon(days=3, hour=19, minute=0, zone=CHICAGO) -> datetime:
    local = timezone.now().astimezone(ZoneInfo(zone)) + timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def fields(**overrides) -> services.EventFields:
    starts = overrides.pop("starts_at", soon())
    values = {
        "title": "Sober bowling night",
        "description": "Shoes are on us.",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "time_zone": CHICAGO,
        "place": "Diversey River Bowl, Chicago",
        "capacity": None,
        "tags": ("social",),
        "accessibility": "Step-free entrance.",
        "visibility": Event.Visibility.PUBLIC,
    }
    values.update(overrides)
    return services.EventFields(**values)


def make_event(organizer, **overrides) -> Event:
    return services.create_event(organizer, fields(**overrides)).obj


def form_data(**overrides) -> dict:
    data = {
        "title": "Picnic in the park",
        "description": "Bring something to share.",
        "day": soon().date().isoformat(),
        "starts": "12:00",
        "ends": "15:00",
        "time_zone": CHICAGO,
        "place": "Humboldt Park, Chicago",
        "online_url": "",
        "capacity": "20",
        "tags": "outdoors, Family-friendly",
        "accessibility": "Paved paths.",
        "visibility": "public",
        "club": "",
    }
    data.update(overrides)
    return data
