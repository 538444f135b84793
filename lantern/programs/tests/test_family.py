"""A family program is for the people who love someone in recovery: family members (accounts
for family and friends) find its group and ask to join, see its events and resources for
families on their home page; people in recovery do not find it unless invited."""

from datetime import timedelta

from django.utils import timezone

from lantern.accounts.models import AccountType
from lantern.community import services as community
from lantern.conftest import make_person
from lantern.core.roles import Role
from lantern.events import services as events
from lantern.events.services import EventFields
from lantern.programs.models import Program


def _family_member(handle="pat"):
    person = make_person(handle, [Role.MEMBER])
    person.account_type = AccountType.FAMILY
    person.save(update_fields=["account_type"])
    return person


def test_a_parent_finds_the_family_programs_group_and_asks_to_join(people, signed_in, make_program):
    program = make_program(Program.Kind.FAMILY, name="Families in Recovery", staff=("morgan",))
    pat = _family_member()
    client = signed_in(pat)
    home = client.get("/").content.decode()
    assert "For family and friends" in home and "Families in Recovery" in home
    assert "/resources/?kind=family" in home
    membership = community.join_space(pat, program.space)
    assert membership.status == "requested"  # its peer leader lets people in
    community.admit(people.morgan, membership)
    assert client.get(f"/programs/{program.slug}/").status_code == 200


def test_people_in_recovery_neither_see_the_family_card_nor_find_the_family_group(
    people, signed_in, make_program
):
    program = make_program(Program.Kind.FAMILY, name="Families in Recovery", staff=("morgan",))
    river = signed_in(people.river)
    home = river.get("/").content.decode()
    assert "For family and friends" not in home
    assert "Families in Recovery" not in river.get("/groups/").content.decode()
    assert river.get(f"/groups/{program.space.slug}/").status_code == 404


def test_the_family_card_shows_the_family_programs_coming_events(people, signed_in, make_program):
    program = make_program(Program.Kind.FAMILY, name="Families in Recovery", staff=("jo",))
    starts = timezone.now() + timedelta(days=3)
    fields = EventFields(
        title="Parents' evening",
        description="Coffee and talk for parents.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        time_zone="America/Chicago",
        place="The community room, 1200 N Clark St",
        club=program.club,
    )
    events.create_event(people.jo, fields)
    home = signed_in(_family_member()).get("/").content.decode()
    assert "Parents&#x27; evening" in home or "Parents' evening" in home


def test_the_family_card_costs_a_fixed_number_of_queries(
    people, signed_in, make_program, django_assert_max_num_queries
):
    make_program(Program.Kind.FAMILY, name="Families in Recovery", staff=("jo",))
    client = signed_in(_family_member())
    client.get("/")
    with django_assert_max_num_queries(30) as counted:
        client.get("/")
    before = len(counted.captured_queries)
    make_program(Program.Kind.FAMILY, name="Partners", staff=("jo",))
    with django_assert_max_num_queries(before):
        assert "Partners" in client.get("/").content.decode()
