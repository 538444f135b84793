"""The meeting finder's filters: read from the query string (so a search can be bookmarked and
shared), applied to the database, then refined by distance and by when meetings next start."""

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import WEEKDAYS, Fellowship, Meeting

TIMES_OF_DAY = {
    "morning": (5, 12),
    "afternoon": (12, 17),
    "evening": (17, 21),
    "night": (21, 29),  # until 5 a.m.
}
DISTANCES = [(2, "2 km"), (5, "5 km"), (10, "10 km"), (25, "25 km"), (50, "50 km")]


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
        return self.cleaned_data["type"].strip().upper()


@dataclass
class Result:
    meeting: Meeting
    starts: datetime
    km: float | None


@dataclass
class Search:
    results: list[Result] = field(default_factory=list)
    place: str = ""
    error: str = ""


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


def search(data: dict, viewer_zone=None, now: datetime | None = None, limit: int = 25) -> Search:
    """Meetings matching the finder's cleaned data, soonest first, with start times in
    `viewer_zone` (or each meeting's own zone when None)."""
    now = now or timezone.now()
    outcome = Search()
    meetings = Meeting.objects.active().select_related("location", "group")
    lat, lon = data.get("lat"), data.get("lon")
    if data.get("zip"):
        place = resolve_zip(data["zip"])
        if place is None:
            outcome.error = str(_("We don't know the ZIP code %(zip)s.") % {"zip": data["zip"]})
            return outcome
        lat, lon, outcome.place = place
    km = data.get("km") or 10
    near = lat is not None and lon is not None
    if near:
        meetings = meetings.within_box(lat, lon, km)
    if data.get("mode"):
        meetings = meetings.filter(mode=data["mode"])
    if data.get("fellowship"):
        meetings = meetings.filter(group__fellowship=data["fellowship"])
    if data.get("type"):
        meetings = meetings.with_type(data["type"])
    if data.get("language"):
        meetings = meetings.filter(language=data["language"])
    if data.get("day"):
        meetings = meetings.on_days(data["day"])
    window = data.get("time")
    results = []
    for meeting in meetings[:5000]:
        distance = None
        if near:
            if meeting.latitude is None:
                continue
            distance = distance_km(lat, lon, meeting.latitude, meeting.longitude)
            if distance > km:
                continue
        starts = meeting.next_start(now, data.get("day"))
        if starts is None:
            continue
        if window == "soon" and starts > now + timedelta(hours=2):
            continue
        if window in TIMES_OF_DAY:
            low, high = TIMES_OF_DAY[window]
            hour = starts.astimezone(meeting.zone()).hour
            if not (low <= hour < high or low <= hour + 24 < high):
                continue
        results.append(Result(meeting, starts.astimezone(viewer_zone or meeting.zone()), distance))
    results.sort(key=lambda r: (r.starts, r.km or 0))
    outcome.results = results[:limit]
    return outcome
