"""The Meeting Guide JSON format (code4recovery/spec): reading a feed row into clean values, and
writing a meeting back out. Real feeds are messy; `parse_row` accepts what the format allows
and raises `RowError` with a reason for what cannot be a meeting.

A meeting held on several days is published as one object per day (`export_meeting`): finders
built on the spec (the Meeting Guide app, TSML UI) fail on a feed with `"day": [2, 5]`, although
the spec allows it. The first day's object carries the meeting's slug, the others
`<slug>--<day>` (`day_slug`); `fold` reads them back into one meeting. No slug Lantern stores
contains "--" (`feed_slug` collapses runs of dashes, as `slugify` does), so a day's slug never
names another meeting; `export_feed` makes sure of it even for a slug typed in the admin."""

import hashlib
import html
import json
import re
from dataclasses import dataclass, field, replace
from datetime import time
from functools import lru_cache
from zoneinfo import available_timezones

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import slugify

from lantern.core.input import UNSTORABLE

from .models import Fellowship, Meeting, mask_to_days
from .types import LANTERN_TYPES, STANDARD_TYPES

KNOWN_TYPES = set(STANDARD_TYPES) | set(LANTERN_TYPES)
# Codes in any case ("o", "Lgbtq") are the standard ones; "12x12" keeps its own spelling.
_TYPE_BY_UPPER = {code.upper(): code for code in KNOWN_TYPES}
_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*$")
_ZONES = available_timezones()
# Text that `plain` would return unchanged: words separated by single spaces, with nothing a tag,
# an entity or the database could trip on. Most of a feed is like this; it skips the HTML parser.
_ALREADY_PLAIN = re.compile(r"[^\s<&\x00\ud800-\udfff]+(?: [^\s<&\x00\ud800-\udfff]+)*")
# A slug `slugify` returns unchanged (no capitals, no run of dashes, no dash or _ at either end).
_ALREADY_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?")
SLUG_MAX = 100


class RowError(ValueError):
    """This row cannot be a meeting; the message says why."""


class FeedRows(list):
    """A feed's rows as read from its file, with the hash of each row's own text (`digests`):
    a row whose text is the same as last time need not be read again."""

    digests: list[bytes]


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_ENCODE = json.JSONEncoder(default=str).encode


def read_rows(text: str) -> FeedRows | None:
    """The rows of a feed that is a JSON array, each with the hash of its text; None when the
    text is not an array (`json.loads` then says what it is). Raises json.JSONDecodeError."""
    at = _SPACE.match(text).end()
    if not text.startswith("[", at):
        return None
    rows, digests = FeedRows(), []
    at = _SPACE.match(text, at + 1).end()
    if text.startswith("]", at):
        at += 1
    else:
        while True:
            row, end = _DECODER.raw_decode(text, at)
            rows.append(row)
            digests.append(hashlib.sha256(text[at:end].encode("utf-8", "surrogatepass")).digest())
            at = _SPACE.match(text, end).end()
            if text.startswith(",", at):
                at = _SPACE.match(text, at + 1).end()
            elif text.startswith("]", at):
                at += 1
                break
            else:
                raise json.JSONDecodeError("Expecting ',' delimiter", text, at)
    if _SPACE.match(text, at).end() != len(text):
        raise json.JSONDecodeError("Extra data", text, at)
    rows.digests = digests
    return rows


def row_digest(row) -> bytes | None:
    """The hash of a row that did not come from a file (its JSON); None when it has none."""
    try:
        return hashlib.sha256(_ENCODE(row).encode("utf-8", "surrogatepass")).digest()
    except (ValueError, TypeError, RecursionError):
        return None


@dataclass
class Row:
    slug: str
    name: str
    days: list[int]
    start_time: time | None  # None by appointment
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

    @property
    def by_appointment(self) -> bool:
        """No day: the spec's "by appointment" (kept, never listed by time)."""
        return not self.days


def fold(first: Row, other: Row, day: int) -> bool:
    """Whether `other`, read from a row whose slug is `day_slug(first.slug, day)`, is the same
    meeting as `first` on another day (same name, time, place, group, everything but the day
    and the slug); if so its day joins `first`'s days."""
    if first.by_appointment or other.days != [day]:
        return False
    if replace(other, slug=first.slug, days=first.days, warnings=first.warnings) != first:
        return False
    first.days = sorted({*first.days, day})
    return True


def plain(value, limit=None) -> str:
    """Plain text: no HTML, entities decoded, whitespace tidied, and no character a database
    cannot store (NUL, lone surrogates); None, "" and anything that is not text are ""."""
    if type(value) is str and _ALREADY_PLAIN.fullmatch(value):  # most of a feed
        return value[:limit] if limit else value
    if value is None or value == "":
        return ""
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return ""
    value = UNSTORABLE.sub("", value)
    value = html.unescape(strip_tags(value.replace("<br>", "\n").replace("<br/>", "\n")))
    value = "\n".join(" ".join(line.split()) for line in value.splitlines()).strip()
    return value[:limit] if limit else value


def standard_type(code: str) -> str | None:
    """The spec's spelling of a standard type code written in any case ("o" is "O", "12X12" is
    "12x12"); None for any other code."""
    return _TYPE_BY_UPPER.get(code.upper())


def feed_slug(value) -> str:
    """A feed's slug as Lantern stores it: `slugify`'s (lower case, no run of dashes, no dash
    at either end), at most 100 characters; "" when there is none."""
    if (
        isinstance(value, str)
        and len(value) <= SLUG_MAX
        and "--" not in value
        and _ALREADY_SLUG.fullmatch(value)
    ):
        return value
    if value is None or value == "":
        return ""
    return slugify(plain(value))[:SLUG_MAX].strip("-_")


def day_slug(slug: str, day: int, dashes: int = 2) -> str:
    """The slug of one day of a meeting held on several (all but its first day)."""
    return f"{slug}{'-' * dashes}{day}"


def split_day_slug(value) -> tuple[str, int] | None:
    """(the meeting's slug, the day) when a feed's slug has the form of `day_slug`: a slug, two
    dashes or more, and a day from 0 to 6."""
    if type(value) is not str or value[-3:-1] != "--" or value[-1:] not in _WEEKDAY_DIGITS:
        return None
    base = feed_slug(value[:-1].rstrip("-"))
    return (base, int(value[-1])) if base else None


_WEEKDAY_DIGITS = set("0123456")


def feed_slug_of_day(value, base: str, day: int) -> str:
    """`feed_slug(value)` for a slug `split_day_slug` split into (base, day), quickly."""
    return f"{base}-{day}" if value == day_slug(base, day) else feed_slug(value)


def _time(value, field_name, required) -> time | None:
    text = plain(value)
    if not text:
        if required:
            raise RowError(f"no {field_name} (a meeting held on a day needs its start time)")
        return None
    clock = _clock(text)
    if clock is None:
        raise RowError(f"{field_name} {text!r} is not a time like 18:30")
    return clock


@lru_cache(maxsize=4096)
def _clock(text: str) -> time | None:
    """ "18:30" (or "7:00:00") as a time; None when it is not one. A feed repeats a few dozen."""
    match = _TIME.match(text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return None
    return time(int(match.group(1)), int(match.group(2)))


def _days(value) -> list[int]:
    """The days a meeting is held on; none for a meeting "by appointment" (no day)."""
    if value is None or value == "" or value == []:
        return []
    values = value if isinstance(value, list) else [value]
    days = []
    for item in values:
        if isinstance(item, bool) or not isinstance(item, int | str):
            raise RowError("day is not a number from 0 (Sunday) to 6")
        try:
            day = int(str(item).strip())
        except ValueError:
            raise RowError(f"day {plain(item)!r} is not a number from 0 (Sunday) to 6") from None
        if not 0 <= day <= 6:
            raise RowError(f"day {day} is not from 0 (Sunday) to 6 (Saturday)")
        days.append(day)
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
    return _zip_place(postal_code[:5])


@lru_cache(maxsize=50_000)
def _zip_place(code: str):
    """One ZIP code's place (a millisecond each: a big feed without coordinates repeats them)."""
    import zipcodes  # lazy: its ZIP table is large; only rows without coordinates need it

    try:
        found = zipcodes.matching(code)
    except (ValueError, TypeError):
        return None
    return found[0] if found else None


def _split_address(raw: dict) -> tuple[str, str, str, str, str]:
    address, city = plain(raw.get("address"), 255), plain(raw.get("city"), 100)
    state, postal_code = plain(raw.get("state"), 100), plain(raw.get("postal_code"), 16)
    country = plain(raw.get("country"), 2).upper() or "US"
    formatted = plain(raw.get("formatted_address"), 500)
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
    named = _FELLOWSHIPS.get(plain(raw.get("fellowship"), 64).lower())
    if named and named != Fellowship.OTHER:
        return named
    if default and default != Fellowship.OTHER:
        return default
    for code in known_types:
        if code in _FELLOWSHIP_BY_TYPE:
            return _FELLOWSHIP_BY_TYPE[code]
    return Fellowship.OTHER


def _last(value):
    """The last of a list (Meeting Guide's `regions`, broadest first), else nothing."""
    return value[-1] if isinstance(value, list) and value else None


def parse_row(raw, default_zone: str, default_fellowship: str = "") -> Row:
    """Read one feed entry. Raises RowError with a reason when it cannot be a meeting."""
    if not isinstance(raw, dict):
        raise RowError("not a JSON object")
    name = plain(raw.get("name"), 255)
    if not name:
        raise RowError("no name")
    slug = feed_slug(raw.get("slug"))
    if not slug:
        raise RowError("no slug")
    days = _days(raw.get("day"))
    if days:
        start = _time(raw.get("time"), "time", required=True)
        end = _time(raw.get("end_time"), "end_time", required=False)
    else:  # by appointment: a time without a day means nothing to a finder, so none is kept
        start = end = None
    warnings = []
    address, city, state, postal_code, country = _split_address(raw)
    latitude = _coordinate(raw.get("latitude"), -90, 90)
    longitude = _coordinate(raw.get("longitude"), -180, 180)
    zone = plain(raw.get("timezone"))
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
    known, unknown = [], []
    for item in raw_types if isinstance(raw_types, list) else []:
        code = plain(item, 16)
        standard = standard_type(code)
        if standard:
            if standard not in known:
                known.append(standard)
        elif code and code not in unknown:
            unknown.append(code)
    conference_url = plain(raw.get("conference_url"), 500)
    if conference_url and not re.match(r"^https?://", conference_url):
        warnings.append("conference_url is not a web address; left out")
        conference_url = ""
    conference_phone = plain(raw.get("conference_phone"), 64)
    if conference_phone:
        conference_phone = re.sub(r"[^\d+,*#]", "", conference_phone)
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
    language = "es" if "S" in known else (plain(raw.get("language"), 8) or "en")
    return Row(
        slug=slug,
        name=name,
        days=days,
        start_time=start,
        end_time=end,
        time_zone=zone,
        types=known,
        unknown_types=unknown,
        notes=plain(raw.get("notes"), 5000),
        location=plain(raw.get("location"), 255),
        address=address,
        city=city,
        state=state,
        postal_code=postal_code,
        country=country,
        latitude=latitude,
        longitude=longitude,
        region=plain(raw.get("region") or _last(raw.get("regions")), 100),
        group=plain(raw.get("group"), 255),
        fellowship=_fellowship(raw, known, default_fellowship),
        conference_url=conference_url,
        conference_url_notes=plain(raw.get("conference_url_notes"), 1000),
        conference_phone=conference_phone,
        conference_phone_notes=plain(raw.get("conference_phone_notes"), 1000),
        language=language,
        mode=mode,
        warnings=warnings,
    )


def meeting_row(meeting: Meeting, site_url: str) -> dict:
    """The meeting as one Meeting Guide object, its days as a list (the moderators' corrections
    read it back with `parse_row`). Feeds publish `export_meeting`'s objects instead."""
    location = meeting.location
    days = mask_to_days(meeting.days_mask)
    data = {"name": meeting.name, "slug": meeting.slug}
    if days:  # none: by appointment, with neither day nor time
        data["day"] = days
        data["time"] = meeting.start_time.strftime("%H:%M")
    data |= {
        "timezone": meeting.time_zone,
        "types": meeting.type_codes,
        "notes": meeting.notes,
        "updated": meeting.updated_at.strftime("%Y-%m-%d %H:%M:%S"),
        "url": site_url + reverse("meetings-detail", args=[meeting.slug]),
    }
    if days and meeting.end_time:
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


def export_meeting(meeting: Meeting, site_url: str, taken=frozenset()) -> list[dict]:
    """The meeting's objects in a Meeting Guide feed: one per day, each with an integer `day`;
    the first day's has the meeting's slug, each other day's `day_slug` (with one more dash
    while that would be a slug in `taken`). A meeting by appointment is one object without
    `day` or `time`."""
    data = meeting_row(meeting, site_url)
    days = data.get("day") or [None]
    objects = []
    for n, day in enumerate(days):
        one = dict(data)
        if day is not None:
            one["day"] = day
        if n:
            dashes = 2
            while day_slug(meeting.slug, day, dashes) in taken:
                dashes += 1
            one["slug"] = day_slug(meeting.slug, day, dashes)
        objects.append(one)
    return objects


def export_feed(meetings, site_url: str) -> list[dict]:
    """A Meeting Guide feed of `meetings`: one object per meeting and day, every slug unique."""
    meetings = list(meetings)
    taken = {m.slug for m in meetings if "--" in m.slug}  # Lantern's own slugs never have "--"
    return [one for m in meetings for one in export_meeting(m, site_url, taken)]
