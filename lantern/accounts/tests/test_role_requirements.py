"""An app can ask for something before a person holds a role (training: a course first). An
administrator who gives the role too early is told what is missing; an invitation that carries
the role keeps it waiting, and the role arrives the moment the person has done what was asked."""

import pytest
from django.urls import reverse

from lantern.accounts import invitations, role_requirements
from lantern.accounts.models import User
from lantern.accounts.services import grant_role
from lantern.core.errors import Refused
from lantern.core.roles import Role

DONE: set[str] = set()


def course_first(person, role):
    """A stand-in for training: supporters must have finished the starter course."""
    if role == Role.SUPPORTER and person.handle not in DONE:
        return ["Finish the course “Responding to a peer in crisis” first."]
    return []


@pytest.fixture
def course_required():
    role_requirements.register("stand-in", unmet=course_first)
    DONE.clear()
    yield
    role_requirements._checks.pop("stand-in")


def test_an_administrator_cannot_give_the_role_before_the_course(people, course_required):
    with pytest.raises(Refused, match="Finish the course"):
        grant_role(people.sam, Role.SUPPORTER, by=people.alex)
    assert Role.SUPPORTER not in people.sam.roles

    DONE.add("sam")
    assert grant_role(people.sam, Role.SUPPORTER, by=people.alex)
    assert Role.SUPPORTER in people.sam.roles


def test_the_people_page_says_what_is_missing(people, signed_in, course_required):
    alex = signed_in(people.alex)
    page = alex.post(
        reverse("accounts-staff-person-role", args=["sam"]),
        {"role": "supporter", "action": "grant"},
        follow=True,
    ).content.decode()
    assert "Finish the course “Responding to a peer in crisis” first." in page
    assert Role.SUPPORTER not in User.objects.get(handle="sam").roles


def test_an_invited_supporter_becomes_one_once_the_course_is_done(people, course_required):
    (invitation,) = invitations.create(people.alex, count=1, role=Role.SUPPORTER)
    newcomer = User.objects.create_user("new_peer", "a long pass phrase 42")

    invitations.use(newcomer, invitation.code)
    assert Role.SUPPORTER not in newcomer.roles
    assert invitations.waiting_roles(newcomer) == [Role.SUPPORTER]
    assert invitations.grant_waiting_roles(newcomer) == []  # not yet

    DONE.add("new_peer")
    assert invitations.grant_waiting_roles(newcomer) == [Role.SUPPORTER]
    assert Role.SUPPORTER in newcomer.roles
    assert invitations.waiting_roles(newcomer) == []
    assert invitations.grant_waiting_roles(newcomer) == []  # once


def test_without_a_requirement_the_invitation_gives_the_role_at_once(people):
    (invitation,) = invitations.create(people.alex, count=1, role=Role.SUPPORTER)
    newcomer = User.objects.create_user("quick_peer", "a long pass phrase 42")
    invitations.use(newcomer, invitation.code)
    assert Role.SUPPORTER in newcomer.roles
