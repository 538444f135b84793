"""Nudges ("reach out to someone") are raised when something is written or by the task worker,
never because a page was viewed: a GET writes nothing."""

import datetime

import pytest
import time_machine

from lantern.conftest import run_tasks
from lantern.core.models import Notification
from lantern.recovery import services
from lantern.recovery.models import Counter, Nudge, Preferences, Run
from lantern.safety import services as safety

pytestmark = pytest.mark.django_db(transaction=True)
CHICAGO = datetime.timezone(datetime.timedelta(hours=-6))  # CST, no DST in late November
D = datetime.date


def at(day, hour, minute=0):
    return time_machine.travel(
        datetime.datetime(2026, 11, day, hour, minute, tzinfo=CHICAGO), tick=False
    )


def river_in_chicago_with_a_circle(people, *, tell=True):
    river = people.river
    river.time_zone = "America/Chicago"
    river.save()
    safety.add_to_circle(river, "jo")
    prefs = safety.circle_preferences(river)
    prefs.tell_circle_when_elevated = tell
    prefs.save()
    Notification.objects.all().delete()
    return river


def new_start_on_the_10th(river):
    with at(10, 18):
        counter = services.start_counter(river, "alcohol", D(2026, 9, 1))
        services.new_start(river, counter, D(2026, 11, 10))
    return counter


def counts():
    return Nudge.objects.count(), Notification.objects.count(), Preferences.objects.count()


def test_viewing_the_recovery_pages_writes_nothing(people, signed_in):
    river = river_in_chicago_with_a_circle(people)
    new_start_on_the_10th(river)
    for days_ago in (2, 1, 0):  # strong cravings too: the save raised their nudge...
        with at(14 - days_ago, 9):
            services.save_checkin(river, mood=2, craving=9)
    Nudge.objects.all().delete()  # ...cleared, to see whether a page view raises it again
    Notification.objects.all().delete()
    before = counts()
    client = signed_in(river)
    with at(14, 20):  # four days after the new start: silence is due, but nobody ran the check
        for path in ("/", "/recovery/", "/recovery/reminders/", "/recovery/trends/"):
            assert client.get(path).status_code == 200, path
    assert counts() == before == (0, 0, 0)


def test_the_worker_looks_for_silence_a_few_days_after_a_new_start(people, signed_in):
    river = river_in_chicago_with_a_circle(people)
    new_start_on_the_10th(river)
    with at(12, 12):
        run_tasks()
    assert not Nudge.objects.exists()  # two days: not yet
    with at(13, 12, 1):
        run_tasks()
    nudge = Nudge.objects.get()
    assert (nudge.kind, nudge.day, nudge.circle_told) == ("silence", D(2026, 11, 10), True)
    told = Notification.objects.get(recipient=people.jo)
    assert told.title == "river may need someone to check on them"
    with at(13, 13):
        page = signed_in(river).get("/recovery/").content.decode()
        run_tasks()  # nothing left to run; a rerun of the check would change nothing
        assert services.run_silence_check(river.pk) == "nudged"
    assert "We have missed your check-ins" in page and "Reach out to someone" in page
    assert Nudge.objects.count() == 1
    assert Notification.objects.filter(recipient=people.jo).count() == 1  # told once


def test_a_check_in_before_the_check_is_due_means_no_nudge(people):
    river = river_in_chicago_with_a_circle(people)
    new_start_on_the_10th(river)
    with at(11, 9):
        services.save_checkin(river, mood=3, craving=4)
    with at(13, 12, 1):
        run_tasks()
    assert not Nudge.objects.exists()
    assert not Notification.objects.filter(recipient=people.jo).exists()


def test_a_back_dated_new_start_is_checked_at_once(people):
    river = river_in_chicago_with_a_circle(people, tell=False)
    with at(20, 9):
        counter = services.start_counter(river, "drug", D(2026, 6, 1))
        services.new_start(river, counter, D(2026, 11, 15))  # five days ago, no check-ins since
        run_tasks()
    assert Nudge.objects.get().day == D(2026, 11, 15)
    assert not Notification.objects.filter(recipient=people.jo).exists()  # not opted in


def test_the_daily_reminder_looks_for_silence_too(people):
    river = river_in_chicago_with_a_circle(people, tell=False)
    # A new start whose own check was lost (made before the worker knew of it).
    counter = Counter.objects.create(member=river, kind="alcohol")
    Run.objects.create(counter=counter, started_on=D(2026, 9, 1), ended_on=D(2026, 11, 10))
    Run.objects.create(counter=counter, started_on=D(2026, 11, 10))
    with at(13, 9):
        services.set_reminder(river, datetime.time(20, 0))
    with at(13, 20, 1):
        run_tasks()
    assert Nudge.objects.get().kind == "silence"
    assert Notification.objects.get(recipient=river).kind == "recovery.reminder"


def test_the_cravings_nudge_comes_with_the_check_in_that_completes_the_pattern(people, signed_in):
    river = river_in_chicago_with_a_circle(people)
    for day in (12, 13):
        with at(day, 9):
            services.save_checkin(river, mood=2, craving=9)
    assert not Nudge.objects.exists()
    with at(14, 9):
        client = signed_in(river)
        before = counts()
        client.get("/recovery/checkin/")
        assert counts() == before  # the form writes nothing
        response = client.post("/recovery/checkin/", {"mood": "2", "craving": "8"})
        assert response["Location"] == "/recovery/"  # straight to the offer
    assert Nudge.objects.get().kind == "cravings"
    assert Notification.objects.filter(recipient=people.jo).count() == 1
