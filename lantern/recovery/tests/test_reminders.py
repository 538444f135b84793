"""The daily reminder, at the member's chosen time in their own zone, on the real task worker."""

import datetime

import pytest
import time_machine
from allauth.account.models import EmailAddress

from lantern.conftest import run_tasks
from lantern.core.models import Notification
from lantern.recovery import services

pytestmark = pytest.mark.django_db(transaction=True)
CHICAGO = datetime.timezone(datetime.timedelta(hours=-6))  # CST, no DST in late November


def at(day, hour, minute=0):
    return time_machine.travel(
        datetime.datetime(2026, 11, day, hour, minute, tzinfo=CHICAGO), tick=False
    )


def reminders(person):
    return Notification.objects.filter(recipient=person, kind="recovery.reminder").count()


def test_a_reminder_comes_at_the_chosen_time_each_day_unless_already_checked_in(people, signed_in):
    river = people.river
    river.time_zone = "America/Chicago"
    river.save()
    with at(23, 9):
        response = signed_in(river).post("/recovery/reminders/", {"reminder_time": "20:00"})
        assert response.status_code == 302
        run_tasks()
    assert reminders(river) == 0
    with at(23, 19, 59):
        run_tasks()
    assert reminders(river) == 0
    with at(23, 20, 1):
        run_tasks()
    assert reminders(river) == 1
    n = Notification.objects.get(recipient=river, kind="recovery.reminder")
    assert n.title == "Time for your daily check-in" and n.url == "/recovery/checkin/"
    # The next day river checks in before eight: no reminder.
    with at(24, 12):
        services.save_checkin(river, mood=4, craving=1)
    with at(24, 20, 1):
        run_tasks()
    assert reminders(river) == 1
    # The day after, no check-in: reminded again.
    with at(25, 20, 1):
        run_tasks()
    assert reminders(river) == 2


def test_turning_the_reminder_off_stops_the_one_already_scheduled(people):
    river = people.river
    river.time_zone = "America/Chicago"
    river.save()
    with at(23, 9):
        services.set_reminder(river, datetime.time(20, 0))
        services.set_reminder(river, None)
    with at(23, 20, 1):
        run_tasks()
    assert reminders(river) == 0


def test_the_reminder_is_also_emailed_when_the_member_asked_for_email(people, smtp_server):
    river = people.river
    river.time_zone, river.email, river.notify_email = "America/Chicago", "river@example.org", True
    river.save()
    EmailAddress.objects.create(user=river, email=river.email, verified=True, primary=True)
    with at(23, 9):
        services.set_reminder(river, datetime.time(7, 30))
    with at(24, 7, 31):
        run_tasks()  # the reminder, then the delivery it enqueued
        run_tasks()
    assert reminders(river) == 1
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["Subject"] == "Time for your daily check-in"
    assert mail["X-Rcpt-To"] == "river@example.org"
