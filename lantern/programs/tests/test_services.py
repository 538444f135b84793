"""The rules the program services keep, whoever calls them (a page, a command, another app):
only administrators start and close programs and name staff; only a program's staff enrol and
end places; kinds' discharge hooks run with the discharge, all or nothing."""

import pytest

from lantern.community.models import Membership
from lantern.core.errors import Refused
from lantern.programs import registry, services
from lantern.programs.models import Program


@pytest.mark.parametrize("who", ["river", "jo", "casey", "morgan"])
def test_only_administrators_start_programs(people, who):
    with pytest.raises(Refused):
        services.create_program(getattr(people, who), name="A house", kind="residence")
    assert not Program.objects.exists()


def test_a_name_is_needed_and_has_a_limit(people):
    with pytest.raises(Refused) as refused:
        services.create_program(people.alex, name="   ", kind="residence")
    assert refused.value.field == "name"
    with pytest.raises(Refused) as refused:
        services.create_program(people.alex, name="x" * 81, kind="residence")
    assert refused.value.field == "name"
    with pytest.raises(Refused) as refused:
        services.create_program(people.alex, name="Long", kind="residence", description="y" * 2001)
    assert refused.value.field == "description"


def test_two_programs_with_alike_names_get_their_own_addresses(people):
    first = services.create_program(people.alex, name="Hope House", kind="residence").obj
    second = services.create_program(people.alex, name="Hope House!", kind="alumni").obj
    assert first.slug == "hope-house" and second.slug == "hope-house-2"
    assert first.space != second.space and first.club != second.club


def test_only_administrators_name_or_remove_staff(people, residence):
    with pytest.raises(Refused):
        services.add_staff(people.jo, residence, "casey")
    with pytest.raises(Refused):
        services.remove_staff(people.jo, residence, "jo")
    with pytest.raises(Refused):
        services.close_program(people.jo, residence)
    assert services.staff_of(residence) == [people.jo]


def test_only_staff_enrol_and_end_places(people, residence):
    with pytest.raises(Refused):
        services.enrol(people.river, residence, "sam")
    with pytest.raises(Refused):
        services.enrol_person(people.casey, residence, people.sam)
    with pytest.raises(Refused):
        services.discharge(people.sam, residence, people.river)
    with pytest.raises(Refused):
        services.people_of(people.river, residence)
    assert Membership.objects.filter(space=residence.space, person=people.river).exists()


def test_enrolling_twice_changes_nothing(people, residence):
    services.enrol(people.jo, residence, "river")
    assert Membership.objects.filter(space=residence.space, person=people.river).count() == 1


def test_a_discharge_hook_runs_with_the_discharge_and_a_refusal_undoes_both(people, residence):
    ended = []

    def hook(actor, program, person):
        ended.append((actor.handle, program.name, person.handle))
        if person.handle == "sam":
            raise Refused("sam still holds a key to the house.")

    registry.on_discharge("test.keys", [Program.Kind.RESIDENCE], hook)
    try:
        services.discharge(people.jo, residence, people.river)
        assert ended == [("jo", "Maple House", "river")]
        assert not Membership.objects.filter(space=residence.space, person=people.river).exists()
        services.enrol(people.jo, residence, "sam")
        with pytest.raises(Refused):
            services.discharge(people.jo, residence, people.sam)
        # The hook refused: sam's place is still there.
        assert Membership.objects.filter(space=residence.space, person=people.sam).exists()
    finally:
        registry._discharge.pop("test.keys")


def test_a_hook_for_another_kind_does_not_run(people, residence):
    ran = []
    registry.on_discharge("test.other", [Program.Kind.ALUMNI], lambda *a: ran.append(a))
    try:
        services.discharge(people.jo, residence, people.river)
    finally:
        registry._discharge.pop("test.other")
    assert ran == []


def test_programs_of_lists_running_programs_once(people, make_program):
    kept = make_program(name="Kept", staff=("jo",), members=("river",))
    make_program(name="Elsewhere", staff=("casey",))
    closed = make_program(name="Closed", staff=("jo",), members=("river",))
    services.close_program(people.alex, closed)
    assert services.programs_of(people.river) == [kept]
    assert services.programs_of(people.jo) == [kept]  # staff belong, once
    assert [p.name for p in services.staffed_programs(people.jo)] == ["Kept"]
    assert {p.name for p in services.staffed_programs(people.alex)} == {"Kept", "Elsewhere"}


def test_a_family_programs_group_is_for_family_and_found_on_request(people):
    program = services.create_program(people.alex, name="Loved ones", kind="family").obj
    assert program.space.kind == "request" and program.space.audience == "family"
    residence = services.create_program(people.alex, name="A house", kind="residence").obj
    assert residence.space.kind == "private" and residence.space.audience == "recovery"


def test_shown_suppresses_counts_only():
    assert services.shown(0) == "0"
    assert services.shown(3) == "<11"
    assert services.shown(11) == "11"
    assert services.shown("62%") == "62%"
    assert services.shown(True) is True  # a yes/no column is not a count
