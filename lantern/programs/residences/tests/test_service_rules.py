"""Every service checks access itself (a view's check is not trusted): what the program's staff
do is refused to a resident and to someone outside the program, with the same words."""

import re

import pytest

from lantern.core.errors import Refused
from lantern.programs.residences.models import Residency
from lantern.programs.residences.services import chores, houses, log, meetings, residents, rules
from lantern.programs.residences.services.common import today_at

from .helpers import bed

STAFF_ACTIONS = {
    "create_house": lambda who, h: houses.create_house(
        who, h.program, name="East", time_zone="America/Chicago"
    ),
    "update_house": lambda who, h: houses.update_house(
        who, h, name="North", time_zone="America/Chicago"
    ),
    "add_room": lambda who, h: houses.add_room(who, h, "Attic"),
    "add_bed": lambda who, h: houses.add_bed(who, bed(h).room, "C"),
    "take_bed_out": lambda who, h: houses.take_bed_out_of_service(who, bed(h, "Room 2", "B")),
    "bed_back": lambda who, h: houses.return_bed_to_service(who, bed(h, "Room 2", "B")),
    "move_in": lambda who, h: residents.move_in(
        who, h.program, who, bed(h, "Room 2", "A"), today_at(h)
    ),
    "move_out": lambda who, h: residents.move_out(
        who,
        Residency.objects.select_related("bed__room__house__program").get(),
        today_at(h),
        "other",
    ),
    "waiting": lambda who, h: residents.add_to_waiting_list(
        who, h.program, note="x", asked_on=today_at(h)
    ),
    "publish_rules": lambda who, h: rules.publish_rules(who, h.program, "Be kind."),
    "open_meeting": lambda who, h: meetings.open_meeting(who, h, today_at(h)),
    "add_chore": lambda who, h: chores.add_chore(who, h, "Kitchen", 2),
    "advance_rota": lambda who, h: chores.advance_rota(who, h, None),
    "write_log": lambda who, h: log.write_entry(who, h, day=today_at(h), text="x"),
    "read_log": lambda who, h: log.read_entries(who, h),
    "acceptance_table": lambda who, h: rules.acceptance_table(who, h.program),
}


@pytest.mark.parametrize("action", sorted(STAFF_ACTIONS))
@pytest.mark.parametrize("who", ["river", "sam", "casey", "morgan"])
def test_staff_actions_are_refused_to_everyone_else(people, house, action, who):
    with pytest.raises(Refused, match=re.escape("Only the program's staff can do this.")):
        STAFF_ACTIONS[action](getattr(people, who), house)


def test_an_administrator_keeps_every_program(people, house):
    houses.add_room(people.alex, house, "Attic")
    rules.publish_rules(people.alex, house.program, "Be kind.")
    assert house.rooms.filter(name="Attic").exists()
