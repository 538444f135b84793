"""RSVPs and the waitlist: a full event puts people in line, a freed place goes to the first in
line, who is told, exactly once, also when people cancel at the same moment (PostgreSQL)."""

import threading

import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from lantern.conftest import make_person
from lantern.core.models import Notification
from lantern.core.roles import Role
from lantern.events import services
from lantern.events.models import Rsvp

from .helpers import make_event

pytestmark = pytest.mark.django_db


def status(person, event):
    return Rsvp.objects.get(person=person, event=event).status


def promotions(person=None):
    found = Notification.objects.filter(kind="events.promoted")
    return found.filter(recipient=person) if person is not None else found


def test_a_full_event_puts_people_on_the_waitlist_in_order(people, signed_in):
    event = make_event(people.jo, capacity=1)
    river = signed_in(people.river)
    river.post(reverse("events-rsvp", args=[event.pk]))
    sam = signed_in(people.sam)
    response = sam.post(reverse("events-rsvp", args=[event.pk]), follow=True)
    assert "you are on the waitlist" in response.content.decode()
    services.rsvp(people.morgan, event)
    assert status(people.river, event) == Rsvp.Status.GOING
    assert status(people.sam, event) == Rsvp.Status.WAITLIST
    assert services.waitlist_position(Rsvp.objects.get(person=people.morgan)) == 2
    page = sam.get(event.get_absolute_url()).content.decode()
    assert "You are on the waitlist (number 1)." in page


def test_saying_yes_twice_changes_nothing(people):
    event = make_event(people.jo, capacity=1)
    first = services.rsvp(people.river, event)
    again = services.rsvp(people.river, event)
    assert first.pk == again.pk and again.status == Rsvp.Status.GOING
    assert Rsvp.objects.count() == 1


def test_a_freed_place_goes_to_the_first_in_line_who_is_told(people, signed_in):
    event = make_event(people.jo, capacity=1)
    services.rsvp(people.river, event)
    services.rsvp(people.sam, event)
    services.rsvp(people.morgan, event)
    response = signed_in(people.river).post(reverse("events-rsvp-cancel", args=[event.pk]))
    assert response.status_code == 302
    assert status(people.river, event) == Rsvp.Status.CANCELLED
    assert status(people.sam, event) == Rsvp.Status.GOING
    assert status(people.morgan, event) == Rsvp.Status.WAITLIST
    told = promotions()
    assert [n.recipient for n in told] == [people.sam]
    assert told.get().url == event.get_absolute_url()
    assert "A place opened up" in told.get().title


def test_leaving_the_waitlist_promotes_nobody(people):
    event = make_event(people.jo, capacity=1)
    services.rsvp(people.river, event)
    services.rsvp(people.sam, event)
    services.cancel_rsvp(people.sam, event)
    assert not promotions().exists()
    assert status(people.river, event) == Rsvp.Status.GOING


def test_cancelling_twice_promotes_once(people):
    event = make_event(people.jo, capacity=1)
    services.rsvp(people.river, event)
    services.rsvp(people.sam, event)
    services.rsvp(people.morgan, event)
    services.cancel_rsvp(people.river, event)
    services.cancel_rsvp(people.river, event)
    assert promotions().count() == 1
    assert status(people.morgan, event) == Rsvp.Status.WAITLIST


def test_coming_back_after_cancelling_joins_the_end_of_the_line(people):
    event = make_event(people.jo, capacity=1)
    services.rsvp(people.river, event)
    services.rsvp(people.sam, event)
    services.cancel_rsvp(people.river, event)  # sam promoted
    again = services.rsvp(people.river, event)
    assert again.status == Rsvp.Status.WAITLIST


def test_an_event_without_a_limit_has_no_waitlist(people):
    event = make_event(people.jo, capacity=None)
    for person in people:
        assert services.rsvp(person, event).status == Rsvp.Status.GOING


def test_visitors_are_asked_to_sign_in(people, client):
    event = make_event(people.jo)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Sign in to say you are coming" in page
    response = client.post(reverse("events-rsvp", args=[event.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_rsvp_rate_limit(people, settings):
    settings.LANTERN_RATE_LIMITS = {**settings.LANTERN_RATE_LIMITS, "rsvp": "2/h"}
    events = [make_event(people.jo, title=f"E{n}") for n in range(3)]
    services.rsvp(people.river, events[0])
    services.rsvp(people.river, events[1])
    with pytest.raises(services.Refused):
        services.rsvp(people.river, events[2])


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="row locks need PostgreSQL (SQLite locks the file)"
)
def test_concurrent_cancellations_promote_each_waiting_person_exactly_once(people):
    going = [make_person(f"going{n}", [Role.MEMBER]) for n in range(6)]
    waiting = [make_person(f"waiting{n}", [Role.MEMBER]) for n in range(8)]
    event = make_event(people.jo, capacity=6)
    for person in going + waiting:
        services.rsvp(person, event)
    # Every going person cancels at the same moment, twice each (a double tap).
    barrier = threading.Barrier(12)
    errors = []

    def cancel(person):
        try:
            barrier.wait()
            services.cancel_rsvp(person, event)
        except Exception as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=cancel, args=(p,)) for p in going + going]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Rsvp.objects.filter(event=event, status=Rsvp.Status.GOING).count() == 6
    promoted = list(Rsvp.objects.filter(event=event, status=Rsvp.Status.GOING))
    assert {r.person_id for r in promoted} == {p.pk for p in waiting[:6]}  # first in line
    told = promotions()
    assert told.count() == 6
    assert sorted(n.recipient_id for n in told) == sorted(p.pk for p in waiting[:6])


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="row locks need PostgreSQL (SQLite locks the file)"
)
def test_people_saying_yes_at_once_never_overfill_an_event(people):
    crowd = [make_person(f"crowd{n}", [Role.MEMBER]) for n in range(10)]
    event = make_event(people.jo, capacity=3)
    barrier = threading.Barrier(len(crowd))
    errors = []

    def say_yes(person):
        try:
            barrier.wait()
            services.rsvp(person, event)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=say_yes, args=(p,)) for p in crowd]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Rsvp.objects.filter(event=event, status=Rsvp.Status.GOING).count() == 3
    assert Rsvp.objects.filter(event=event, status=Rsvp.Status.WAITLIST).count() == 7
