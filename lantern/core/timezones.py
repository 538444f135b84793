"""Time helpers. Instants are stored in UTC; people see their own zone."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo, available_timezones

from django.utils import timezone

from lantern.core import site


def zone_for(user) -> ZoneInfo:
    """The person's own zone, or the community's (Settings → Site)."""
    name = getattr(user, "time_zone", "")
    if not name:
        return site.time_zone()
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return site.time_zone()


def local_now(user, now: datetime | None = None) -> datetime:
    return (now or timezone.now()).astimezone(zone_for(user))


# The zones offered in a short list (US first, then places Spanish-speaking members often come
# from); any other IANA zone can be typed in.
COMMON_ZONES = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
    "America/Mexico_City",
    "America/Bogota",
    "America/Lima",
    "America/Santiago",
    "America/Argentina/Buenos_Aires",
    "America/Toronto",
    "America/Vancouver",
    "Europe/London",
    "Europe/Madrid",
    "UTC",
]


def is_valid_zone(name: str) -> bool:
    return name in all_zones()


_ZONES: list[str] = []


def all_zones() -> list[str]:
    if not _ZONES:
        zones = {z for z in available_timezones() if "/" in z and not z.startswith("Etc/")}
        _ZONES.extend(sorted(zones | {"UTC"}))
    return _ZONES


def quiet_hours_end(start: time | None, end: time | None, zone: ZoneInfo, now: datetime):
    """When the quiet hours that contain `now` end (an aware datetime), or None if `now` is not
    inside them. Quiet hours may wrap midnight (22:00–07:00)."""
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(zone)
    t = local.time().replace(tzinfo=None)
    if start < end:
        inside = start <= t < end
        end_date = local.date()
    else:
        inside = t >= start or t < end
        end_date = local.date() + timedelta(days=1) if t >= start else local.date()
    if not inside:
        return None
    # Build the wall-clock end and let zoneinfo resolve it (DST-safe: fold=0 picks the first).
    return datetime.combine(end_date, end, tzinfo=zone)
