"""Export and erasure include the events' records; a person who leaves frees their place."""

import pytest

from lantern.accounts import services as accounts
from lantern.core.models import Notification
from lantern.events import services
from lantern.events.models import Event, Rsvp

from .helpers import make_event

pytestmark = pytest.mark.django_db


def test_the_export_has_rsvps_clubs_and_events_organized(people):
    club = services.create_club(people.jo, "Hikers", "Trails.").obj
    services.join_club(people.river, club)
    event = make_event(people.jo)
    services.rsvp(people.river, event)
    mine = accounts.export_data(people.river)["events"]
    assert mine["rsvps"][0]["event"] == "Sober bowling night"
    assert mine["rsvps"][0]["status"] == "going"
    assert mine["clubs"] == ["Hikers"]
    assert accounts.export_data(people.jo)["events"]["events_organized"][0]["title"] == event.title


def test_erasure_frees_the_place_for_the_next_in_line(people):
    event = make_event(people.jo, capacity=1)
    services.rsvp(people.river, event)
    services.rsvp(people.sam, event)
    accounts.erase_account(people.river)
    assert Rsvp.objects.get(event=event).person == people.sam
    assert Rsvp.objects.get(event=event).status == Rsvp.Status.GOING
    assert Notification.objects.filter(recipient=people.sam, kind="events.promoted").exists()


def test_an_organizer_who_leaves_leaves_the_event_in_place(people):
    event = make_event(people.jo)
    accounts.erase_account(people.jo)
    assert Event.objects.get(pk=event.pk).organizer is None
