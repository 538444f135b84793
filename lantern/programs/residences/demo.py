"""Demo residences (`manage.py demo`, after programs' seed): Maple House, kept by jo, gets two
houses with rooms and beds; river and nightowl live in North House; the house rules are at
version 2 (river accepted version 1 only, so river is asked again); North House meets on Sunday
evenings, with four weeks of attendance; it has chores and three weeks of rota. Safe to run
again: a Maple House that already has houses is left as it is."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from lantern.accounts.models import User
from lantern.core import site
from lantern.programs.models import Program

from .models import RulesAcknowledgement
from .services import chores, houses, log, meetings, residents, rules
from .services.common import monday_of

RULES_V1 = """1. No alcohol or drugs in the house or on the property.
2. Be at the house meeting on Sunday evening, or tell the house leader beforehand.
3. Do your chores for the week.
4. Quiet hours from 11 PM to 7 AM.
5. Guests in the shared rooms only, and out by 9 PM."""

RULES_V2 = (
    RULES_V1
    + """
6. Naloxone is in the kitchen and by the front door: know where it is, and never use alone.
7. Medication for recovery (buprenorphine, methadone, naltrexone) is welcome here: keep it in
   your locked box."""
)

LAYOUT = [
    # house, meets on (weekday, time), rooms with their beds
    ("North House", (6, time(19, 0)), [("Room 1", ["A", "B"]), ("Room 2", ["A", "B"])]),
    ("South House", (2, time(18, 30)), [("Upstairs", ["A", "B", "C"]), ("Downstairs", ["A"])]),
]
CHORES = [
    ("Kitchen", 3),
    ("Bathrooms", 3),
    ("Take out the trash", 1),
    ("Vacuum the living room", 2),
]


def seed() -> None:
    program = Program.objects.filter(name="Maple House", kind=Program.Kind.RESIDENCE).first()
    jo = User.objects.filter(handle="jo").first()
    if program is None or jo is None or program.houses.exists():
        return
    zone = site.time_zone_name()
    made = []
    for name, (weekday, at), rooms in LAYOUT:
        house = houses.create_house(
            jo, program, name=name, time_zone=zone, meeting_weekday=weekday, meeting_time=at
        )
        house.program = program
        for room_name, labels in rooms:
            room = houses.add_room(jo, house, room_name)
            room.house = house
            for label in labels:
                houses.add_bed(jo, room, label)
        made.append(house)
    north = made[0]
    today = houses.today_at(north)
    beds = list(houses.free_beds(program, north))
    people = {p.handle: p for p in User.objects.filter(handle__in=["river", "nightowl"])}
    for handle, bed, days in (("river", beds[0], 60), ("nightowl", beds[2], 40)):
        if handle in people:
            residents.move_in(jo, program, people[handle], bed, today - timedelta(days=days))

    first = rules.publish_rules(jo, program, RULES_V1).obj
    if "river" in people:
        RulesAcknowledgement.objects.create(
            version=first, person=people["river"], acknowledged_at=timezone.now() - timedelta(30)
        )
    second = rules.publish_rules(jo, program, RULES_V2).obj
    if "nightowl" in people:
        rules.accept_rules(people["nightowl"], second)

    # Four Sunday meetings: river was there each time but one (excused); nightowl missed one.
    last = meetings.last_scheduled_date(north, today)
    for n, date in enumerate(last - timedelta(weeks=w) for w in range(4)):
        meeting = meetings.open_meeting(jo, north, date)
        meeting.house = north
        marks = {}
        if "river" in people:
            marks[people["river"].pk] = "excused" if n == 2 else "present"
        if "nightowl" in people:
            marks[people["nightowl"].pk] = "absent" if n == 1 else "present"
        meetings.take_attendance(jo, meeting, marks)

    for name, weight in CHORES:
        chores.add_chore(jo, north, name, weight)
        chores.add_chore(jo, made[1], name, weight)
    this_monday = monday_of(today)
    for weeks_ago in (2, 1, 0):
        week = chores.make_week(jo, north, this_monday - timedelta(weeks=weeks_ago))
        if weeks_ago:  # the past weeks' chores were done
            for assignment in week.assignments.all():
                assignment.done_at = timezone.make_aware(
                    datetime.combine(week.week_start + timedelta(days=5), time(10, 0))
                )
                assignment.done_by = assignment.person
                assignment.save(update_fields=["done_at", "done_by"])

    log.write_entry(
        jo,
        north,
        day=today - timedelta(days=3),
        text="Smoke alarm in the kitchen replaced. Fire drill at the next house meeting.",
    )
    residents.add_to_waiting_list(
        jo,
        program,
        note="Referred by Northside Treatment Center; discharged at the end of the month. "
        "Calling back on Thursday.",
        asked_on=today - timedelta(days=9),
    )
