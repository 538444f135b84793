"""An app puts itself in the header's menu from its AppConfig.ready(), without core importing
it: members see its entry on every page, visitors only when the app says the page is public."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core import registry


@pytest.fixture
def guidelines_in_menu():
    """A stand-in app registers an entry for a page core already has."""

    def only_admins(user):
        return user.handle == "alex"

    registry.menu_link("stand-in", _("Guidelines"), "core-guidelines", order=99)
    registry.menu_link("admins-only", _("Privacy"), "core-privacy", order=98, show=only_admins)
    yield
    registry._menu.pop("stand-in")
    registry._menu.pop("admins-only")


def menu_of(client):
    html = client.get(reverse("core-home")).content.decode()
    return html[html.index('<nav aria-label="Main"') : html.index("</nav>")]


def test_a_member_sees_a_registered_entry_and_a_visitor_does_not(
    client, people, signed_in, guidelines_in_menu
):
    assert f'href="{reverse("core-guidelines")}"' not in menu_of(client)

    river = signed_in(people.river)
    assert f'href="{reverse("core-guidelines")}">Guidelines</a>' in menu_of(river)


def test_an_entry_shown_only_to_some_people(people, signed_in, guidelines_in_menu):
    river = signed_in(people.river)
    assert f'href="{reverse("core-privacy")}">Privacy</a>' not in menu_of(river)

    alex = signed_in(people.alex)
    assert f'href="{reverse("core-privacy")}">Privacy</a>' in menu_of(alex)


def test_the_current_page_is_marked_in_the_menu(people, signed_in, guidelines_in_menu):
    river = signed_in(people.river)
    html = river.get(reverse("core-guidelines")).content.decode()
    assert f'href="{reverse("core-guidelines")}" aria-current="page">Guidelines' in html
