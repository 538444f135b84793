"""Organizing events: who may, what a visitor sees, changing and calling off an event."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from lantern.core.errors import Refused
from lantern.core.models import Notification
from lantern.events import services
from lantern.events.models import Event, Rsvp
from lantern.safety.models import Alert

from .helpers import fields, form_data, make_event, soon

pytestmark = pytest.mark.django_db


def test_a_supporter_puts_an_event_on_in_its_own_time_zone(people, signed_in):
    response = signed_in(people.jo).post(reverse("events-new"), form_data())
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert event.organizer == people.jo
    assert event.time_zone == "America/Chicago"
    local = event.starts_at.astimezone(ZoneInfo("America/Chicago"))
    assert (local.hour, local.minute) == (12, 0)
    assert event.ends_at - event.starts_at == timedelta(hours=3)
    assert event.tags == ["outdoors", "family-friendly"]
    assert event.capacity == 20


def test_an_end_before_the_start_means_the_next_day(people, signed_in):
    signed_in(people.jo).post(reverse("events-new"), form_data(starts="22:00", ends="01:00"))
    event = Event.objects.get()
    assert event.ends_at - event.starts_at == timedelta(hours=3)


def test_members_cannot_organize_events(people, signed_in):
    assert signed_in(people.river).get(reverse("events-new")).status_code == 404
    assert signed_in(people.river).post(reverse("events-new"), form_data()).status_code == 404
    with pytest.raises(Refused):
        services.create_event(people.river, fields())
    assert not Event.objects.exists()


def test_bad_input_shows_the_form_again_with_what_to_fix_and_keeps_the_rest(people, signed_in):
    response = signed_in(people.jo).post(
        reverse("events-new"), form_data(place="", online_url="", title="Keep this title")
    )
    assert response.status_code == 400
    assert "Say where it happens" in response.content.decode()
    assert 'value="Keep this title"' in response.content.decode()
    assert not Event.objects.exists()


def test_an_online_link_must_be_https_and_the_start_in_the_future(people):
    with pytest.raises(Refused) as error:
        services.create_event(people.jo, fields(online_url="http://example.org/x"))
    assert error.value.field == "online_url"
    with pytest.raises(Refused) as error:
        services.create_event(people.jo, fields(starts_at=soon(days=-2)))
    assert error.value.field == "starts_at"


def test_visitors_see_public_events_and_members_see_members_only_ones_too(
    people, client, signed_in
):
    public = make_event(people.jo, title="Open picnic")
    private = make_event(people.jo, title="Members' workshop", visibility=Event.Visibility.MEMBERS)
    listing = client.get(reverse("events-list")).content.decode()
    assert "Open picnic" in listing and "Members&#x27; workshop" not in listing
    assert client.get(public.get_absolute_url()).status_code == 200
    assert client.get(private.get_absolute_url()).status_code == 404
    member = signed_in(people.sam)
    assert "Members&#x27; workshop" in member.get(reverse("events-list")).content.decode()
    assert member.get(private.get_absolute_url()).status_code == 200


def test_past_events_leave_the_list(people, client):
    event = make_event(people.jo, title="Long gone")
    Event.objects.filter(pk=event.pk).update(
        starts_at=soon(days=-3), ends_at=soon(days=-3) + timedelta(hours=1)
    )
    assert "Long gone" not in client.get(reverse("events-list")).content.decode()


def test_only_the_organizer_or_a_site_moderator_changes_an_event(people, signed_in):
    event = make_event(people.jo)
    url = reverse("events-edit", args=[event.pk])
    assert signed_in(people.jo).get(url).status_code == 200
    assert signed_in(people.morgan).get(url).status_code == 200
    assert signed_in(people.casey).get(url).status_code == 404  # a helper, not the organizer
    assert signed_in(people.river).get(url).status_code == 404


def test_a_new_time_tells_everyone_coming_and_the_waitlist(people, signed_in):
    event = make_event(people.jo, capacity=1)
    services.rsvp(people.river, event)
    services.rsvp(people.sam, event)
    response = signed_in(people.jo).post(
        reverse("events-edit", args=[event.pk]),
        form_data(title=event.title, starts="20:00", ends="22:00", capacity="1"),
    )
    assert response.status_code == 302
    kinds = Notification.objects.filter(kind="events.changed")
    assert {n.recipient for n in kinds} == {people.river, people.sam}


def test_more_places_promote_people_from_the_waitlist(people):
    event = make_event(people.jo, capacity=1)
    services.rsvp(people.river, event)
    services.rsvp(people.sam, event)
    services.update_event(people.jo, event, fields(capacity=2))
    assert Rsvp.objects.get(person=people.sam).status == Rsvp.Status.GOING
    assert Notification.objects.filter(recipient=people.sam, kind="events.promoted").count() == 1


def test_calling_an_event_off_tells_everyone_who_was_coming_with_the_reason(people, signed_in):
    event = make_event(people.jo, capacity=1)
    services.rsvp(people.river, event)
    services.rsvp(people.sam, event)  # waitlisted
    services.rsvp(people.morgan, event)
    services.cancel_rsvp(people.morgan, event)  # no longer coming: not told
    response = signed_in(people.jo).post(
        reverse("events-cancel", args=[event.pk]), {"reason": "The alley flooded, sorry!"}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled
    told = Notification.objects.filter(kind="events.cancelled")
    assert {n.recipient for n in told} == {people.river, people.sam}
    assert all(n.body == "The alley flooded, sorry!" for n in told)
    assert all("flooded" not in n.neutral_title for n in told)  # mail never quotes the reason
    page = signed_in(people.river).get(event.get_absolute_url()).content.decode()
    assert "This event is called off." in page
    with pytest.raises(Refused):
        services.rsvp(people.casey, event)


def test_calling_off_needs_a_reason(people, signed_in):
    event = make_event(people.jo)
    response = signed_in(people.jo).post(reverse("events-cancel", args=[event.pk]), {"reason": ""})
    assert response.status_code == 400
    event.refresh_from_db()
    assert not event.is_cancelled


def test_the_words_go_through_the_safety_net(people, signed_in):
    response = signed_in(people.jo).post(
        reverse("events-new"),
        form_data(description="honestly i want to kill myself tonight"),
    )
    assert response.status_code == 302
    assert Alert.objects.filter(author=people.jo).exists()


def test_the_event_page_shows_the_time_in_the_events_zone_and_the_readers(people, signed_in):
    event = make_event(people.jo)
    people.sam.time_zone = "America/New_York"
    people.sam.save()
    page = signed_in(people.sam).get(event.get_absolute_url()).content.decode()
    assert "CST" in page or "CDT" in page
    assert "Your time:" in page


def test_a_spanish_reader_gets_a_spanish_page(people, signed_in):
    people.river.language = "es"
    people.river.save()
    event = make_event(people.jo)
    page = signed_in(people.river).get(event.get_absolute_url()).content.decode()
    assert '<html lang="es"' in page
