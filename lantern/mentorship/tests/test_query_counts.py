"""Mentorship's list pages make a bounded number of queries however many mentors there are."""

import pytest
from django.urls import reverse

from lantern.mentorship import services

from .helpers import ask_for, supporter

pytestmark = pytest.mark.django_db


def mentors(n):
    for i in range(n):
        supporter(f"mentor{n}x{i}")


@pytest.mark.parametrize("n", [2, 8])
def test_the_suggestions_page(people, signed_in, django_assert_max_num_queries, n):
    mentors(n)
    ask_for(people.river)
    river = signed_in(people.river)
    assert len(services.suggestions(people.river)) == n
    river.get(reverse("mentorship-suggestions"))
    with django_assert_max_num_queries(14):
        response = river.get(reverse("mentorship-suggestions"))
    assert response.content.decode().count('class="card"') >= n


@pytest.mark.parametrize("n", [1, 6])
def test_the_home_page_of_a_mentor_with_requests(
    people, signed_in, django_assert_max_num_queries, n
):
    supporter("busy", capacity=10)
    busy = people.jo.__class__.objects.get(handle="busy")
    for i in range(n):
        asker = supporter(f"asker{i}")  # supporters may ask for a mentor too
        ask_for(asker)
        services.request_mentor(asker, busy)
    client = signed_in(busy)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("mentorship-home")).status_code == 200
