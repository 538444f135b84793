"""Family and friends of people in recovery have groups of their own. Each side speaks freely:
a family member (an account for family and friends) does not find, read or join the groups of
people in recovery unless invited, and people in recovery do not find the family groups unless
invited. Helpers (supporters, specialists, moderators, administrators) serve both sides."""

import pytest

from lantern.accounts.models import AccountType
from lantern.community import services
from lantern.community.models import Audience, Space
from lantern.conftest import make_person
from lantern.core.errors import Refused
from lantern.core.roles import Role


@pytest.fixture
def groups(people):
    recovery = Space.objects.create(
        slug="early-days", name="Early days", description="The first months."
    )
    family = Space.objects.create(
        slug="loved-ones",
        name="Loved ones",
        description="For parents, partners and friends.",
        audience=Audience.FAMILY,
    )
    everyone = Space.objects.create(
        slug="recovery-month",
        name="Recovery month",
        description="For everyone.",
        audience=Audience.EVERYONE,
    )
    return {"recovery": recovery, "family": family, "everyone": everyone}


@pytest.fixture
def pat(people):
    """A mother whose son is in treatment: an account for family and friends."""
    person = make_person("pat", [Role.MEMBER])
    person.account_type = AccountType.FAMILY
    person.save(update_fields=["account_type"])
    return person


def _listed(client) -> str:
    return client.get("/groups/").content.decode()


def test_a_family_member_finds_the_family_groups_and_not_those_of_people_in_recovery(
    groups, pat, signed_in
):
    client = signed_in(pat)
    page = _listed(client)
    assert "Loved ones" in page and "Recovery month" in page
    assert "Early days" not in page
    assert client.get("/groups/early-days/").status_code == 404
    assert client.get("/groups/loved-ones/").status_code == 200
    with pytest.raises(Refused):
        services.join_space(pat, groups["recovery"])
    services.join_space(pat, groups["family"])
    assert services.spaces_with_counts(pat).filter(slug="loved-ones", my_status="active").exists()


def test_people_in_recovery_do_not_find_the_family_groups(groups, people, signed_in):
    client = signed_in(people.river)
    page = _listed(client)
    assert "Early days" in page and "Recovery month" in page
    assert "Loved ones" not in page
    assert client.get("/groups/loved-ones/").status_code == 404
    with pytest.raises(Refused):
        services.join_space(people.river, groups["family"])


def test_an_invitation_opens_the_other_sides_group(groups, pat, people, signed_in):
    """A family program's peer leader invites a person in recovery to a joint family session
    group; the invitation is what lets them in."""
    morgan = people.morgan  # a site moderator moderates every group
    services.invite(morgan, groups["family"], "river")
    client = signed_in(people.river)
    assert "Loved ones" in _listed(client)
    services.join_space(people.river, groups["family"])
    assert client.get("/groups/loved-ones/").status_code == 200
    services.invite(morgan, groups["recovery"], "pat")
    services.join_space(pat, groups["recovery"])
    assert signed_in(pat).get("/groups/early-days/").status_code == 200


def test_helpers_serve_both_sides(groups, people, signed_in):
    client = signed_in(people.jo)  # a supporter
    page = _listed(client)
    assert "Loved ones" in page and "Early days" in page
    services.join_space(people.jo, groups["family"])
    services.join_space(people.jo, groups["recovery"])


def test_changing_to_family_takes_effect_on_the_next_request(groups, people, signed_in):
    client = signed_in(people.sam)
    assert client.get("/groups/early-days/").status_code == 200
    response = client.post(
        "/accounts/preferences/",
        {"handle": "sam", "language": "en", "time_zone": "", "account_type": "family"},
    )
    assert response.status_code == 302
    assert client.get("/groups/early-days/").status_code == 404
    assert client.get("/groups/loved-ones/").status_code == 200


def test_a_site_moderator_chooses_whom_a_new_group_is_for(people, signed_in):
    client = signed_in(people.alex)
    response = client.post(
        "/groups/new/",
        {
            "name": "Partners",
            "description": "For partners of people in recovery.",
            "kind": "open",
            "audience": "family",
        },
    )
    assert response.status_code == 302
    assert Space.objects.get(slug="partners").audience == Audience.FAMILY
    response = client.post(
        "/groups/new/",
        {"name": "Odd", "description": "x", "kind": "open", "audience": "martians"},
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Space.objects.filter(name="Odd").exists()


def test_a_peer_moderator_cannot_change_whom_a_group_is_for(groups, people):
    services.add_space_moderator(people.morgan, groups["recovery"], "jo")
    with pytest.raises(Refused) as refused:
        services.update_space(people.jo, groups["recovery"], audience=Audience.FAMILY)
    assert refused.value.field == "audience"
    saved = services.update_space(people.morgan, groups["recovery"], audience=Audience.EVERYONE)
    assert saved.obj.audience == Audience.EVERYONE
