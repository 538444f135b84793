"""Clubs: started by supporters and staff, joined by members, with their upcoming events."""

import pytest
from django.urls import reverse

from lantern.core.errors import Refused
from lantern.events import services
from lantern.events.models import Club, ClubMember, Event

from .helpers import make_event

pytestmark = pytest.mark.django_db


def test_a_supporter_starts_a_club_and_members_join_and_leave(people, signed_in):
    response = signed_in(people.jo).post(
        reverse("events-club-new"),
        {"name": "Sunday Runners", "description": "5k at an easy pace."},
    )
    club = Club.objects.get()
    assert response["Location"] == club.get_absolute_url()
    assert club.slug == "sunday-runners"
    river = signed_in(people.river)
    river.post(reverse("events-club-join", args=[club.slug]))
    river.post(reverse("events-club-join", args=[club.slug]))  # twice: once
    assert ClubMember.objects.filter(club=club).count() == 2
    assert "Leave the club" in river.get(club.get_absolute_url()).content.decode()
    river.post(reverse("events-club-leave", args=[club.slug]))
    assert not ClubMember.objects.filter(club=club, person=people.river).exists()


def test_members_cannot_start_clubs(people, signed_in):
    assert signed_in(people.river).get(reverse("events-club-new")).status_code == 404
    with pytest.raises(Refused):
        services.create_club(people.river, "Mine", "Mine")


def test_two_clubs_with_one_name_get_two_addresses(people):
    first = services.create_club(people.jo, "Art night", "Paint.").obj
    second = services.create_club(people.jo, "Art night", "Draw.").obj
    assert first.slug != second.slug


def test_a_club_page_lists_its_upcoming_events_a_visitor_may_see(people, client):
    club = services.create_club(people.jo, "Hikers", "Trails.").obj
    make_event(people.jo, title="Hike one", club=club)
    make_event(people.jo, title="Members hike", club=club, visibility=Event.Visibility.MEMBERS)
    make_event(people.jo, title="Not the club's")
    page = client.get(club.get_absolute_url()).content.decode()
    assert "Hike one" in page
    assert "Members hike" not in page and "Not the club" not in page
    assert "1 member" in page
