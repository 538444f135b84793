"""A cohort's group, made as part of the staff's own flow (see groups.py for why): its address,
its peer moderators, and who may join it with a code."""

import pytest

from lantern.community import services as community
from lantern.community.models import Membership, Space
from lantern.programs import services as programs
from lantern.programs.alumni import groups, services

pytestmark = pytest.mark.django_db


def test_the_group_is_named_after_the_program_and_the_cohort(alumni):
    space = groups.create_group(alumni, "Graduates, June")
    assert space.name == "Northside Alumni: Graduates, June"
    assert space.description == "Graduates of Northside Alumni: Graduates, June."
    assert space.kind == Space.Kind.PRIVATE
    assert space.slug == "northside-alumni-graduates-june"


def test_a_long_name_makes_an_address_community_accepts(alumni):
    space = groups.create_group(alumni, "x" * 60)
    assert len(space.slug) <= 60
    assert community.clean_slug(space.slug, "anything", space=space) == space.slug
    again = groups.create_group(alumni, "x" * 59 + "y")
    assert again.slug != space.slug and len(again.slug) <= 60


def test_an_address_already_taken_gets_a_number(alumni):
    Space.objects.create(slug="northside-alumni-fall", name="Someone else's", description="x")
    space = groups.create_group(alumni, "Fall")
    assert space.slug == "northside-alumni-fall-2"


def test_a_cohort_name_that_makes_no_address_still_gets_one(people, alumni):
    cohort = services.create_cohort(people.casey, alumni, name="¡¿!?", graduated_on=None).obj
    assert cohort.space.slug.startswith("northside-alumni")


def test_seating_the_staff_adds_each_once_and_promotes_a_member(people, alumni, cohort):
    programs.add_staff(people.alex, alumni, "jo")
    community.add_member(people.casey, cohort.space, people.jo)
    assert Membership.objects.get(space=cohort.space, person=people.jo).role == "member"
    groups.seat_staff(alumni, cohort.space)
    groups.seat_staff(alumni, cohort.space)
    rows = Membership.objects.filter(space=cohort.space).order_by("person__handle")
    assert list(rows.values_list("person__handle", "role", "status")) == [
        ("casey", "moderator", "active"),
        ("jo", "moderator", "active"),
    ]


def test_seating_the_staff_does_not_undo_a_removal(people, alumni, cohort):
    programs.add_staff(people.alex, alumni, "jo")
    community.add_member(people.casey, cohort.space, people.jo)
    community.remove_from_space(
        people.morgan, people.jo, "Shared a member's story outside.", space=cohort.space
    )
    groups.seat_staff(alumni, cohort.space)
    assert Membership.objects.get(space=cohort.space, person=people.jo).status == "removed"


def test_who_may_not_join_is_told_why(people, alumni, cohort):
    assert groups.refusal_for(people.sam, alumni.space, cohort.space) is None
    community.remove_from_space(people.morgan, people.sam, "Threats.", space=cohort.space)
    assert "removed" in groups.refusal_for(people.sam, alumni.space, cohort.space)
    community.ban(people.morgan, people.river, "Spam.")
    assert "banned" in groups.refusal_for(people.river, alumni.space)


def test_joining_with_a_code_is_as_an_invited_person_not_a_moderators_hand(people, cohort):
    before = Membership.objects.filter(space=cohort.space).count()
    groups.join(people.sam, cohort.space)
    groups.join(people.sam, cohort.space)  # twice changes nothing
    joined = Membership.objects.get(space=cohort.space, person=people.sam)
    assert (joined.role, joined.status) == ("member", "active")
    assert Membership.objects.filter(space=cohort.space).count() == before + 1
