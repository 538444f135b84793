"""The rules the database keeps, whatever code writes to it: each constraint refuses the row that
would break it (the services say so in words first; these are the last line)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from lantern.programs.residences.models import (
    Attendance,
    Chore,
    ChoreAssignment,
    House,
    HouseMeeting,
    Residency,
    RotaWeek,
    RulesAcknowledgement,
    RulesVersion,
    WaitingEntry,
)
from lantern.programs.residences.services import chores, meetings, rules
from lantern.programs.residences.services.common import today_at

from .helpers import bed, with_chores


def _refused(**create):
    model, fields = create.pop("model"), create
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


def test_a_residency_cannot_end_before_it_began(people, house):
    today = today_at(house)
    _refused(
        model=Residency,
        person=people.sam,
        bed=bed(house, "Room 2", "A"),
        moved_in=today,
        moved_out=today - timedelta(days=1),
    )


def test_a_closed_residency_frees_the_bed_and_the_person_for_the_database(people, house):
    today = today_at(house)
    Residency.objects.filter(person=people.river).update(moved_out=today)
    Residency.objects.create(person=people.sam, bed=bed(house), moved_in=today)
    Residency.objects.create(person=people.river, bed=bed(house, "Room 2", "A"), moved_in=today)
    assert Residency.objects.open().count() == 2


def test_one_house_name_per_program_and_weekdays_from_monday_to_sunday(people, house):
    _refused(model=House, program=house.program, name="North House", time_zone="UTC")
    _refused(model=House, program=house.program, name="East", time_zone="UTC", meeting_weekday=7)


def test_one_meeting_a_day_and_one_mark_per_person(people, house):
    meeting = meetings.open_meeting(people.jo, house, today_at(house))
    _refused(model=HouseMeeting, house=house, date=meeting.date)
    Attendance.objects.create(meeting=meeting, person=people.river, status="present")
    _refused(model=Attendance, meeting=meeting, person=people.river, status="absent")


def test_one_acceptance_per_person_and_version_and_one_number_per_version(people, house):
    version = rules.publish_rules(people.jo, house.program, "Be kind.").obj
    rules.accept_rules(people.river, version)
    _refused(model=RulesAcknowledgement, version=version, person=people.river)
    _refused(model=RulesVersion, program=house.program, number=1, text="Other words")


def test_one_assignment_per_chore_and_week_and_one_week_per_start(people, house):
    kitchen, _trash = with_chores(people.jo, house)
    week = chores.advance_rota(people.jo, house, None)
    _refused(model=RotaWeek, house=house, week_start=week.week_start)
    _refused(model=ChoreAssignment, week=week, chore=kitchen, person=people.river)


def test_chore_loads_are_light_usual_or_heavy_and_names_unique_among_active(people, house):
    _refused(model=Chore, house=house, name="Garden", weight=4)
    kitchen = Chore.objects.create(house=house, name="Kitchen", weight=2)
    _refused(model=Chore, house=house, name="Kitchen", weight=1)
    kitchen.active = False
    kitchen.save()
    assert Chore.objects.create(house=house, name="Kitchen", weight=1).active


def test_one_open_waiting_place_per_person_and_one_offer_per_bed(people, house):
    program, today = house.program, today_at(house)
    WaitingEntry.objects.create(program=program, person=people.sam, asked_on=today, position=1)
    _refused(model=WaitingEntry, program=program, person=people.sam, asked_on=today, position=2)
    spare = bed(house, "Room 2", "A")
    WaitingEntry.objects.create(
        program=program, note="A", asked_on=today, position=3, status="offered", offered_bed=spare
    )
    _refused(
        model=WaitingEntry,
        program=program,
        note="B",
        asked_on=today,
        position=4,
        status="offered",
        offered_bed=spare,
    )
    # Note-only entries (no person) may be many.
    WaitingEntry.objects.create(program=program, note="C", asked_on=today, position=5)
    WaitingEntry.objects.create(program=program, note="D", asked_on=today, position=6)
