"""Reminders a day before, on the real task worker; a new time calls the old reminder off."""

import datetime

import pytest
import time_machine

from lantern.conftest import run_tasks
from lantern.core.models import Notification
from lantern.events import services
from lantern.events.models import Rsvp

from .helpers import fields, make_event

pytestmark = pytest.mark.django_db(transaction=True)
CHICAGO = datetime.timezone(datetime.timedelta(hours=-6))  # CST in December


def at(day, hour, minute=0):
    return time_machine.travel(
        datetime.datetime(2026, 12, day, hour, minute, tzinfo=CHICAGO), tick=False
    )


def reminded(person):
    return Notification.objects.filter(recipient=person, kind="events.reminder").count()


def starting(day, hour):
    return datetime.datetime(2026, 12, day, hour, tzinfo=CHICAGO)


def test_people_going_are_reminded_a_day_before_once(people):
    with at(1, 9):
        event = make_event(people.jo, starts_at=starting(10, 19), capacity=1)
        services.rsvp(people.river, event)
        services.rsvp(people.sam, event)  # waitlisted: no reminder
        run_tasks()
    assert reminded(people.river) == 0
    with at(9, 19, 1):
        run_tasks()
        run_tasks()
    assert reminded(people.river) == 1
    assert reminded(people.sam) == 0
    assert Rsvp.objects.get(person=people.river).reminded_at is not None
    assert services.run_reminders(event.pk, event.reminder_version) == 0  # twice: nothing new


def test_a_new_time_calls_the_old_reminder_off_and_schedules_a_new_one(people):
    with at(1, 9):
        event = make_event(people.jo, starts_at=starting(10, 19))
        services.rsvp(people.river, event)
        later = starting(12, 19)
        services.update_event(
            people.jo, event, fields(starts_at=later, ends_at=later + datetime.timedelta(hours=2))
        )
    with at(9, 19, 1):
        run_tasks()
    assert reminded(people.river) == 0
    with at(11, 19, 1):
        run_tasks()
    assert reminded(people.river) == 1


def test_a_called_off_event_reminds_nobody(people):
    with at(1, 9):
        event = make_event(people.jo, starts_at=starting(10, 19))
        services.rsvp(people.river, event)
        services.cancel_event(people.jo, event, "Sorry, the venue closed.")
    with at(9, 19, 1):
        run_tasks()
    assert reminded(people.river) == 0


def test_an_event_made_the_same_day_is_reminded_of_an_hour_before(people):
    with at(1, 9):
        event = make_event(people.jo, starts_at=starting(1, 19))
        services.rsvp(people.river, event)
    with at(1, 18, 1):
        run_tasks()
    assert reminded(people.river) == 1
