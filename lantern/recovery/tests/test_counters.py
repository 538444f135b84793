"""Sobriety counters: days, milestones on the member's own calendar, and new starts that keep
the history."""

import datetime
from zoneinfo import ZoneInfo

import time_machine

from lantern.core.models import Notification
from lantern.recovery import milestones as ms
from lantern.recovery import services
from lantern.recovery.models import Counter, Run

D = datetime.date
UTC = datetime.UTC


def test_month_milestones_fall_on_the_last_day_when_the_month_is_shorter():
    assert ms.date_of("6m", D(2025, 8, 31)) == D(2026, 2, 28)
    assert ms.date_of("6m", D(2027, 8, 31)) == D(2028, 2, 29)  # 2028 is a leap year
    assert ms.date_of("1y", D(2024, 2, 29)) == D(2025, 2, 28)
    assert ms.date_of("4y", D(2024, 2, 29)) == D(2028, 2, 29)
    assert ms.date_of("18m", D(2025, 1, 15)) == D(2026, 7, 15)


def test_day_milestones_count_the_leap_day():
    # 90 days from 1 Feb: 1 May in an ordinary year, 30 April in a leap year.
    assert ms.date_of("90d", D(2026, 2, 1)) == D(2026, 5, 2)
    assert ms.date_of("90d", D(2028, 2, 1)) == D(2028, 5, 1)
    assert ms.date_of("30d", D(2028, 2, 15)) == D(2028, 3, 16)
    assert ms.date_of("24h", D(2028, 2, 28)) == D(2028, 2, 29)


def test_the_list_of_milestones_is_the_fellowship_list_then_yearly():
    reached, upcoming = ms.milestones(
        D(2020, 1, 1), None, datetime.datetime(2026, 6, 1, tzinfo=UTC), ZoneInfo("UTC")
    )
    assert [m.key for m in reached] == [
        "24h",
        "30d",
        "60d",
        "90d",
        "6m",
        "9m",
        "1y",
        "18m",
        "2y",
        "3y",
        "4y",
        "5y",
        "6y",
    ]
    assert upcoming.key == "7y" and upcoming.on == D(2027, 1, 1)
    assert [m.label for m in reached[:5]] == [
        "24 hours",
        "30 days",
        "60 days",
        "90 days",
        "6 months",
    ]


def test_the_day_count_follows_the_members_own_calendar(people):
    """The same instant is a different day in Auckland and in Los Angeles."""
    instant = datetime.datetime(2026, 3, 1, 20, 0, tzinfo=UTC)  # 2 Mar 09:00 NZ; 1 Mar 12:00 LA
    people.river.time_zone = "Pacific/Auckland"
    people.river.save()
    people.sam.time_zone = "America/Los_Angeles"
    people.sam.save()
    with time_machine.travel(instant, tick=False):
        nz = services.start_counter(people.river, "alcohol", D(2026, 1, 31))
        la = services.start_counter(people.sam, "alcohol", D(2026, 1, 31))
        assert services.summarize(nz).days == 30
        assert services.summarize(la).days == 29
        assert services.summarize(nz).latest.key == "30d"
        assert services.summarize(la).next.key == "30d"


def test_a_start_time_decides_when_the_24_hours_are_up(people):
    people.river.time_zone = "America/Chicago"
    people.river.save()
    start = datetime.datetime(2026, 10, 31, 21, 30, tzinfo=ZoneInfo("America/Chicago"))
    start = start.astimezone(UTC)  # arithmetic on real hours, not wall-clock ones
    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        counter = services.start_counter(
            people.river, "drug", D(2026, 10, 31), started_at=datetime.time(21, 30)
        )
    # US clocks go back in the night of 1 Nov 2026: 24 wall-clock hours are 25 real ones.
    with time_machine.travel(start + datetime.timedelta(hours=24, minutes=30), tick=False):
        s = services.summarize(counter)
        assert s.days == 0 and s.next.key == "24h"
    with time_machine.travel(start + datetime.timedelta(hours=25, minutes=1), tick=False):
        s = services.summarize(counter)
        assert s.days == 1 and s.latest.key == "24h"


def test_a_new_start_keeps_every_run_the_longest_and_the_total(people, signed_in):
    river = signed_in(people.river)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 18, tzinfo=UTC), tick=False):
        river.post(
            "/recovery/counters/new/",
            {"kind": "alcohol", "name": "", "started_on": "2026-01-01"},
        )
        counter = Counter.objects.get(member=people.river)
        page = river.get(f"/recovery/counters/{counter.pk}/new-start/").content.decode()
        assert "Starting again is part of recovery" in page
        response = river.post(
            f"/recovery/counters/{counter.pk}/new-start/", {"started_on": "2026-10-24"}
        )
        assert response.status_code == 302
        page = river.get(f"/recovery/counters/{counter.pk}/", follow=True).content.decode()
    assert Run.objects.filter(counter=counter).count() == 2
    assert "<strong>30</strong> days" in page  # 24 Oct → 23 Nov
    assert "new start" in page and "failure" not in page.lower()
    assert "Longest run</dt><dd>296 days" in page  # 1 Jan → 24 Oct 2026
    assert "Total days in recovery</dt><dd>326 days" in page


def test_a_future_date_is_refused_and_the_form_keeps_what_was_typed(people, signed_in):
    river = signed_in(people.river)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 18, tzinfo=UTC), tick=False):
        response = river.post(
            "/recovery/counters/new/",
            {"kind": "other", "name": "Sports betting", "started_on": "2026-12-25"},
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "That date is in the future." in page
    assert 'value="Sports betting"' in page and 'value="2026-12-25"' in page
    assert not Counter.objects.exists()


def test_nobody_else_can_open_a_members_counter(people, signed_in):
    counter = services.start_counter(people.river, "gambling", D(2026, 1, 1))
    for person in (people.sam, people.jo, people.casey):
        client = signed_in(person)
        assert client.get(f"/recovery/counters/{counter.pk}/").status_code == 404
        assert client.post(f"/recovery/counters/{counter.pk}/delete/").status_code == 404
    assert Counter.objects.filter(pk=counter.pk).exists()


def test_people_shared_with_are_told_of_a_new_start_only_if_the_member_chose_it(people):
    quiet = services.start_counter(people.river, "alcohol", D(2026, 1, 1))
    told = services.start_counter(people.river, "gambling", D(2026, 1, 1), tell_on_reset=True)
    services.grant_access(people.river, "jo", ["milestones"])
    services.grant_access(people.river, "sam", ["checkins"])  # not milestones: not told
    Notification.objects.all().delete()
    services.new_start(people.river, quiet, services.today_for(people.river))
    assert not Notification.objects.exists()
    services.new_start(people.river, told, services.today_for(people.river))
    notes = list(Notification.objects.all())
    assert [(n.recipient, n.title) for n in notes] == [(people.jo, "river made a new start")]


def test_milestone_card_is_a_page_for_reached_milestones_only(people, signed_in):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 18, tzinfo=UTC), tick=False):
        counter = services.start_counter(people.river, "alcohol", D(2026, 8, 1), name="Alcohol")
        river = signed_in(people.river)
        page = river.get(f"/recovery/counters/{counter.pk}/milestones/90d/").content.decode()
        assert "90 days" in page and "30 October 2026" in page
        assert river.get(f"/recovery/counters/{counter.pk}/milestones/6m/").status_code == 404


def test_a_counter_on_its_first_day_shows_hours_not_0_days(people, signed_in):
    """Issue 13: a run begun this morning read "0 days"."""
    people.river.time_zone = "America/New_York"
    people.river.save()
    at = datetime.datetime(2026, 3, 10, 14, 30, tzinfo=ZoneInfo("America/New_York"))
    with time_machine.travel(at):
        counter = services.start_counter(
            people.river, "alcohol", D(2026, 3, 10), started_at=datetime.time(9, 15)
        )
        river = signed_in(people.river)
        for url in (f"/recovery/counters/{counter.pk}/", "/recovery/", "/"):
            page = river.get(url).content.decode()
            assert "<strong>5</strong> hours" in page, url
            assert "<strong>0</strong> days" not in page, url
    with time_machine.travel(at.replace(hour=9, minute=40)):
        assert "<strong>25</strong> minutes" in river.get("/recovery/").content.decode()
    with time_machine.travel(at.replace(day=11, hour=9, minute=20)):
        assert "<strong>1</strong> day" in river.get("/recovery/").content.decode()
