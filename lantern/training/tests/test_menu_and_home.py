"""Where people find training: "Training" in the menu for helpers (supporters, specialists,
moderators, administrators); for anyone else, a home card once a role waits for a course or a
course is under way. Settings → Training for administrators."""

from django.urls import reverse

from lantern.accounts import invitations
from lantern.accounts.models import User
from lantern.core import registry
from lantern.core.roles import Role
from lantern.training import services

from .conftest import finish

MENU = f'href="{reverse("training-courses")}"'


def _menu(person):
    return [link.name for link in registry.menu_links(person)]


def test_helpers_find_training_in_the_menu(people, signed_in, course):
    for person in (people.jo, people.casey, people.morgan, people.alex):
        assert "training" in _menu(person)
    assert MENU in signed_in(people.jo).get(reverse("core-home")).content.decode()


def test_members_do_not_see_it_in_the_menu_until_they_are_on_their_way(people, signed_in, course):
    assert "training" not in _menu(people.river)
    home = signed_in(people.river).get(reverse("core-home")).content.decode()
    assert MENU not in home and "training-card-title" not in home

    finish(people.river, course, leave=9)
    home = signed_in(people.river).get(reverse("core-home")).content.decode()
    assert "training-card-title" in home and "1 of 10 done" in home


def test_a_finished_course_leaves_the_home_page(people, signed_in, course):
    finish(people.river, course)
    home = signed_in(people.river).get(reverse("core-home")).content.decode()
    assert "training-card-title" not in home


def test_an_invited_supporter_is_sent_to_the_course_from_home(people, signed_in, course):
    services.require_course(people.alex, Role.SUPPORTER, course)
    (invitation,) = invitations.create(people.alex, count=1, role=Role.SUPPORTER)
    lee = User.objects.create_user("lee", "a long pass phrase 42")
    invitations.use(lee, invitation.code)
    home = signed_in(lee).get(reverse("core-home")).content.decode()
    assert "Your new role is waiting for you" in home
    assert f'href="{course.get_absolute_url()}"' in home
    assert services.waiting_courses(lee) == [("supporter", course)]


def test_visitors_see_no_training(client, course):
    page = client.get(reverse("core-home")).content.decode()
    assert MENU not in page
    assert client.get(reverse("training-courses")).status_code == 302


def test_the_settings_section_is_registered(course):
    names = [section.name for section in registry.settings_sections()]
    assert "training" in names
