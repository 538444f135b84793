"""The loaders: a record of one program is never reached through another's address, a closed
program is gone for everyone, and only a residence has houses."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from lantern.core.errors import NotFound
from lantern.programs import services as programs
from lantern.programs.models import Program
from lantern.programs.residences import access
from lantern.programs.residences.services import chores, meetings, residents
from lantern.programs.residences.services.common import today_at

from .helpers import bed, make_house, move_in, with_chores


@pytest.fixture
def elm(make_program, people):
    """Elm House, another residence kept by jo, where sam lives."""
    program = make_program(Program.Kind.RESIDENCE, name="Elm House", members=("sam",))
    house = make_house(program, people.jo, name="Elm Street")
    move_in(people.jo, house, people.sam)
    return house


def test_another_programs_records_are_not_found_through_this_address(people, house, elm):
    slug = house.program.slug
    with pytest.raises(NotFound):
        access.get_house_for(people.jo, slug, elm.pk)
    other = elm.rooms.first().beds.first()
    with pytest.raises(NotFound):
        access.get_bed_for(people.jo, slug, other.pk)
    with_chores(people.jo, elm)
    week = chores.advance_rota(people.jo, elm, None)
    with pytest.raises(NotFound):
        access.get_assignment_for(people.sam, slug, week.assignments.first().pk)
    with pytest.raises(NotFound):
        access.get_chore_for(people.jo, slug, elm.chores.first().pk)
    meeting = meetings.open_meeting(people.jo, elm, today_at(elm))
    with pytest.raises(NotFound):
        access.get_meeting_for(people.jo, slug, house.pk, meeting.pk)
    entry = residents.add_to_waiting_list(
        people.jo, elm.program, note="x", asked_on=today_at(elm)
    ).obj
    with pytest.raises(NotFound):
        access.get_waiting_entry_for(people.jo, slug, entry.pk)


def test_a_meeting_of_another_house_of_the_same_program_is_not_found(people, house):
    south = make_house(house.program, people.jo, name="South House", rooms=(("Up", "A"),))
    meeting = meetings.open_meeting(people.jo, south, today_at(south))
    with pytest.raises(NotFound):
        access.get_meeting_for(people.jo, house.program.slug, house.pk, meeting.pk)


def test_a_closed_program_is_gone_for_staff_and_residents(people, house, signed_in):
    programs.close_program(people.alex, house.program)
    for person in (people.jo, people.river):
        assert signed_in(person).get(house.get_absolute_url()).status_code == 404


def test_residents_of_one_program_see_nothing_of_another(people, house, elm, signed_in):
    sam = signed_in(people.sam)
    assert sam.get(elm.get_absolute_url()).status_code == 200
    assert sam.get(house.get_absolute_url()).status_code == 404
    river = signed_in(people.river)
    assert river.get(elm.get_absolute_url()).status_code == 404


def test_open_residency_is_none_for_visitors_and_people_who_left(people, house):
    assert access.open_residency(AnonymousUser(), house.program) is None
    assert access.open_residency(people.river, house.program).bed == bed(house)
    assert access.open_residency(people.sam, house.program) is None


def test_the_rules_accept_address_is_only_for_residents(people, house, signed_in):
    url = reverse("residences-rules-accept", args=[house.program.slug, 1])
    # No rules published yet: nothing to accept, even for a resident.
    assert signed_in(people.river).post(url).status_code == 404
    assert signed_in(people.jo).post(url).status_code == 404
