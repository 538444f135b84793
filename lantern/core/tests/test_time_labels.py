"""Every time Lantern shows says the zone it is really in, on the reader's clock: "7:03 PM CST"
in US English, "19:03 CST" in Spanish; never "UTC" beside a time in someone else's zone.

Two readers in two zones: jo in Chicago and casey in New York (where the community's default
zone puts everyone who chose none)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone, translation

from lantern.safety import services as safety
from lantern.safety.contexts import Context as Said

# 01:03 UTC on 15 January 2026: 19:03 the evening before in Chicago, 20:03 in New York.
WINTER = datetime.datetime(2026, 1, 15, 1, 3, tzinfo=datetime.UTC)
SUMMER = datetime.datetime(2026, 7, 15, 1, 3, tzinfo=datetime.UTC)


def shown(source: str, zone: str, language: str = "en", **values) -> str:
    with timezone.override(ZoneInfo(zone)), translation.override(language):
        return Template("{% load times %}" + source).render(Context(values))


def test_a_time_is_shown_in_the_readers_zone_with_its_abbreviation():
    assert shown("{{ t|clock }}", "America/Chicago", t=WINTER) == "7:03 PM CST"
    assert shown("{{ t|clock }}", "America/New_York", t=WINTER) == "8:03 PM EST"
    assert shown("{{ t|clock }}", "America/Chicago", t=SUMMER) == "8:03 PM CDT"


def test_spanish_readers_get_the_24_hour_clock():
    assert shown("{{ t|clock }}", "America/Chicago", "es", t=WINTER) == "19:03 CST"
    assert shown("{{ t|clock }}", "America/New_York", "es", t=WINTER) == "20:03 EST"


def test_the_day_comes_with_the_time_when_asked():
    assert shown('{{ t|clock:"weekday" }}', "America/Chicago", t=WINTER) == "Wed 7:03 PM CST"
    assert shown('{{ t|clock:"date" }}', "America/New_York", t=WINTER) == "Jan 14, 8:03 PM EST"
    assert (
        shown('{{ t|clock:"full" }}', "America/Chicago", "es", t=WINTER)
        == "Miércoles 14 de enero, 19:03 CST"  # Django's Spanish day names
    )


def test_a_wall_clock_time_has_no_zone_to_say():
    assert shown("{{ t|clock }}", "America/Chicago", t=datetime.time(19, 0)) == "7:00 PM"
    assert shown("{{ t|clock }}", "America/Chicago", "es", t=datetime.time(19, 0)) == "19:00"


def test_inside_localtime_off_a_time_keeps_its_own_zone():
    denver = WINTER.astimezone(ZoneInfo("America/Denver"))
    source = "{% load tz %}{% localtime off %}{{ t|clock }}{% endlocaltime %}"
    assert shown(source, "America/New_York", t=denver) == "6:03 PM MST"


def test_distances_are_miles_in_english_and_kilometres_in_spanish():
    assert shown("{{ d|distance }}", "UTC", "en", d=1.3) == "0.8 mi"
    assert shown("{{ d|distance }}", "UTC", "es", d=1.3) == "1,3 km"


def zone(person, name):
    person.time_zone = name
    person.save(update_fields=["time_zone"])
    return person


def labels(html: str) -> list[str]:
    """The clock times on a page with what follows them."""
    return re.findall(r"\d{1,2}:\d\d(?: [AP]M)? ?\(?[A-Z]{3,4}\b", html)


@pytest.mark.django_db
def test_the_end_of_a_shift_is_said_in_each_responders_own_zone(people, signed_in):
    jo, casey = zone(people.jo, "America/Chicago"), zone(people.casey, "America/New_York")
    with time_machine.travel(WINTER - datetime.timedelta(hours=2), tick=False):
        safety.start_shift(jo, "supporter", 2)
        safety.start_shift(casey, "specialist", 2)
        for_jo = signed_in(jo).get("/safety/duty/").content.decode()
        for_casey = signed_in(casey).get("/safety/duty/").content.decode()
    assert "until 7:03 PM CST" in for_jo
    assert "until 8:03 PM EST" in for_casey
    assert "UTC" not in for_jo + for_casey


@pytest.mark.django_db
def test_the_time_to_answer_an_alert_is_said_in_each_readers_zone(people, signed_in):
    morgan, alex = zone(people.morgan, "America/Chicago"), zone(people.alex, "America/New_York")
    with time_machine.travel(WINTER - datetime.timedelta(minutes=15), tick=False):
        alert = safety.check_text(people.river, "i want to kill myself tonight", Said.POST).alert
        due = timezone.localtime(alert.respond_by, ZoneInfo("America/Chicago"))
        for_morgan = signed_in(morgan).get("/safety/alerts/").content.decode()
        for_alex = signed_in(alex).get("/safety/alerts/").content.decode()
    in_chicago = f"{due:%-I:%M %p} {due.tzname()}"
    in_new_york = timezone.localtime(alert.respond_by, ZoneInfo("America/New_York"))
    assert f"answer by {in_chicago}" in for_morgan
    assert f"answer by {in_new_york:%-I:%M %p} {in_new_york.tzname()}" in for_alex
    assert "UTC" not in for_morgan + for_alex
