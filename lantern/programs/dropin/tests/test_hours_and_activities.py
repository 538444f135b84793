"""The center's staff keep its opening hours (up to two opening times a day, closed days, its
own time zone or the community's) and its activities (once or every week); both show on the
program's page, to its members, and go through the safety net as the program's own words."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse

from lantern.core import site
from lantern.core.errors import Refused
from lantern.core.models import AuditEvent
from lantern.programs.dropin import counts, services
from lantern.programs.dropin.models import Activity, Center, OpeningSpan
from lantern.programs.models import Program
from lantern.safety.models import Alert, ReviewItem

WEDNESDAY_NOON_CHICAGO = datetime.fromisoformat("2025-12-03T18:00:00+00:00")


def hours_form(**days) -> dict:
    """The hours form's fields: `day0=("09:00", "12:00", "13:00", "17:00")`…"""
    data = {"time_zone": "", "note": ""}
    for day, times in days.items():
        for n, (opens, closes) in enumerate(zip(times[::2], times[1::2], strict=True), start=1):
            data[f"{day}_opens{n}"] = opens
            data[f"{day}_closes{n}"] = closes
    return data


# --- Opening hours -------------------------------------------------------------------------


def test_staff_set_the_week_with_two_opening_times_a_day(dropin, people, signed_in):
    morgan = signed_in(people.morgan)
    url = reverse("dropin-hours", args=[dropin.slug])
    assert morgan.get(url).status_code == 200
    data = hours_form(day0=("09:00", "12:30", "13:30", "20:00"), day5=("10:00", "16:00")) | {
        "time_zone": "America/Chicago",
        "note": "Closed on public holidays.",
    }
    response = morgan.post(url, data)
    assert response.status_code == 302 and response["Location"] == dropin.get_absolute_url()
    assert [str(s) for s in OpeningSpan.objects.filter(program=dropin)] == [
        "Monday 09:00–12:30",
        "Monday 13:30–20:00",
        "Saturday 10:00–16:00",
    ]
    center = Center.objects.get(program=dropin)
    assert (center.time_zone, center.hours_note) == (
        "America/Chicago",
        "Closed on public holidays.",
    )
    assert AuditEvent.objects.filter(action="dropin.hours", actor=people.morgan).exists()
    # The form shows what is saved, and saving again replaces the week (Monday is now closed).
    page = morgan.get(url).content.decode()
    assert 'value="13:30"' in page and 'value="America/Chicago"' in page
    morgan.post(url, hours_form(day1=("08:00", "11:00")))
    assert [str(s) for s in OpeningSpan.objects.filter(program=dropin)] == ["Tuesday 08:00–11:00"]
    assert Center.objects.get(program=dropin).time_zone == ""


@pytest.mark.parametrize(
    "data, message",
    [
        (
            hours_form(day2=("17:00", "09:00")),
            "On Wednesday the center has to close after it opens.",
        ),
        (
            hours_form(day2=("09:00", "09:00")),
            "On Wednesday the center has to close after it opens.",
        ),
        (
            hours_form(day3=("09:00", "13:00", "12:00", "18:00")),
            "On Thursday the two opening times overlap.",
        ),
        ({"day4_opens1": "09:00"}, "Say when it closes, or leave both empty."),
        ({"day4_closes1": "17:00"}, "Say when it opens, or leave both empty."),
        ({"day4_opens1": "nine", "day4_closes1": "17:00"}, "Enter a valid time."),
        ({"time_zone": "Mars/Olympus"}, "Mars/Olympus is not a time zone we know."),
        ({"note": "x" * 201}, "at most 200 characters"),
    ],
)
def test_hours_that_make_no_sense_are_refused(dropin, people, signed_in, data, message):
    response = signed_in(people.morgan).post(reverse("dropin-hours", args=[dropin.slug]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not OpeningSpan.objects.exists()


def test_the_service_allows_no_third_opening_time(dropin, people):
    spans = {0: [(time(8), time(9)), (time(10), time(11)), (time(12), time(13))]}
    with pytest.raises(Refused, match="at most two opening times"):
        services.set_opening_hours(people.morgan, dropin, spans=spans)


def test_only_the_center_s_staff_keep_its_hours(dropin, people, signed_in):
    with pytest.raises(Refused):
        services.set_opening_hours(people.river, dropin, spans={})
    with pytest.raises(Refused):
        services.set_opening_hours(people.jo, dropin, spans={})  # jo keeps another program
    services.set_opening_hours(people.alex, dropin, spans={})  # administrators may
    url = reverse("dropin-hours", args=[dropin.slug])
    for person in (people.river, people.sam, people.jo, people.casey):
        assert signed_in(person).get(url).status_code == 404
        assert signed_in(person).post(url, hours_form(day0=("09:00", "10:00"))).status_code == 404
    assert not OpeningSpan.objects.exists()


def test_another_kind_of_program_has_no_drop_in_pages(residence, people, signed_in):
    jo = signed_in(people.jo)  # jo keeps Maple House, a residence
    for name in ("dropin-hours", "dropin-activities", "dropin-kiosks", "dropin-visits"):
        assert jo.get(reverse(name, args=[residence.slug])).status_code == 404
    with pytest.raises(Refused):
        services.create_kiosk(people.jo, residence, "Front desk")


def test_without_a_zone_of_its_own_the_center_keeps_the_community_s(dropin, people):
    site.save(people.alex, time_zone="America/Los_Angeles")
    assert services.zone_of(dropin).key == "America/Los_Angeles"
    services.set_opening_hours(people.morgan, dropin, spans={}, time_zone="America/Chicago")
    assert services.zone_of(dropin).key == "America/Chicago"


# --- Activities ----------------------------------------------------------------------------


def activity_form(**fields) -> dict:
    data = {
        "title": "Game night",
        "place": "the lounge",
        "starts": "17:00",
        "ends": "19:00",
        "repeat": "weekly",
        "weekday": "4",
        "on_date": "",
    }
    return data | fields


def test_staff_add_weekly_and_one_off_activities_and_remove_them(center, people, signed_in):
    morgan = signed_in(people.morgan)
    url = reverse("dropin-activities", args=[center.slug])
    assert morgan.post(url, activity_form()).status_code == 302
    tomorrow = (services.local_now(services.zone_of(center)) + timedelta(days=1)).date()
    once = activity_form(
        title="Pizza lunch", repeat="once", on_date=tomorrow.isoformat(), weekday="", ends=""
    )
    assert morgan.post(url, once).status_code == 302
    weekly, pizza = Activity.objects.order_by("pk")
    assert (weekly.weekday, weekly.date, weekly.weekly) == (4, None, True)
    assert (pizza.weekday, pizza.date, pizza.ends, pizza.weekly) == (None, tomorrow, None, False)
    assert pizza.created_by == people.morgan
    page = morgan.get(url).content.decode()
    assert "Game night" in page and "Pizza lunch" in page and "the lounge" in page
    delete = reverse("dropin-activity-delete", args=[center.slug, pizza.pk])
    assert morgan.post(delete).status_code == 302
    assert list(Activity.objects.all()) == [weekly]
    # A second click: it is gone already, and morgan is told so.
    again = morgan.post(delete, follow=True)
    assert "That activity is already removed." in again.content.decode()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 121}, "at most 120 characters"),
        ({"place": "x" * 81}, "at most 80 characters"),
        ({"ends": "16:00"}, "It has to end after it starts."),
        ({"repeat": "weekly", "weekday": ""}, "Choose the day of the week."),
        ({"repeat": "weekly", "weekday": "9"}, "Select a valid choice."),
        ({"repeat": "once", "on_date": ""}, "Choose the date."),
        ({"repeat": "once", "on_date": "2020-01-01"}, "That date has passed."),
        ({"repeat": "sometimes"}, "Select a valid choice."),
        ({"starts": "25:00"}, "Enter a valid time."),
    ],
)
def test_activities_that_make_no_sense_are_refused(center, people, signed_in, fields, message):
    url = reverse("dropin-activities", args=[center.slug])
    response = signed_in(people.morgan).post(url, activity_form(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_only_staff_add_or_remove_activities(center, people, signed_in):
    activity = services.add_activity(
        people.morgan, center, title="Coffee hour", starts=time(10), weekday=0
    ).obj
    with pytest.raises(Refused):
        services.add_activity(people.river, center, title="Party", starts=time(10), weekday=0)
    for person in (people.river, people.sam, people.jo, people.casey):
        client = signed_in(person)
        url = reverse("dropin-activity-delete", args=[center.slug, activity.pk])
        assert client.post(url).status_code == 404
        assert (
            client.post(
                reverse("dropin-activities", args=[center.slug]), activity_form()
            ).status_code
            == 404
        )
    assert list(Activity.objects.all()) == [activity]


def test_an_activity_of_another_center_cannot_be_removed_from_this_one(
    center, make_program, people, signed_in
):
    other = make_program(Program.Kind.DROP_IN, name="Harbor Clubhouse", staff=("jo",))
    theirs = services.add_activity(people.jo, other, title="Art", starts=time(10), weekday=1).obj
    url = reverse("dropin-activity-delete", args=[center.slug, theirs.pk])
    signed_in(people.morgan).post(url)
    assert Activity.objects.filter(pk=theirs.pk).exists()


def test_words_that_worry_the_safety_net_reach_the_people_on_duty(center, people, signed_in):
    morgan = signed_in(people.morgan)
    url = reverse("dropin-activities", args=[center.slug])
    response = morgan.post(
        url, activity_form(title="I am going to kill myself tonight, nobody would miss me")
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    flagged = Alert.objects.filter(source_url=center.get_absolute_url()).exists() or (
        ReviewItem.objects.filter(source_url=center.get_absolute_url()).exists()
    )
    assert flagged, "the net did not see the words"
    # The writer sees the crisis lines on the next page.
    page = morgan.get(response["Location"]).content.decode()
    assert "crisis" in page.lower()
    assert activity.title.startswith("I am going")


# --- Today, on the program's page ----------------------------------------------------------


def test_members_see_the_hours_and_today_s_activities_on_the_program_page(
    center, people, signed_in
):
    services.add_activity(
        people.morgan,
        center,
        title="Coffee and check-in",
        place="the kitchen",
        starts=time(10),
        ends=time(11),
        weekday=2,
    )
    services.add_activity(people.morgan, center, title="Game night", starts=time(17), weekday=4)
    with time_machine.travel(WEDNESDAY_NOON_CHICAGO, tick=False):
        services.add_activity(
            people.morgan, center, title="Pizza lunch", starts=time(12), on_date=date(2025, 12, 3)
        )
        page = signed_in(people.river).get(center.get_absolute_url()).content.decode()
    assert "Today at the center" in page
    assert "Coffee and check-in" in page and "the kitchen" in page and "Pizza lunch" in page
    assert "Game night" not in page
    assert "Open now, until 12:30 PM." in page
    assert "Wednesday" in page and "1:30 PM–8:00 PM" in page and "Closed" in page  # Sunday
    assert "Times are in America/Chicago." in page
    # Members see no staff part.
    assert "Keeping the center" not in page
    assert reverse("dropin-kiosks", args=[center.slug]) not in page


def test_staff_see_today_s_count_and_their_pages_on_the_program_page(
    center, new_kiosk, people, signed_in
):
    services.sign_in(new_kiosk.kiosk, handle="river", first_visit=True)
    services.sign_in(new_kiosk.kiosk, as_guest=True)
    page = signed_in(people.morgan).get(center.get_absolute_url()).content.decode()
    assert "Keeping the center" in page
    assert "2 visits today" in page and "1 first visit" in page and "1 guest" in page
    for name in ("dropin-visits", "dropin-hours", "dropin-activities", "dropin-kiosks"):
        assert reverse(name, args=[center.slug]) in page
    assert "river" not in page.split("Keeping the center")[1]  # counts, never names


def test_a_day_without_hours_reads_closed_and_the_week_has_seven_days(center):
    with time_machine.travel(datetime.fromisoformat("2025-12-07T18:00:00+00:00"), tick=False):
        today = counts.today(center)  # Sunday in Chicago
    assert today.day.closed and today.open_span is None and today.opens_later is None
    assert [d.name for d in today.week] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert [d.is_today for d in today.week] == [False] * 6 + [True]


def test_before_opening_the_page_says_when_it_opens(center):
    # 7 AM on a Monday in Chicago.
    with time_machine.travel(datetime.fromisoformat("2025-12-01T13:00:00+00:00"), tick=False):
        today = counts.today(center)
    assert today.open_span is None and today.opens_later.opens == time(9)
    # Over lunch (12:45): closed, opens again at 13:30.
    with time_machine.travel(datetime.fromisoformat("2025-12-01T18:45:00+00:00"), tick=False):
        today = counts.today(center)
    assert today.open_span is None and today.opens_later.opens == time(13, 30)
