"""The home page shows a mentee their mentor, and a mentor who is asking them."""

import pytest
from django.urls import reverse

from lantern.mentorship import services

from .helpers import ask_for, profile_for

pytestmark = pytest.mark.django_db


def test_the_mentoring_card(people, signed_in):
    profile_for(people.jo)
    ask_for(people.river)
    river, jo = signed_in(people.river), signed_in(people.jo)
    assert "Mentoring" not in river.get(reverse("core-home")).content.decode()
    asked = services.request_mentor(people.river, people.jo).obj
    assert "Waiting for an answer from" in river.get(reverse("core-home")).content.decode()
    assert "1 person is asking you to mentor them" in jo.get(reverse("core-home")).content.decode()
    services.accept(people.jo, asked)
    assert "Your mentor:" in river.get(reverse("core-home")).content.decode()
    assert "asking you" not in jo.get(reverse("core-home")).content.decode()
