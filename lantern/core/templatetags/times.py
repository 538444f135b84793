"""Times as a reader expects them: in the zone they are really in, said with its abbreviation
("7:30 PM CST", "19:30 CST"), on the locale's clock (lantern/formats/: 12-hour in US English,
24-hour in Spanish).

    {% load times %}
    {{ alert.respond_by|clock }}                → 7:30 PM CST (in the reader's zone)
    {{ result.starts|clock:"weekday" }}         → Tue 7:30 PM CST
    {{ post.created_at|clock:"date" }}          → Nov 24, 7:30 PM CST
    {{ next_start|clock:"full" }}               → Tuesday, November 24, 7:30 PM CST
    {{ meeting.start_time|clock }}              → 7:30 PM (a wall-clock time: no zone to say)
    {{ result.starts|starts_in }}               → in progress · starts in 40 min · (nothing)
    {{ result.km|distance }}                    → 0.8 mi · 1,3 km

An aware datetime is shown in the active zone (the signed-in person's, set by
accounts.middleware.user_language; the community's for a visitor), like any datetime in a
template; inside {% localtime off %} it keeps its own zone (the finder shows a visitor each
meeting's own time).
"""

from datetime import datetime, time, timedelta

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lantern.core import units

register = template.Library()

STYLES = {
    "": "TIME_FORMAT",
    "weekday": "WEEKDAY_TIME_FORMAT",
    "date": "MONTH_DAY_TIME_FORMAT",
    "full": "FULL_DAY_TIME_FORMAT",
}
# The day part of each style, for a language lantern/formats/ does not cover (Django then
# answers with the name itself): the day, then the language's own TIME_FORMAT.
DAY_PARTS = {
    "WEEKDAY_TIME_FORMAT": "D ",
    "MONTH_DAY_TIME_FORMAT": "N j, ",
    "FULL_DAY_TIME_FORMAT": "l, F j, ",
}
# How far ahead "starts in …" is worth saying; later than this, the time says enough.
SOON = timedelta(hours=3)


@register.filter(expects_localtime=True)
def clock(value, style: str = "") -> str:
    """The time (with the day, for the styles above) and the abbreviation of its zone."""
    if value in (None, ""):
        return ""
    if isinstance(value, time):
        return formats.time_format(value, "TIME_FORMAT")
    name = STYLES.get(style, "TIME_FORMAT")
    pattern = formats.get_format(name)
    if pattern == name:
        pattern = DAY_PARTS[name] + formats.get_format("TIME_FORMAT")
    shown = formats.date_format(value, pattern)
    if isinstance(value, datetime) and timezone.is_aware(value):
        shown = f"{shown} {value.tzname()}"
    return shown


@register.filter
def starts_in(value) -> str:
    """For a start time: "in progress" once it has started, "starts in 40 min" when it is
    near, nothing when it is further away than SOON."""
    if not isinstance(value, datetime):
        return ""
    ahead = value - timezone.now()
    if ahead <= timedelta(0):
        return _("in progress")
    if ahead > SOON:
        return ""
    minutes = max(1, round(ahead.total_seconds() / 60))
    if minutes < 60:
        return ngettext("starts in %(n)d min", "starts in %(n)d min", minutes) % {"n": minutes}
    hours, rest = divmod(minutes, 60)
    if not rest:
        return ngettext("starts in %(h)d hour", "starts in %(h)d hours", hours) % {"h": hours}
    return _("starts in %(h)d h %(m)d min") % {"h": hours, "m": rest}


@register.filter
def distance(km) -> str:
    if km is None or km == "":
        return ""
    return units.show_distance(float(km))
