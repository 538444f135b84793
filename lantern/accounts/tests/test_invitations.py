"""Settings → Invitations: an administrator of a recovery community organization closes open
sign-up and hands out invitations in bulk, each a link to send or a code to print, that can
carry a role (member or supporter) and a group to join. The people who use them join with what
the invitation carries; a used-up, expired or withdrawn invitation says so plainly."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lantern.accounts import invitations
from lantern.accounts.models import Invitation, User
from lantern.community.models import Membership, Space
from lantern.core import site
from lantern.core.errors import Refused
from lantern.core.roles import Role


@pytest.fixture
def night_owls(db):
    return Space.objects.create(
        slug="night-owls",
        name="Night owls",
        description="For the small hours.",
        kind=Space.Kind.PRIVATE,
    )


@pytest.fixture
def closed(people):
    site.save(people.alex, open_signup=False)


def join_with(client, link: str, handle: str):
    """A visitor opens the invitation link, then makes an account on the sign-up page."""
    page = client.get(link)
    assert page.status_code == 200
    return client.post(
        reverse("account_signup"),
        {
            "username": handle,
            "password1": "a long pass phrase 42",
            "password2": "a long pass phrase 42",
            "accept_guidelines": "on",
            "accept_privacy": "on",
        },
    )


def test_alex_makes_twenty_supporter_invitations_for_a_group_in_one_go(
    people, signed_in, night_owls
):
    alex = signed_in(people.alex)
    page = alex.post(
        reverse("accounts-manage-invitations"),
        {
            "count": "20",
            "role": "supporter",
            "uses_each": "1",
            "days": "14",
            "note": "Peer training, spring",
            "space": "night-owls",
        },
    )

    assert page.status_code == 200
    made = Invitation.objects.filter(note="Peer training, spring")
    assert made.count() == 20
    html = page.content.decode()
    assert "20 invitations are ready" in html
    for invitation in made:
        assert f"http://testserver/join/{invitation.code}/" in html  # the links to copy
    assert "Supporter · Group to join: Night owls" in html
    assert {i.extras["space"] for i in made} == {"night-owls"}
    assert all(i.expires_at > timezone.now() + timedelta(days=13) for i in made)


def test_with_sign_up_closed_a_visitor_is_asked_for_an_invitation(client, closed):
    page = client.get(reverse("account_signup"))
    html = page.content.decode()
    assert "Joining is by invitation" in html
    assert 'name="code"' in html
    assert not User.objects.filter(handle="drifter").exists()
    client.post(reverse("account_signup"), {"username": "drifter", "password1": "x" * 12})
    assert not User.objects.filter(handle="drifter").exists()


def test_a_graduate_joins_with_the_link_as_a_supporter_in_the_group(
    client, people, closed, night_owls
):
    (invitation,) = invitations.create(
        people.alex, count=1, role="supporter", extras={"space": "night-owls"}, note="March"
    )

    page = client.get(reverse("accounts-join", args=[invitation.code]))
    assert "You are invited to Lantern" in page.content.decode()
    assert "Supporter · Group to join: Night owls" in page.content.decode()
    assert (
        "You are joining with an invitation"
        in client.get(reverse("account_signup")).content.decode()
    )
    join_with(client, reverse("accounts-join", args=[invitation.code]), "dawn_m")

    dawn = User.objects.get(handle="dawn_m")
    assert dawn.roles == {Role.MEMBER, Role.SUPPORTER}
    membership = Membership.objects.get(person=dawn, space=night_owls)
    assert membership.status == Membership.Status.ACTIVE
    invitation.refresh_from_db()
    assert invitation.used == 1
    assert [use.person for use in invitation.uses.all()] == [dawn]


def test_a_code_from_paper_works_typed_in_lower_case_with_spaces(client, people, closed):
    (invitation,) = invitations.create(people.alex, count=1)
    typed = " ".join([invitation.code[:5].lower(), invitation.code[5:].lower()])

    page = client.get(reverse("accounts-join-code"), {"code": typed})

    assert page.status_code == 302
    assert page["Location"] == reverse("accounts-join", args=[invitation.code])


def test_a_used_up_invitation_says_so_and_lets_nobody_else_in(client, people, closed):
    (invitation,) = invitations.create(people.alex, count=1, uses_each=1)
    join_with(client, reverse("accounts-join", args=[invitation.code]), "first_one")
    client.logout()

    page = client.get(reverse("accounts-join", args=[invitation.code]))

    assert page.status_code == 404
    assert "This invitation has been used" in page.content.decode()
    join_with_anyway = client.post(
        reverse("account_signup"),
        {"username": "second_one", "password1": "a long pass phrase 42"},
    )
    assert "Joining is by invitation" in join_with_anyway.content.decode()
    assert not User.objects.filter(handle="second_one").exists()


def test_a_code_read_out_to_a_whole_cohort_lets_in_as_many_as_it_says(people, closed):
    (invitation,) = invitations.create(people.alex, count=1, uses_each=3)
    for handle in ["a_one", "a_two", "a_three"]:
        person = User.objects.create_user(handle, "a long pass phrase 42")
        invitations.use(person, invitation.code)
    late = User.objects.create_user("a_four", "a long pass phrase 42")

    with pytest.raises(Refused, match="has been used"):
        invitations.use(late, invitation.code)
    invitation.refresh_from_db()
    assert invitation.used == 3


def test_an_expired_or_withdrawn_invitation_is_refused_with_the_reason(
    client, people, signed_in, closed
):
    old, withdrawn = invitations.create(people.alex, count=2, days=7)
    alex = signed_in(people.alex)
    alex.post(reverse("accounts-manage-invitation-revoke", args=[withdrawn.pk]))

    with time_machine.travel(timezone.now() + timedelta(days=8)):
        expired = client.get(reverse("accounts-join", args=[old.code])).content.decode()
    assert "This invitation has expired" in expired
    gone = client.get(reverse("accounts-join", args=[withdrawn.code])).content.decode()
    assert "This invitation was withdrawn" in gone
    unknown = client.get(reverse("accounts-join", args=["NOSUCHCODE"])).content.decode()
    assert "know that invitation code. Check it and try again." in unknown


def test_someone_already_on_lantern_accepts_an_invitation_to_a_group(people, signed_in, night_owls):
    (invitation,) = invitations.create(people.alex, count=1, extras={"space": "night-owls"})
    river = signed_in(people.river)
    link = reverse("accounts-join", args=[invitation.code])

    assert "Accept the invitation" in river.get(link).content.decode()
    assert not Membership.objects.filter(person=people.river, space=night_owls).exists()
    river.post(link)

    assert Membership.objects.get(person=people.river, space=night_owls).status == "active"
    river.post(link)  # twice is once
    invitation.refresh_from_db()
    assert invitation.used == 1


def test_an_invitation_never_makes_anyone_staff(people, signed_in):
    with pytest.raises(Refused, match="member or a supporter"):
        invitations.create(people.alex, count=1, role=Role.MODERATOR)
    alex = signed_in(people.alex)
    page = alex.post(
        reverse("accounts-manage-invitations"),
        {"count": "1", "role": "admin", "uses_each": "1", "days": "30"},
    ).content.decode()
    assert "Select a valid choice" in page
    assert Invitation.objects.count() == 0


def test_bad_numbers_show_the_form_again_with_what_to_fix(people, signed_in):
    alex = signed_in(people.alex)
    page = alex.post(
        reverse("accounts-manage-invitations"),
        {"count": "5000", "role": "", "uses_each": "0", "days": "30", "note": "Kept"},
    ).content.decode()

    assert "Ensure this value is less than or equal to 200" in page
    assert "Ensure this value is greater than or equal to 1" in page
    assert 'value="Kept"' in page
    assert Invitation.objects.count() == 0


def test_only_administrators_make_or_withdraw_invitations(people, signed_in):
    for who in (people.river, people.jo, people.morgan):
        client = signed_in(who)
        assert client.get(reverse("accounts-manage-invitations")).status_code == 404
        posted = client.post(reverse("accounts-manage-invitations"), {"count": "3"})
        assert posted.status_code == 404
    assert Invitation.objects.count() == 0


def test_the_invitations_page_costs_the_same_for_a_hundred(
    people, signed_in, night_owls, django_assert_max_num_queries
):
    for n in range(100):
        (invitation,) = invitations.create(people.alex, count=1, extras={"space": "night-owls"})
        if n % 10 == 0:
            person = User.objects.create_user(f"used_{n}", "a long pass phrase 42")
            invitations.use(person, invitation.code)
    alex = signed_in(people.alex)
    # The session, alex and his roles, the site, the groups (for the form and for the words),
    # the invitations with who used them, and the header's counts: never one per invitation.
    with django_assert_max_num_queries(16):
        page = alex.get(reverse("accounts-manage-invitations")).content.decode()
    assert page.count("<code>") == 100
    assert "used_90" in page
