"""The mentorship API says the same as the pages; Spanish readers get Spanish pages."""

import pytest
from django.urls import reverse

from lantern.mentorship import services

from .helpers import ask_for, profile_for

pytestmark = pytest.mark.django_db


def test_suggestions_and_mentorships_through_the_api(people, signed_in):
    profile_for(people.jo, experience=("parenting",))
    ask_for(people.river, experience=("parenting",))
    river = signed_in(people.river)
    found = river.get(reverse("api:mentorship-api-suggestions")).json()
    assert found[0]["mentor"] == "jo"
    assert "Knows parenting in recovery from the inside, like you asked" in found[0]["reasons"]
    assert found[0]["recovery_days"] >= 3 * 365
    services.request_mentor(people.river, people.jo)
    listed = river.get(reverse("api:mentorship-api-mentorships")).json()
    assert [(m["mentor"], m["status"]) for m in listed] == [("jo", "requested")]
    assert signed_in(people.sam).get(reverse("api:mentorship-api-mentorships")).json() == []


def test_the_api_needs_a_sign_in(client):
    assert client.get(reverse("api:mentorship-api-suggestions")).status_code == 401


def test_spanish_pages(people, signed_in):
    people.river.language = "es"
    people.river.save()
    profile_for(people.jo, languages=("es",))
    ask_for(people.river, languages=("es",))
    river = signed_in(people.river)
    for name in ("mentorship-home", "mentorship-ask", "mentorship-suggestions"):
        page = river.get(reverse(name)).content.decode()
        assert '<html lang="es"' in page
