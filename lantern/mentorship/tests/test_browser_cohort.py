"""On a phone: an administrator pairs a cohort, reviews the pairs with their reasons, adjusts
one, and tells everyone. Axe finds nothing on any page."""

import pytest
from django.urls import reverse

from lantern.conftest import assert_accessible, make_person
from lantern.core.roles import Role
from lantern.mentorship.models import Mentorship

from .helpers import ask_for, profile_for, supporter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_reviews_and_publishes_a_cohort(people, phone):
    profile_for(people.jo, capacity=2, experience=("parenting",))
    supporter("kit", capacity=1)
    for handle in ("fern", "gale"):
        ask_for(make_person(handle, [Role.MEMBER]), experience=("parenting",))

    alex = phone
    alex.sign_in("alex")
    alex.visit(reverse("mentorship-cohorts"))
    assert_accessible(alex)
    alex.get_by_label("Name").fill("December graduates")
    alex.get_by_label("Newcomers (handles)").fill("fern gale")
    alex.get_by_label("Volunteer mentors (handles)").fill("jo, kit")
    alex.get_by_role("button", name="Pair them").click()
    alex.get_by_role("heading", name="December graduates").wait_for()
    assert alex.get_by_text("Knows parenting in recovery from the inside").count() == 2
    assert_accessible(alex)
    alex.get_by_role("button", name="Remove this pair").first.click()
    alex.get_by_role("heading", name="Without a mentor").wait_for()
    assert_accessible(alex)
    alex.get_by_role("button", name="Pair", exact=True).click()
    alex.get_by_text("Paired by the program's coordinator").wait_for()
    assert Mentorship.objects.count() == 0  # nobody told yet
    alex.get_by_role("button", name="Tell everyone").click()
    alex.get_by_text("2 pairs are told").wait_for()
    assert_accessible(alex)
    assert Mentorship.objects.filter(status="active").count() == 2
