"""Building a residence for tests: Maple House's North House with two rooms of two beds, kept by
jo, where river lives (and, when asked, sam too)."""

from datetime import timedelta

from django.utils import timezone

from lantern.programs.models import Program
from lantern.programs.residences.models import Bed
from lantern.programs.residences.services import chores, houses, residents


def make_house(
    program: Program, jo, *, name="North House", rooms=(("Room 1", "AB"), ("Room 2", "AB"))
):
    house = houses.create_house(
        jo,
        program,
        name=name,
        time_zone="America/Chicago",
        meeting_weekday=6,
        meeting_time=timezone.datetime(2000, 1, 1, 19, 0).time(),
    )
    house.program = program
    for room_name, labels in rooms:
        room = houses.add_room(jo, house, room_name)
        room.house = house
        for label in labels:
            houses.add_bed(jo, room, label)
    return house


def bed(house, room="Room 1", label="A") -> Bed:
    found = Bed.objects.select_related("room__house").get(
        room__house=house, room__name=room, label=label
    )
    found.room.house = house
    return found


def move_in(jo, house, person, room="Room 1", label="A", days_ago=30):
    today = houses.today_at(house)
    return residents.move_in(
        jo, house.program, person, bed(house, room, label), today - timedelta(days=days_ago)
    )


def with_chores(jo, house, names=(("Kitchen", 3), ("Trash", 1))):
    return [chores.add_chore(jo, house, name, weight) for name, weight in names]
