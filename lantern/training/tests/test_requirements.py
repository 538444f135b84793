"""An administrator chooses, on Settings → Training, which course each role requires. A role
that requires a course cannot be given before the course is completed: the People page says
what is missing; once the course is done, the role can be given."""

from django.urls import reverse
from django.utils import translation

from lantern.accounts.models import User
from lantern.accounts.services import grant_role
from lantern.core.errors import Refused
from lantern.core.models import AuditEvent
from lantern.core.roles import Role
from lantern.training import services
from lantern.training.models import Requirement

from .conftest import finish

MISSING = "Finish the course “Responding to a peer in crisis, and when to escalate” first."


def test_an_admin_requires_the_course_for_moderators_on_the_settings_page(
    people, signed_in, course
):
    alex = signed_in(people.alex)
    page = alex.get(reverse("core-manage")).content.decode()
    assert reverse("training-manage") in page  # Settings → Training

    page = alex.get(reverse("training-manage")).content.decode()
    for role in ("Supporter", "Moderator", "Peer specialist"):
        assert f">{role}" in page
    response = alex.post(reverse("training-manage"), {"moderator": course.slug}, follow=True)
    assert "Saved. People who hold a role already keep it." in response.content.decode()
    assert Requirement.objects.get(role=Role.MODERATOR).course == course
    assert not Requirement.objects.filter(role=Role.SUPPORTER).exists()
    event = AuditEvent.objects.get(action="training.require")
    assert event.actor == people.alex and event.details["role"] == "moderator"
    page = alex.get(reverse("training-manage")).content.decode()
    assert f'<option value="{course.slug}" selected>' in page


def test_the_people_page_refuses_a_moderator_who_has_not_done_the_course(people, signed_in, course):
    services.require_course(people.alex, Role.MODERATOR, course)
    alex = signed_in(people.alex)
    # casey already uses two-factor, which a staff role needs first.
    grant = reverse("accounts-staff-person-role", args=["casey"])
    page = alex.post(grant, {"role": "moderator", "action": "grant"}, follow=True)
    assert MISSING in page.content.decode()
    assert Role.MODERATOR not in User.objects.get(handle="casey").roles

    finish(people.casey, course)
    alex.post(grant, {"role": "moderator", "action": "grant"})
    assert Role.MODERATOR in User.objects.get(handle="casey").roles


def test_grant_role_refuses_until_the_course_is_complete(people, course):
    services.require_course(people.alex, Role.SUPPORTER, course)
    finish(people.sam, course, leave=1)
    try:
        grant_role(people.sam, Role.SUPPORTER, by=people.alex)
    except Refused as error:
        assert error.message == MISSING
    else:
        raise AssertionError("the role was given before the course was done")
    finish(people.sam, course)
    assert grant_role(people.sam, Role.SUPPORTER, by=people.alex)


def test_people_who_hold_the_role_already_keep_it(people, course):
    services.require_course(people.alex, Role.SUPPORTER, course)
    assert Role.SUPPORTER in User.objects.get(handle="jo").roles
    assert services.unmet(people.jo, Role.SUPPORTER) == [MISSING]  # for a new grant only


def test_no_course_chosen_means_nothing_is_required(people, signed_in, course):
    assert services.unmet(people.sam, Role.SUPPORTER) == []
    services.require_course(people.alex, Role.SUPPORTER, course)
    alex = signed_in(people.alex)
    alex.post(reverse("training-manage"), {"supporter": ""})
    assert not Requirement.objects.exists()
    assert services.unmet(people.sam, Role.SUPPORTER) == []
    assert grant_role(people.sam, Role.SUPPORTER, by=people.alex)


def test_the_requirement_counts_only_for_the_role_it_names(people, course):
    services.require_course(people.alex, Role.MODERATOR, course)
    assert services.unmet(people.sam, Role.SUPPORTER) == []
    assert services.unmet(people.sam, Role.MODERATOR) == [MISSING]
    assert services.unmet(people.sam, "moderator") == [MISSING]


def test_a_course_no_longer_offered_is_no_longer_required(people, course):
    services.require_course(people.alex, Role.SUPPORTER, course)
    course.active = False
    course.save()
    assert services.unmet(people.sam, Role.SUPPORTER) == []


def test_only_an_administrator_may_choose(people, course):
    for person in (people.jo, people.casey, people.morgan):
        try:
            services.require_course(person, Role.SUPPORTER, course)
        except Refused:
            continue
        raise AssertionError(f"{person.handle} chose a requirement")
    assert not Requirement.objects.exists()


def test_an_unknown_role_is_refused(people, course):
    for role in ("admin", "member", "wizard"):
        try:
            services.require_course(people.alex, role, course)
        except Refused as error:
            assert error.message == "Choose from the list."
        else:
            raise AssertionError(role)


def test_the_settings_page_lists_who_has_completed_what(people, signed_in, course):
    finish(people.jo, course)
    finish(people.river, course, leave=3)
    page = signed_in(people.alex).get(reverse("training-manage")).content.decode()
    table = page.split("Who has completed what")[1]
    assert ">jo</a>" in table and "(version 1)" in table
    assert "river" not in table  # not complete


def test_the_missing_message_is_in_the_readers_language(people, course):
    services.require_course(people.alex, Role.SUPPORTER, course)
    with translation.override("es"):
        (message,) = services.unmet(people.sam, Role.SUPPORTER)
    assert "Cómo acompañar a un par en crisis" in message


def test_the_course_says_which_roles_require_it(people, signed_in, course):
    services.require_course(people.alex, Role.SUPPORTER, course)
    services.require_course(people.alex, Role.MODERATOR, course)
    river = signed_in(people.river)
    for url in (reverse("training-courses"), course.get_absolute_url()):
        page = river.get(url).content.decode()
        assert "Required before being given the role: Supporter, Moderator" in page
