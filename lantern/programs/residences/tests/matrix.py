"""Residences in the access matrix. Cedar House is a residence kept by jo (and administrators, who
keep every program), where river lives in North House. Its staff pages are for jo and alex;
river reaches their own house page, accepts the rules and marks their own chore; sam, casey and
morgan (not in the program) are told nothing exists."""

from lantern.core.tests.matrix import only
from lantern.programs.residences.services import chores, log, meetings, residents, rules
from lantern.programs.residences.services.common import today_at
from lantern.programs.tests.matrix import residence

from .helpers import bed, make_house, move_in, with_chores

PROGRAM = "residences_program"
HOUSE = "residences_house"
RESIDENCY = "residences_residency"
SPARE_BED = "residences_spare_bed"
WAITING = "residences_waiting"
WAITING_LATER = "residences_waiting_later"
MEETING = "residences_meeting"
ASSIGNMENT = "residences_assignment"
CHORE = "residences_chore"

STAFF = only(200, "jo", "alex")
P = {"slug": PROGRAM}
H = {"slug": PROGRAM, "pk": HOUSE}

MATRIX = {
    "residences-houses": ("get", P, STAFF),
    "residences-house": ("get", H, only(200, "river", "jo", "alex")),
    "residences-house-edit": ("get", H, STAFF),
    "residences-beds": ("get", H, STAFF),
    "residences-move-in": ("get", H, STAFF),
    "residences-residents": ("get", P, STAFF),
    "residences-residency": ("get", {"slug": PROGRAM, "pk": RESIDENCY}, STAFF),
    "residences-waiting": ("get", P, STAFF),
    "residences-rules": ("get", P, STAFF),
    "residences-meetings": ("get", H, STAFF),
    "residences-meeting": ("get", {**H, "meeting": MEETING}, STAFF),
    "residences-rota": ("get", H, STAFF),
    "residences-log": ("get", H, STAFF),
    # Empty forms: the page again, with what to fix.
    "residences-bed-add": ("post", H, only(400, "jo", "alex")),
    "residences-move-out": ("post", {"slug": PROGRAM, "pk": RESIDENCY}, only(400, "jo", "alex")),
    "residences-offer": ("post", {"slug": PROGRAM, "pk": WAITING}, only(400, "jo", "alex")),
    "residences-waiting-move-in": (
        "post",
        {"slug": PROGRAM, "pk": WAITING},
        only(400, "jo", "alex"),
    ),
    "residences-chore-add": ("post", H, only(400, "jo", "alex")),
    # Changes records: last.
    "residences-rules-accept": ("post", {"slug": PROGRAM, "number": 1}, only(302, "river")),
    "residences-chore-done": (
        "post",
        {"slug": PROGRAM, "pk": ASSIGNMENT},
        only(302, "river", "jo", "alex"),
    ),
    "residences-chore-undo": (
        "post",
        {"slug": PROGRAM, "pk": ASSIGNMENT},
        only(302, "river", "jo", "alex"),
    ),
    "residences-rota-advance": ("post", H, only(302, "jo", "alex")),
    "residences-bed-service": ("post", {"slug": PROGRAM, "pk": SPARE_BED}, only(302, "jo", "alex")),
    "residences-chore-retire": ("post", {"slug": PROGRAM, "pk": CHORE}, only(302, "jo", "alex")),
    "residences-waiting-remove": (
        "post",
        {"slug": PROGRAM, "pk": WAITING_LATER},
        only(302, "jo", "alex"),
    ),
}


def records(people) -> dict:
    program = residence(people, name="Cedar House")
    jo = people.jo
    house = make_house(program, jo)
    residency = move_in(jo, house, people.river)
    rules.publish_rules(jo, program, "No alcohol or drugs in the house.")
    meeting = meetings.open_meeting(jo, house, meetings.last_scheduled_date(house))
    chore, _trash = with_chores(jo, house)
    week = chores.advance_rota(jo, house, None)
    (assignment, *_rest) = week.assignments.filter(person=people.river)
    log.write_entry(jo, house, day=residency.moved_in, text="Late back.", resident=people.river)
    today = today_at(house)
    waiting = residents.add_to_waiting_list(jo, program, note="Calls on Tuesdays", asked_on=today)
    later = residents.add_to_waiting_list(jo, program, note="A referral", asked_on=today)
    return {
        PROGRAM: program.slug,
        HOUSE: house.pk,
        RESIDENCY: residency.pk,
        SPARE_BED: bed(house, "Room 2", "B").pk,
        WAITING: waiting.obj.pk,
        WAITING_LATER: later.obj.pk,
        MEETING: meeting.pk,
        ASSIGNMENT: assignment.pk,
        CHORE: chore.pk,
    }
