"""/api/v1/events: the list, one event, RSVP and cancel, with the same rules as the pages."""

import pytest
from django.urls import reverse

from lantern.events.models import Event, Rsvp

from .helpers import make_event

pytestmark = pytest.mark.django_db


def test_listing_and_rsvp_through_the_api(people, signed_in):
    event = make_event(people.jo, capacity=1)
    make_event(people.jo, title="Members", visibility=Event.Visibility.MEMBERS)
    river = signed_in(people.river)
    listed = river.get(reverse("api:events-api-list")).json()
    assert [e["title"] for e in listed["items"]] == ["Sober bowling night", "Members"]
    assert listed["items"][0]["time_zone"] == "America/Chicago"
    answer = river.post(reverse("api:events-api-rsvp", args=[event.pk]))
    assert answer.status_code == 200 and answer.json()["status"] == "going"
    sam = signed_in(people.sam)
    assert sam.post(reverse("api:events-api-rsvp", args=[event.pk])).json() == {
        "event": event.pk,
        "status": "waitlist",
        "waitlist_position": 1,
    }
    river.post(reverse("api:events-api-rsvp-cancel", args=[event.pk]))
    assert Rsvp.objects.get(person=people.sam).status == Rsvp.Status.GOING
    assert sam.get(reverse("api:events-api-detail", args=[event.pk])).json()["going"] == 1


def test_the_api_refuses_with_a_message(people, signed_in):
    event = make_event(people.jo)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    answer = signed_in(people.river).post(reverse("api:events-api-rsvp", args=[event.pk]))
    assert answer.status_code == 400
    assert "cannot" in answer.json()["detail"]
    assert (
        signed_in(people.river).get(reverse("api:events-api-detail", args=[999])).status_code == 404
    )


def test_the_api_needs_a_sign_in(people, client):
    assert client.get(reverse("api:events-api-list")).status_code == 401
