"""Bad input anywhere in events: the form again with what to fix (400), nothing saved, nothing
lost; services refuse with the field at fault."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.core.errors import Refused
from lantern.events import services, stories, volunteering
from lantern.events.models import Club, Event, Story

from .helpers import fields, form_data, make_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change, message",
    [
        ({"capacity": "0"}, "greater than or equal to 1"),
        ({"time_zone": "Mars/Olympus"}, "Select a valid choice"),
        ({"title": ""}, "This field is required"),
        ({"online_url": "not a link", "place": ""}, "Enter a valid URL"),
        ({"tags": ", ".join(f"t{n}" for n in range(9))}, "Use at most 8 tags."),
    ],
)
def test_the_event_form_says_what_to_fix(people, signed_in, change, message):
    response = signed_in(people.jo).post(reverse("events-new"), form_data(**change))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Bring something to share." in page  # what was typed stays
    assert not Event.objects.exists()


def test_a_called_off_event_cannot_be_changed(people):
    event = make_event(people.jo)
    services.cancel_event(people.jo, event, "Sorry.")
    with pytest.raises(Refused):
        services.update_event(people.jo, event, fields(title="Back on"))


def test_an_event_cannot_last_more_than_two_weeks(people):
    starts = timezone.now() + timedelta(days=1)
    with pytest.raises(Refused) as error:
        services.create_event(
            people.jo, fields(starts_at=starts, ends_at=starts + timedelta(days=15))
        )
    assert error.value.field == "ends_at"


def test_only_the_organizer_and_site_moderators_see_who_is_coming(people, signed_in):
    event = make_event(people.jo)
    services.rsvp(people.river, event)
    assert (
        "For the organizer" in signed_in(people.jo).get(event.get_absolute_url()).content.decode()
    )
    page = signed_in(people.sam).get(event.get_absolute_url()).content.decode()
    assert "For the organizer" not in page and "river" not in page


def test_visitors_cannot_join_clubs(people, client):
    club = services.create_club(people.jo, "Hikers", "Trails.").obj
    response = client.post(reverse("events-club-join", args=[club.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Club.objects.get().members.count() == 1


def test_a_club_needs_a_name(people, signed_in):
    response = signed_in(people.jo).post(
        reverse("events-club-new"), {"name": "", "description": "Keep this"}
    )
    assert response.status_code == 400 and "Keep this" in response.content.decode()


def test_shifts_must_be_sensible(people):
    opportunity = volunteering.create_opportunity(people.jo, "Set up chairs", "Before events.").obj
    now = timezone.now()
    with pytest.raises(Refused):
        volunteering.add_shift(
            people.jo, opportunity, now - timedelta(hours=2), now, "America/Chicago", 1
        )
    with pytest.raises(Refused):
        volunteering.add_shift(
            people.jo,
            opportunity,
            now + timedelta(hours=1),
            now + timedelta(hours=14),
            "America/Chicago",
            1,
        )
    with pytest.raises(Refused):
        volunteering.add_shift(
            people.jo,
            opportunity,
            now + timedelta(hours=1),
            now + timedelta(hours=2),
            "Nowhere/Else",
            1,
        )


def test_no_signing_up_once_a_shift_has_started(people):
    opportunity = volunteering.create_opportunity(people.jo, "Set up chairs", "Before events.").obj
    starts = timezone.now() + timedelta(hours=1)
    shift = volunteering.add_shift(
        people.jo, opportunity, starts, starts + timedelta(hours=1), "America/Chicago", 1
    )
    shift.starts_at = timezone.now() - timedelta(minutes=1)
    shift.save()
    with pytest.raises(Refused):
        volunteering.sign_up(people.river, shift)


def test_a_story_needs_words_and_tags_from_the_list(people, signed_in):
    response = signed_in(people.river).post(
        reverse("events-story-new"), {"title": "Keep my title", "body": ""}
    )
    assert response.status_code == 400 and "Keep my title" in response.content.decode()
    with pytest.raises(Refused) as error:
        stories.write_story(people.river, "T", "B", substances=["chocolate"])
    assert error.value.field == "substances"
    assert not Story.objects.exists()
