"""The home page shows a person their next event, and nothing about events otherwise."""

import pytest
from django.urls import reverse

from lantern.events import services

from .helpers import make_event

pytestmark = pytest.mark.django_db


def test_the_next_event_on_the_home_page(people, signed_in):
    event = make_event(people.jo, title="Picnic", capacity=1)
    river = signed_in(people.river)
    assert "Your next event" not in river.get(reverse("core-home")).content.decode()
    services.rsvp(people.river, event)
    page = river.get(reverse("core-home")).content.decode()
    assert "Your next event" in page and "Picnic" in page
    services.rsvp(people.sam, event)
    assert "On the waitlist" in signed_in(people.sam).get(reverse("core-home")).content.decode()
    services.cancel_event(people.jo, event, "Rain.")
    assert "Your next event" not in river.get(reverse("core-home")).content.decode()
