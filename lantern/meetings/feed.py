"""The Meeting Guide JSON format (code4recovery/spec): reading a feed row into clean values, and
writing a meeting back out. Real feeds are messy; `parse_row` accepts what the format allows
and raises `RowError` with a reason for what cannot be a meeting."""

import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import time
from zoneinfo import available_timezones

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import slugify

from .models import Fellowship, Meeting, mask_to_days
from .types import LANTERN_TYPES, STANDARD_TYPES

KNOWN_TYPES = set(STANDARD_TYPES) | set(LANTERN_TYPES)
_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*$")
_ZONES = available_timezones()


class RowError(ValueError):
    """This row cannot be a meeting; the message says why."""


@dataclass
class Row:
    slug: str
    name: str
    days: list[int]
    start_time: time
    end_time: time | None
    time_zone: str
    types: list[str]
    unknown_types: list[str]
    notes: str
    location: str
    address: str
    city: str
    state: str
    postal_code: str
    country: str
    latitude: float | None
    longitude: float | None
    region: str
    group: str
    fellowship: str
    conference_url: str
    conference_url_notes: str
    conference_phone: str
    conference_phone_notes: str
    language: str
    mode: str
    warnings: list[str] = field(default_factory=list)

    def digest(self) -> str:
        data = asdict(self)
        data.pop("warnings")
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _text(value, limit=None) -> str:
    """Plain text: no HTML, entities decoded, whitespace tidied; None and "" are both ""."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return ""
    value = html.unescape(strip_tags(value.replace("<br>", "\n").replace("<br/>", "\n")))
    value = "\n".join(" ".join(line.split()) for line in value.splitlines()).strip()
    return value[:limit] if limit else value


def _time(value, field_name, required) -> time | None:
    text = _text(value)
    if not text:
        if required:
            raise RowError(f"no {field_name} (meetings by appointment are not listed)")
        return None
    match = _TIME.match(text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise RowError(f"{field_name} {text!r} is not a time like 18:30")
    return time(int(match.group(1)), int(match.group(2)))


def _days(value) -> list[int]:
    if value is None or value == "":
        raise RowError("no day (meetings by appointment are not listed)")
    values = value if isinstance(value, list) else [value]
    days = []
    for item in values:
        try:
            day = int(str(item).strip())
        except ValueError:
            raise RowError(f"day {item!r} is not a number from 0 (Sunday) to 6") from None
        if not 0 <= day <= 6:
            raise RowError(f"day {day} is not from 0 (Sunday) to 6 (Saturday)")
        days.append(day)
    if not days:
        raise RowError("no day (meetings by appointment are not listed)")
    return sorted(set(days))


def _coordinate(value, low, high):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, 5) if low <= number <= high else None


def _zip_lookup(postal_code: str):
    if not re.fullmatch(r"\d{5}(-\d{4})?", postal_code):
        return None
    import zipcodes  # lazy: its ZIP table is large; only rows without coordinates need it

    try:
        found = zipcodes.matching(postal_code[:5])
    except (ValueError, TypeError):
        return None
    return found[0] if found else None


def _split_address(raw: dict) -> tuple[str, str, str, str, str]:
    address, city = _text(raw.get("address"), 255), _text(raw.get("city"), 100)
    state, postal_code = _text(raw.get("state"), 100), _text(raw.get("postal_code"), 16)
    country = _text(raw.get("country"), 2).upper() or "US"
    formatted = _text(raw.get("formatted_address"), 500)
    if formatted and not (address or city):
        # "4953 W Addison St, Chicago, IL 60641, USA"
        parts = [p.strip() for p in formatted.split(",") if p.strip()]
        if parts and parts[-1].upper() in ("USA", "US", "UNITED STATES"):
            parts = parts[:-1]
        if parts and (m := re.fullmatch(r"([A-Z]{2})(?:\s+(\d{5}(?:-\d{4})?))?", parts[-1])):
            state, postal_code = m.group(1), m.group(2) or ""
            parts = parts[:-1]
        if len(parts) >= 2:
            address, city = ", ".join(parts[:-1]), parts[-1]
        elif parts:
            city = parts[0]
    return address, city, state, postal_code, country


_FELLOWSHIPS = {value: value for value in Fellowship.values} | {
    str(label).lower(): value for value, label in Fellowship.choices
}
# A meeting's own type says its program where the feed does not.
_FELLOWSHIP_BY_TYPE = {"SMART": Fellowship.SMART, "REFUGE": Fellowship.REFUGE}


def _fellowship(raw, known_types: list[str], default: str) -> str:
    """Meeting Guide has no program field: an intergroup's feed is all one program. Lantern
    reads its own `fellowship` key (written by its export), then the importer's default, then
    a program type code, and otherwise says "other" (so "other" names nothing)."""
    named = _FELLOWSHIPS.get(_text(raw.get("fellowship"), 64).lower())
    if named and named != Fellowship.OTHER:
        return named
    if default and default != Fellowship.OTHER:
        return default
    for code in known_types:
        if code in _FELLOWSHIP_BY_TYPE:
            return _FELLOWSHIP_BY_TYPE[code]
    return Fellowship.OTHER


def parse_row(raw, default_zone: str, default_fellowship: str = "") -> Row:
    """Read one feed entry. Raises RowError with a reason when it cannot be a meeting."""
    if not isinstance(raw, dict):
        raise RowError("not a JSON object")
    name = _text(raw.get("name"), 255)
    if not name:
        raise RowError("no name")
    slug_value = raw.get("slug")
    slug = slugify(_text(slug_value))[:100] if slug_value not in (None, "") else ""
    if not slug:
        raise RowError("no slug")
    days = _days(raw.get("day"))
    start = _time(raw.get("time"), "time", required=True)
    end = _time(raw.get("end_time"), "end_time", required=False)
    warnings = []
    address, city, state, postal_code, country = _split_address(raw)
    latitude = _coordinate(raw.get("latitude"), -90, 90)
    longitude = _coordinate(raw.get("longitude"), -180, 180)
    zone = _text(raw.get("timezone"))
    place = None
    if (latitude is None or longitude is None or not zone) and postal_code:
        place = _zip_lookup(postal_code)
    if (latitude is None or longitude is None) and place:
        latitude, longitude = round(float(place["lat"]), 5), round(float(place["long"]), 5)
        warnings.append("coordinates taken from the ZIP code")
    if zone and zone not in _ZONES:
        warnings.append(f"unknown time zone {zone!r}")
        zone = ""
    if not zone:
        zone = (place or {}).get("timezone") or default_zone
    raw_types = raw.get("types") or []
    if isinstance(raw_types, str):
        raw_types = [t for t in re.split(r"[,\s]+", raw_types) if t]
    codes = []
    for item in raw_types if isinstance(raw_types, list) else []:
        code = _text(item, 16)
        if code and code not in codes:
            codes.append(code)
    known = [c for c in codes if c in KNOWN_TYPES]
    unknown = [c for c in codes if c not in KNOWN_TYPES]
    conference_url = _text(raw.get("conference_url"), 500)
    if conference_url and not re.match(r"^https?://", conference_url):
        warnings.append("conference_url is not a web address; left out")
        conference_url = ""
    conference_phone = re.sub(r"[^\d+,*#]", "", _text(raw.get("conference_phone"), 64))
    online = bool(conference_url or conference_phone)
    has_place = bool(address) and "TC" not in known
    if online and has_place:
        mode = Meeting.Mode.HYBRID
    elif online:
        mode = Meeting.Mode.ONLINE
    else:
        mode = Meeting.Mode.IN_PERSON
        if not (address or city or latitude is not None):
            raise RowError("no address and no online link: nowhere to go")
    language = "es" if "S" in known else (_text(raw.get("language"), 8) or "en")
    return Row(
        slug=slug,
        name=name,
        days=days,
        start_time=start,
        end_time=end,
        time_zone=zone,
        types=known,
        unknown_types=unknown,
        notes=_text(raw.get("notes"), 5000),
        location=_text(raw.get("location"), 255),
        address=address,
        city=city,
        state=state,
        postal_code=postal_code,
        country=country,
        latitude=latitude,
        longitude=longitude,
        region=_text(raw.get("region") or (raw.get("regions") or [""])[-1], 100),
        group=_text(raw.get("group"), 255),
        fellowship=_fellowship(raw, known, default_fellowship),
        conference_url=conference_url,
        conference_url_notes=_text(raw.get("conference_url_notes"), 1000),
        conference_phone=conference_phone,
        conference_phone_notes=_text(raw.get("conference_phone_notes"), 1000),
        language=language,
        mode=mode,
        warnings=warnings,
    )


def export_meeting(meeting: Meeting, site_url: str) -> dict:
    """One meeting in the Meeting Guide format."""
    location = meeting.location
    days = mask_to_days(meeting.days_mask)
    data = {
        "name": meeting.name,
        "slug": meeting.slug,
        "day": days[0] if len(days) == 1 else days,
        "time": meeting.start_time.strftime("%H:%M"),
        "timezone": meeting.time_zone,
        "types": meeting.type_codes,
        "notes": meeting.notes,
        "updated": meeting.updated_at.strftime("%Y-%m-%d %H:%M:%S"),
        "url": site_url + reverse("meetings-detail", args=[meeting.slug]),
    }
    if meeting.end_time:
        data["end_time"] = meeting.end_time.strftime("%H:%M")
    if meeting.group_id:
        data["group"] = meeting.group.name
        if meeting.group.fellowship != Fellowship.OTHER:
            data["fellowship"] = meeting.group.fellowship  # Lantern's own key; readers skip it
    if location is not None:
        for key, value in [
            ("location", location.name),
            ("address", location.address),
            ("city", location.city),
            ("state", location.state),
            ("postal_code", location.postal_code),
            ("country", location.country),
            ("region", location.region),
            ("location_notes", location.notes),
        ]:
            if value:
                data[key] = value
    if meeting.latitude is not None and meeting.longitude is not None:
        data["latitude"], data["longitude"] = meeting.latitude, meeting.longitude
    for key in ["conference_url", "conference_url_notes", "conference_phone"]:
        if getattr(meeting, key):
            data[key] = getattr(meeting, key)
    if meeting.conference_phone_notes:
        data["conference_phone_notes"] = meeting.conference_phone_notes
    return data
