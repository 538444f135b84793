"""community/access.py is the one place that decides: the pages and the API load through the same
loaders and show authors by the same rule, and what is kept about a person for one request is
dropped by `core.access.forget`."""

import pytest
from django.http import Http404

from lantern.community import access, demo, services
from lantern.community.models import Membership, Space
from lantern.core import registry
from lantern.core.access import forget
from lantern.safety.models import Alert

API = "/api/v1/community"
URGENT = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."


def test_memberships_are_kept_for_one_request_and_forget_drops_them(spaces, people):
    family = spaces["family"]
    assert not access.is_member(people.river, family)
    Membership.objects.create(space=family, person=people.river)  # behind the service's back
    assert not access.is_member(people.river, family)  # the answer kept for this request
    forget(people.river)
    assert access.is_member(people.river, family)
    services.remove_from_space(people.morgan, people.river, "x", space=family)
    assert not access.is_member(people.river, family)  # the service forgot what it changed


def test_a_removal_counts_on_the_next_request(early, people, signed_in):
    thread = services.start_thread(people.sam, early, "Hello", "Opening").obj.thread
    river = signed_in(people.river)
    assert river.get(thread.get_absolute_url()).status_code == 200
    services.remove_from_space(people.jo, people.river, "harassment", space=early)
    assert river.get(thread.get_absolute_url()).status_code == 404
    assert river.get(f"{API}/threads/{thread.pk}/posts").status_code == 404


def test_preloaded_memberships_answer_without_asking_again(
    spaces, early, people, django_assert_num_queries
):
    access.preload_memberships(people.jo, [s.pk for s in spaces.values()])
    with django_assert_num_queries(0):
        assert access.is_member(people.jo, early)
        assert access.membership(people.jo, spaces["family"]) is None


def test_pages_and_api_load_a_held_thread_by_the_same_rule(early, people, signed_in):
    held = services.start_thread(people.river, early, "Tonight", URGENT).obj
    thread = held.thread
    for person, status in ((people.sam, 404), (people.river, 200), (people.jo, 200)):
        client = signed_in(person)
        assert client.get(thread.get_absolute_url()).status_code == status, person
        assert client.get(f"{API}/threads/{thread.pk}/posts").status_code == status, person
        if status == 404:
            with pytest.raises(Http404):
                access.get_thread_for(person, thread.pk)
        else:
            assert access.get_thread_for(person, thread.pk) == thread


def test_a_thread_is_found_only_under_its_own_group(spaces, early, people, signed_in):
    thread = services.start_thread(people.river, early, "Hello", "Opening").obj.thread
    with pytest.raises(Http404):
        access.get_thread_for(people.river, thread.pk, slug="women")
    assert signed_in(people.river).get(f"/groups/women/t/{thread.pk}/").status_code == 404


def test_search_shows_an_anonymous_author_by_the_one_rule(early, people, signed_in):
    services.start_thread(people.river, early, "Walks", "A lanternword walk helped", anonymous=True)
    for reader, shown in ((people.sam, False), (people.river, True), (people.jo, True)):
        page = signed_in(reader).get("/groups/search/?q=lanternword").content.decode()
        assert ("· river</span>" in page) is shown, reader
        assert ("A member of this group" in page) is not shown, reader
        found = signed_in(reader).get(f"{API}/search", {"q": "lanternword"}).json()
        assert (found[0]["post"]["author"] == "river") is shown, reader


def test_the_api_says_when_the_author_should_see_crisis_lines(early, people, signed_in):
    response = signed_in(people.river).post(
        f"{API}/spaces/{early.slug}/threads",
        {"title": "Tonight", "body": URGENT},
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["show_crisis_resources"] is True and data["held"] is True
    assert "show_resources" not in data


def test_a_reply_is_assessed_as_a_reply(early, people):
    thread = services.start_thread(people.sam, early, "Hello", "Opening").obj.thread
    services.reply(people.river, thread, URGENT)
    assert Alert.objects.get().context == "reply"


def test_the_demo_seed_is_registered_after_recovery():
    seeds = {seed.name: seed for seed in registry.demo_seeds()}
    assert seeds["community"].seed is demo.seed and seeds["community"].order == 40


def test_only_listed_groups_load(spaces, people):
    with pytest.raises(Http404):
        access.get_space_for(people.river, "family-circle")  # private, not a member
    assert access.get_space_for(people.river, "women") == spaces["women"]
    with pytest.raises(Http404):
        access.get_readable_space_for(people.river, "women")  # asks to join first
    assert access.get_space_for(people.morgan, "family-circle") == Space.objects.get(
        slug="family-circle"
    )
