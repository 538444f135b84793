"""The events' list pages make a fixed number of queries, however many events there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lantern.events import services, stories, volunteering

from .helpers import make_event

pytestmark = pytest.mark.django_db


def many(people, n):
    club = services.create_club(people.jo, f"Club {n}", "Fun.").obj
    for i in range(n):
        event = make_event(people.jo, title=f"Event {n}-{i}", capacity=3, club=club)
        services.rsvp(people.river, event)
    return club


@pytest.mark.parametrize("n", [2, 8])
def test_the_event_list_for_a_member(people, signed_in, django_assert_max_num_queries, n):
    many(people, n)
    river = signed_in(people.river)
    river.get(reverse("events-list"))  # warm: session, roles
    with django_assert_max_num_queries(12):
        response = river.get(reverse("events-list"))
    assert response.status_code == 200


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_event_list_and_a_club_page_for_a_visitor_do_not_grow(people, client):
    """Two queries of their own (a count for the pages and the events with their places taken;
    a club page: the club and its events) plus what the site's frame needs; the same for 2
    events as for 8."""
    club = many(people, 2)
    client.get(reverse("events-list"))  # warm: the site's settings are cached after one request
    few = (queries(client, reverse("events-list")), queries(client, club.get_absolute_url()))
    for i in range(6):
        make_event(people.jo, title=f"More {i}", capacity=3, club=club)
    more = (queries(client, reverse("events-list")), queries(client, club.get_absolute_url()))
    assert few == more
    assert more[0] <= 4 and more[1] <= 5


def test_the_clubs_list(people, signed_in, django_assert_max_num_queries):
    for n in range(5):
        services.create_club(people.jo, f"Club {n}", "Fun.")
    river = signed_in(people.river)
    with django_assert_max_num_queries(10):
        assert river.get(reverse("events-clubs")).status_code == 200


@pytest.mark.parametrize("n", [1, 5])
def test_the_volunteer_and_stories_lists(people, signed_in, django_assert_max_num_queries, n):
    for i in range(n):
        opportunity = volunteering.create_opportunity(people.jo, f"Job {i}", "Help.").obj
        starts = timezone.now() + timedelta(days=1 + i)
        shift = volunteering.add_shift(
            people.jo, opportunity, starts, starts + timedelta(hours=1), "America/Chicago", 3
        )
        volunteering.sign_up(people.river, shift)
        story = stories.write_story(people.sam, f"Story {i}", "Words.").obj
        stories.publish_story(people.morgan, story)
    river = signed_in(people.river)
    with django_assert_max_num_queries(10):
        assert river.get(reverse("events-volunteer")).status_code == 200
    with django_assert_max_num_queries(10):
        assert river.get(reverse("events-stories")).status_code == 200
    with django_assert_max_num_queries(12):
        assert river.get(opportunity.get_absolute_url()).status_code == 200
