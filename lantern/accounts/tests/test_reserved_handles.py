"""Handles that look official are not for members to take (accounts/handles.py): at sign-up and
at any change of handle, whatever the capitals and look-alike characters."""

import pytest
from django.test import Client
from django.urls import reverse

from lantern.accounts.demo import DEMO_PEOPLE
from lantern.accounts.handles import is_reserved
from lantern.accounts.models import User
from lantern.conftest import PASSWORD

SIGNUP = {
    "password1": PASSWORD,
    "password2": PASSWORD,
    "accept_guidelines": "on",
    "accept_privacy": "on",
}
PREFERENCES = {"pronouns": "", "language": "en", "time_zone": "", "notify_push": "on"}


@pytest.mark.parametrize("handle", ["Admin", "m0derator", "lantern_support"])
def test_a_newcomer_cannot_sign_up_as_staff(client, db, handle):
    response = client.post(reverse("account_signup"), {**SIGNUP, "username": handle})
    assert response.status_code == 200
    page = response.content.decode()
    assert "looks like a name of Lantern or its staff" in page
    assert f'value="{handle}"' in page  # what was typed is still there, to change
    assert not User.objects.filter(handle__iexact=handle).exists()


@pytest.mark.parametrize(
    "handle",
    [
        "admin",
        "ADMIN",
        "admin1",
        "a.d.m.i.n",
        "adm1n",
        "4dmin",
        "moderator",
        "Moderat0r",
        "rnoderator",
        "mod",
        "mod.sam",
        "lantern",
        "LanternTeam",
        "support",
        "staff",
        "s7aff",
        "system",
        "root",
        "help",
        "crisis",
        "988",
        "official",
        "team",
        "security",
        "safety",
        "peer-specialist",
        "Peer_Specialist",
        "supporter",
        "anonymous",
        "a_former_member",
    ],
)
def test_official_looking_handles_are_reserved(handle):
    assert is_reserved(handle)


@pytest.mark.parametrize(
    "handle",
    [
        "river",
        "sam",
        "jo",
        "casey",
        "morgan",
        "alex",
        "river_k",
        "badminton",
        "modern_mike",
        "model",
        "helper",
        "help_me",
        "steam",
        "team_river",
        "root_beer",
        "safety_first",
        "sam1988",
        "journey",
        "supportive",
    ],
)
def test_everyday_handles_are_free(handle):
    assert not is_reserved(handle)


def test_a_member_cannot_change_their_handle_to_an_official_one(people, signed_in):
    client = signed_in(people.river)
    response = client.post(
        reverse("accounts-preferences"), {**PREFERENCES, "handle": "Lantern.Support"}
    )
    assert response.status_code == 200
    assert b"looks like a name of Lantern or its staff" in response.content
    assert User.objects.get(pk=people.river.pk).handle == "river"
    # Another handle is fine.
    response = client.post(reverse("accounts-preferences"), {**PREFERENCES, "handle": "river_k"})
    assert response.status_code == 302
    assert User.objects.get(pk=people.river.pk).handle == "river_k"


def test_someone_who_already_has_such_a_handle_keeps_it(people, signed_in):
    """A handle taken before the rule (or given to a staff account by an administrator) still
    works: saving preferences without changing it, and signing in with it."""
    people.sam.handle = "Support"
    people.sam.save()
    client = signed_in(people.sam)
    response = client.post(
        reverse("accounts-preferences"), {**PREFERENCES, "handle": "Support", "pronouns": "he/him"}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=people.sam.pk).pronouns == "he/him"
    response = client.post(reverse("accounts-preferences"), {**PREFERENCES, "handle": "support"})
    assert response.status_code == 302  # a change of capitals only
    signed_out = Client()
    response = signed_out.post(reverse("account_login"), {"login": "support", "password": PASSWORD})
    assert response.status_code == 302


def test_the_demo_people_keep_their_handles(db):
    assert [h for h, *_rest in DEMO_PEOPLE if is_reserved(h)] == []
