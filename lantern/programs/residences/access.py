"""Who may do what in a recovery residence, and the loaders every page uses.

The program's staff (its peer leaders: the house leaders) keep the houses, the beds, the waiting
list, the rules, the meetings, the rota and the house log. A resident sees their own house page
(their bed, the rules to accept, their chores, the next house meeting, their own attendance) and
marks their own chores done; nothing about other residents, and never the log. Anyone else,
other members of the program included, is told the record does not exist (404).
"""

from lantern.core.errors import NotFound
from lantern.programs import access as programs_access
from lantern.programs.models import Program

from .models import Bed, Chore, ChoreAssignment, House, HouseMeeting, Residency, WaitingEntry


def is_staff(user, program: Program) -> bool:
    return programs_access.is_program_staff(user, program)


def open_residency(user, program: Program) -> Residency | None:
    """The person's residency in one of the program's houses, if they live there now."""
    if not user.is_authenticated:
        return None
    return (
        Residency.objects.open()
        .in_program(program)
        .filter(person=user)
        .select_related("bed__room__house")
        .first()
    )


def is_resident_of(user, house: House) -> bool:
    return (
        user.is_authenticated
        and Residency.objects.open().in_house(house).filter(person=user).exists()
    )


def can_mark_chore(user, assignment: ChoreAssignment, program: Program) -> bool:
    """The house leader, or the resident the chore is theirs."""
    return is_staff(user, program) or (
        assignment.person_id == user.pk and is_resident_of(user, assignment.week.house)
    )


def get_residence_for(user, slug: str) -> Program:
    """A residence program the person belongs to or keeps."""
    program = programs_access.get_program_for(user, slug)
    if program.kind != Program.Kind.RESIDENCE:
        raise NotFound
    return program


def get_staffed_residence_for(user, slug: str) -> Program:
    program = get_residence_for(user, slug)
    if not is_staff(user, program):
        raise NotFound
    return program


def _house_of(program: Program, pk: int) -> House:
    house = House.objects.filter(program=program, pk=pk).first()
    if house is None:
        raise NotFound
    house.program = program
    return house


def get_house_for(user, slug: str, pk: int) -> House:
    """A house its staff keep, or where the person lives now."""
    program = get_residence_for(user, slug)
    house = _house_of(program, pk)
    if not (is_staff(user, program) or is_resident_of(user, house)):
        raise NotFound
    return house


def get_staffed_house_for(user, slug: str, pk: int) -> House:
    program = get_staffed_residence_for(user, slug)
    return _house_of(program, pk)


def get_residency_for(user, slug: str, pk: int) -> Residency:
    """A residency, for the program's staff."""
    program = get_staffed_residence_for(user, slug)
    residency = (
        Residency.objects.in_program(program)
        .filter(pk=pk)
        .select_related("person", "bed__room__house")
        .first()
    )
    if residency is None:
        raise NotFound
    residency.bed.room.house.program = program
    return residency


def get_meeting_for(user, slug: str, house_pk: int, pk: int) -> HouseMeeting:
    house = get_staffed_house_for(user, slug, house_pk)
    meeting = HouseMeeting.objects.filter(house=house, pk=pk).first()
    if meeting is None:
        raise NotFound
    meeting.house = house
    return meeting


def get_waiting_entry_for(user, slug: str, pk: int) -> WaitingEntry:
    program = get_staffed_residence_for(user, slug)
    entry = WaitingEntry.objects.filter(program=program, pk=pk).select_related("person").first()
    if entry is None:
        raise NotFound
    entry.program = program
    return entry


def get_assignment_for(user, slug: str, pk: int) -> ChoreAssignment:
    """A chore on the rota, for the house leader or the resident it is given to."""
    program = get_residence_for(user, slug)
    assignment = (
        ChoreAssignment.objects.filter(pk=pk, week__house__program=program)
        .select_related("week__house", "chore", "person")
        .first()
    )
    if assignment is None or not can_mark_chore(user, assignment, program):
        raise NotFound
    assignment.week.house.program = program
    return assignment


def get_bed_for(user, slug: str, pk: int):
    program = get_staffed_residence_for(user, slug)
    bed = (
        Bed.objects.filter(pk=pk, room__house__program=program)
        .select_related("room__house")
        .first()
    )
    if bed is None:
        raise NotFound
    bed.room.house.program = program
    return bed


def get_chore_for(user, slug: str, pk: int):
    program = get_staffed_residence_for(user, slug)
    chore = Chore.objects.filter(pk=pk, house__program=program).select_related("house").first()
    if chore is None:
        raise NotFound
    chore.house.program = program
    return chore
