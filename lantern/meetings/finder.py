"""The meeting finder's filters: read from the query string (so a search can be bookmarked and
shared), applied to the database, then refined by distance and by when meetings next start."""

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django import forms
from django.core.cache import cache
from django.db.models import F, Q, Value
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core import site

from .feed import standard_type
from .models import WEEKDAYS, Fellowship, Meeting, box_condition, spec_weekday

TIMES_OF_DAY = {
    "morning": (5, 12),
    "afternoon": (12, 17),
    "evening": (17, 21),
    "night": (21, 29),  # until 5 a.m.
}
DISTANCES = [(2, "2 km"), (5, "5 km"), (10, "10 km"), (25, "25 km"), (50, "50 km")]
# Where people count in miles (English, US), the same choices in miles.
KM_PER_MILE = 1.609344
MILES = [(1, "1 mi"), (3, "3 mi"), (5, "5 mi"), (10, "10 mi"), (25, "25 mi")]


class FinderForm(forms.Form):
    all_optional = True  # a search form: no "(optional)" on every field
    zip = forms.RegexField(
        label=_("ZIP code"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("Type a 5-digit US ZIP code.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    km = forms.TypedChoiceField(
        label=_("Within"), choices=DISTANCES, coerce=int, required=False, initial=10
    )
    mi = forms.TypedChoiceField(
        label=_("Within"), choices=MILES, coerce=int, required=False, initial=5
    )
    day = forms.TypedMultipleChoiceField(
        label=_("Day"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time = forms.ChoiceField(
        label=_("Time of day"),
        required=False,
        choices=[
            ("", _("Any time")),
            ("soon", _("Starting in the next 2 hours")),
            ("morning", _("Morning")),
            ("afternoon", _("Afternoon")),
            ("evening", _("Evening")),
            ("night", _("Night")),
        ],
    )
    mode = forms.ChoiceField(
        label=_("Where"), required=False, choices=[("", _("Anywhere")), *Meeting.Mode.choices]
    )
    fellowship = forms.ChoiceField(
        label=_("Fellowship"), required=False, choices=[("", _("Any")), *Fellowship.choices]
    )
    type = forms.CharField(label=_("Type"), required=False, max_length=16)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any")), ("en", "English"), ("es", "Español")],
    )

    def clean_type(self):
        """A standard code in any case is that code ("12X12" is "12x12")."""
        code = self.cleaned_data["type"].strip()
        return standard_type(code) or code.upper()

    def clean(self):
        data = super().clean()
        if data.get("mi") and not data.get("km"):
            data["km"] = data["mi"] * KM_PER_MILE
        return data


@dataclass
class Result:
    meeting: Meeting
    starts: datetime | None  # None: by appointment
    km: float | None


@dataclass
class Search:
    results: list[Result] = field(default_factory=list)
    place: str = ""
    error: str = ""
    # Meetings held "by appointment" (no day or time in their feed) that match, nearest first.
    by_appointment: list[Result] = field(default_factory=list)


def distance_km(lat1, lon1, lat2, lon2) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def resolve_zip(code: str):
    import zipcodes  # lazy: its ZIP table is large; most requests never look one up

    found = zipcodes.matching(code)
    if not found:
        return None
    place = found[0]
    return float(place["lat"]), float(place["long"]), f"{place['city']}, {place['state']}"


def search(
    data: dict,
    viewer_zone=None,
    now: datetime | None = None,
    limit: int = 25,
    appointments: int = 0,
) -> Search:
    """Meetings matching the finder's cleaned data, soonest first, with start times in
    `viewer_zone` (or each meeting's own zone when None).

    The true soonest `limit`, however many meetings are near: the database is asked for the
    meetings under way now, then for those that start in the next slice of time, slice after
    slice (an index on zone and local start time; see `_occurrences`), until the soonest `limit`
    are certain. The cost follows the number of results, not the number of meetings nearby.
    Online meetings (no place) belong in every search unless the person chose a mode. With
    `appointments`, up to that many meetings held by appointment that match too (none when the
    person asked for a day or a time of day: such meetings have neither)."""
    now = now or timezone.now()
    outcome = Search()
    meetings = Meeting.objects.active()
    lat, lon = data.get("lat"), data.get("lon")
    if data.get("zip"):
        place = resolve_zip(data["zip"])
        if place is None:
            outcome.error = str(_("We don't know the ZIP code %(zip)s.") % {"zip": data["zip"]})
            return outcome
        lat, lon, outcome.place = place
    km = data.get("km") or DEFAULT_KM
    near = lat is not None and lon is not None
    if data.get("mode"):
        meetings = meetings.filter(mode=data["mode"])
    if data.get("fellowship"):
        meetings = meetings.filter(group__fellowship=data["fellowship"])
    if data.get("type"):
        meetings = meetings.with_type(data["type"])
    if data.get("language"):
        meetings = meetings.filter(language=data["language"])
    days = set(data.get("day") or [])
    window = data.get("time")
    if appointments and not days and not window:
        outcome.by_appointment = _by_appointment(meetings, lat, lon, km, appointments)
    if near:
        # Meetings with a place in the box around the searcher, and online meetings. The box is
        # checked on the rows the walk's time index finds (`+ 0` keeps the database from
        # planning the search by place instead, which in a big city reads thousands of rows).
        meetings = meetings.alias(
            box_latitude=F("latitude") + Value(0.0), box_longitude=F("longitude") + Value(0.0)
        ).filter(
            box_condition(lat, lon, km, prefix="box_")
            | Q(box_latitude__isnull=True, mode=Meeting.Mode.ONLINE)
        )
    # A meeting's soonest occurrence only: pk -> (start, distance). The walk reads only the few
    # columns it needs; the `limit` meetings shown are loaded whole at the end.
    found: dict[int, tuple[datetime, float | None]] = {}
    for start, end in _slices(now, window):
        under_way = start == now  # the first slice also asks for meetings already going
        for slot, starts in _occurrences(meetings, start, end, now, days, under_way):
            distance = None
            if near and slot.latitude is not None:
                distance = distance_km(lat, lon, slot.latitude, slot.longitude)
                if distance > km:
                    continue
            if window in TIMES_OF_DAY:
                low, high = TIMES_OF_DAY[window]
                hour = starts.astimezone(starts.tzinfo).hour
                if not (low <= hour < high or low <= hour + 24 < high):
                    continue
            earlier = found.get(slot.pk)
            if earlier is None or starts < earlier[0]:
                found[slot.pk] = (starts, distance)
        # Every occurrence before `end` has been seen: once `limit` meetings are found, no
        # later slice can come before them.
        if len(found) >= limit:
            break
    soonest = sorted(found.items(), key=lambda item: (item[1][0], item[1][1] or 0, item[0]))
    soonest = soonest[:limit]
    shown = Meeting.objects.select_related("location", "group").in_bulk([pk for pk, _ in soonest])
    for pk, (starts, distance) in soonest:
        meeting = shown[pk]
        when = starts.astimezone(viewer_zone or meeting.zone())
        outcome.results.append(Result(meeting, when, distance))
    return outcome


def _by_appointment(meetings, lat, lon, km, limit: int) -> list[Result]:
    """Meetings with no day among `meetings`, within `km` (and online ones), nearest first:
    one query on a small partial index (`meeting_by_appointment`)."""
    # The index's own condition in each term, so the database can use it for both.
    none = Q(days_mask=0, active=True)
    meetings = meetings.filter(none)
    if lat is not None and lon is not None:
        meetings = meetings.filter(
            Q(box_condition(lat, lon, km), none)
            | Q(none, latitude__isnull=True, mode=Meeting.Mode.ONLINE)
        )
    found = []
    for meeting in meetings.select_related("location", "group").order_by("name", "pk")[:500]:
        distance = None
        if lat is not None and meeting.latitude is not None:
            distance = distance_km(lat, lon, meeting.latitude, meeting.longitude)
            if distance > km:
                continue
        found.append(Result(meeting, None, distance))
    found.sort(key=lambda r: (r.km is None, r.km or 0, r.meeting.name))
    return found[:limit]


class _Slot(NamedTuple):
    """The columns the walk needs of a meeting; `Meeting`'s own time rules apply to it."""

    pk: int
    start_time: time
    end_time: time | None
    days_mask: int
    time_zone: str
    latitude: float | None
    longitude: float | None

    def zone(self) -> ZoneInfo:
        return Meeting.zone(self)

    def duration(self) -> timedelta:
        return Meeting.duration(self)


SLOT_COLUMNS = _Slot._fields


DEFAULT_KM = 10
# The walk's slices: short at first (most searches are answered by the next hours), then
# doubling, over a week and a day (as far as `Meeting.next_start` looks).
FIRST_SLICE = timedelta(hours=1)
HORIZON = timedelta(days=8)
# Meetings under way are looked for among those that started up to this long ago; longer ones
# by their exact hours (`long_hours`).
LONG = timedelta(hours=3)
# Around a daylight-saving change, wall-clock ranges are widened by this much so the change never
# hides a meeting; exact instants are then checked in Python.
PAD = timedelta(hours=1)


def _pad(zone: ZoneInfo, start: datetime, end: datetime) -> timedelta:
    """PAD when the zone's offset changes between `start` and `end`, else nothing."""
    return (
        PAD
        if zone.utcoffset(start.astimezone(zone)) != zone.utcoffset(end.astimezone(zone))
        else timedelta(0)
    )


def _slices(now: datetime, window: str | None):
    start, size = now, FIRST_SLICE
    end_of_walk = now + (timedelta(hours=2) if window == "soon" else HORIZON)
    while start < end_of_walk:
        end = min(start + size, end_of_walk)
        yield start, end
        start, size = end, size * 2


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):  # a meeting with a zone no one knows: see Meeting.zone
        return site.time_zone()


def _on_day(weekday: int):
    """The meeting is held on this weekday (Meeting Guide numbering)."""
    return GreaterThan(F("days_mask").bitand(1 << weekday), 0)


def _starting(
    name: str, zone: ZoneInfo, low: datetime, high: datetime, days, more: Q | None = None
) -> Q:
    """Meetings of one zone whose start falls in [low, high] on the wall clock (widened by PAD
    around a daylight-saving change), on `days` if given: one term per local day, each a range
    of the index on zone and local start time."""
    pad = _pad(zone, low, high)
    local_start = (low.astimezone(zone) - pad).replace(tzinfo=None)
    local_end = (high.astimezone(zone) + pad).replace(tzinfo=None)
    condition = Q()
    day = local_start.date()
    while day <= local_end.date():
        weekday = spec_weekday(day)
        if not days or weekday in days:
            times = Q(start_time__gte=time.min)  # a bound the index can seek on
            if day == local_start.date():
                times = Q(start_time__gte=local_start.time())
            if day == local_end.date():
                times &= Q(start_time__lte=local_end.time())
            condition |= Q(times, _on_day(weekday), more or Q(), active=True, time_zone=name)
        day += timedelta(days=1)
    return condition


def _occurrences(meetings, start, end, now: datetime, days: set[int], under_way: bool):
    """(meeting, its start) for each occurrence of `meetings` that starts in [start, end), and,
    with `under_way`, each that started before `now` and is still going (it counts as starting
    now, as in `Meeting.next_start`). One query; each of its terms is one time zone's meetings
    starting in a wall-clock range of one local day, so the database reads only those rows of
    its index on zone and local start time (`meeting_by_local_start`)."""
    condition = Q()
    for name in zone_names():
        zone = _zone(name)
        if not under_way:
            condition |= _starting(name, zone, start, end, days)
        else:
            # Going now: started in the last hour (a meeting without an end lasts an hour), or
            # has an end and started up to LONG ago, or lasts longer than LONG (by its exact
            # hours, which few meetings share).
            hour_ago = now - timedelta(hours=1)
            condition |= _starting(name, zone, hour_ago, end, days)
            condition |= _starting(name, zone, now - LONG, hour_ago, days, ~Q(end_time=None))
            for first, last in long_hours():
                condition |= Q(start_time=first, end_time=last, active=True, time_zone=name)
    if not condition:
        return
    # Each zone's local days the slice may touch, worked out once, not for every meeting.
    low = (now - timedelta(days=1) if under_way else start) - PAD  # generous: days are cheap
    high = end + PAD
    local_days: dict[str, tuple[ZoneInfo, list[tuple[date, int]]]] = {}
    for row in meetings.filter(condition).order_by().values_list(*SLOT_COLUMNS):
        meeting = _Slot(*row)
        if meeting.time_zone not in local_days:
            zone = meeting.zone()
            day, last = low.astimezone(zone).date(), high.astimezone(zone).date()
            held = []
            while day <= last:
                weekday = spec_weekday(day)
                if not days or weekday in days:
                    held.append((day, 1 << weekday))
                day += timedelta(days=1)
            local_days[meeting.time_zone] = zone, held
        zone, held = local_days[meeting.time_zone]
        for day, bit in held:
            if meeting.days_mask & bit:
                starts = datetime.combine(day, meeting.start_time, tzinfo=zone)
                if start <= starts < end or (
                    under_way and starts < now < starts + meeting.duration()
                ):
                    yield meeting, starts


ZONES_CACHE = "lantern-meeting-zones"
LONG_HOURS_CACHE = "lantern-meeting-long-hours"


def zone_names() -> list[str]:
    """The time zones active meetings use (a handful), kept in the cache for a few minutes;
    an import or an edit clears it (`forget_zone_names`)."""
    names = cache.get(ZONES_CACHE)
    if names is None:
        names = sorted(
            Meeting.objects.active().order_by().values_list("time_zone", flat=True).distinct()
        )
        cache.set(ZONES_CACHE, names, 300)
    return names


def long_hours() -> list[tuple[time, time]]:
    """The (start, end) hours of active meetings that last longer than LONG (an all-day
    marathon, an overnight vigil): few, kept with the zone names."""
    hours = cache.get(LONG_HOURS_CACHE)
    if hours is None:
        pairs = (
            Meeting.objects.active()
            .exclude(end_time=None)
            .order_by()
            .values_list("start_time", "end_time")
            .distinct()
        )
        hours = sorted(
            (first, last)
            for first, last in pairs
            if Meeting.duration(_Slot(0, first, last, 0, "", None, None)) > LONG
        )
        cache.set(LONG_HOURS_CACHE, hours, 300)
    return hours


def forget_zone_names() -> None:
    cache.delete_many([ZONES_CACHE, LONG_HOURS_CACHE])
