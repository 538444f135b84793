"""Moving in and out, beds and the waiting list. Moving in enrols; moving out discharges; one
person, one open residency; one bed, one resident (the database keeps both)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from lantern.core.access import forget
from lantern.core.errors import Refused
from lantern.core.models import Notification
from lantern.programs import access as programs_access
from lantern.programs.residences.models import Residency, WaitingEntry
from lantern.programs.residences.services import houses, residents

from .helpers import bed, make_house, move_in


def _today(house):
    return houses.today_at(house)


def test_moving_in_enrols_and_moving_out_discharges(people, house, signed_in):
    program = house.program
    assert not programs_access.is_program_member(people.sam, program)
    jo = signed_in(people.jo)
    response = jo.post(
        reverse("residences-move-in", args=[program.slug, house.pk]),
        {
            "handle": "sam",
            "bed": bed(house, "Room 2", "A").pk,
            "moved_in": _today(house).isoformat(),
            "planned_move_out": (_today(house) + timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    forget(people.sam)
    assert programs_access.is_program_member(people.sam, program)
    residency = Residency.objects.get(person=people.sam)
    page = jo.get(house.get_absolute_url()).content.decode()
    assert "sam" in page and "(planned)" in page
    response = jo.post(
        reverse("residences-move-out", args=[program.slug, residency.pk]),
        {"moved_out": _today(house).isoformat(), "reason": "completed"},
    )
    assert response.status_code == 302
    residency.refresh_from_db()
    assert residency.moved_out == _today(house) and residency.leaving_reason == "completed"
    forget(people.sam)
    assert not programs_access.is_program_member(people.sam, program)


def test_one_open_residency_per_person_and_one_resident_per_bed(people, house):
    program = house.program
    with pytest.raises(Refused, match="already lives in a residence"):
        residents.move_in(
            people.jo, program, people.river, bed(house, "Room 2", "A"), _today(house)
        )
    with pytest.raises(Refused, match="Someone already lives in this bed"):
        residents.move_in(people.jo, program, people.sam, bed(house), _today(house))
    # The database keeps both rules even if a check is skipped.
    with pytest.raises(IntegrityError), transaction.atomic():
        Residency.objects.create(person=people.sam, bed=bed(house), moved_in=_today(house))
    with pytest.raises(IntegrityError), transaction.atomic():
        Residency.objects.create(
            person=people.river, bed=bed(house, "Room 2", "B"), moved_in=_today(house)
        )


def test_a_bed_out_of_service_takes_nobody_in(people, house, signed_in):
    spare = bed(house, "Room 2", "B")
    houses.take_bed_out_of_service(people.jo, spare)
    with pytest.raises(Refused, match="out of service"):
        residents.move_in(people.jo, house.program, people.sam, spare, _today(house))
    with pytest.raises(Refused, match="Someone lives in this bed"):
        houses.take_bed_out_of_service(people.jo, bed(house))
    occupancy = {h.pk: h for h in houses.houses_with_occupancy(house.program)}[house.pk]
    assert (occupancy.beds_count, occupancy.taken, occupancy.free) == (3, 1, 2)
    assert occupancy.out_of_service == 1
    signed_in(people.jo).post(
        reverse("residences-bed-service", args=[house.program.slug, spare.pk]), {"in_service": "1"}
    )
    spare.refresh_from_db()
    assert spare.in_service and spare.out_of_service_since is None


def test_move_in_dates_make_sense(people, house):
    program = house.program
    with pytest.raises(Refused, match="cannot be in the future"):
        residents.move_in(
            people.jo, program, people.sam, bed(house, "Room 2", "A"), _today(house) + timedelta(1)
        )
    residency = Residency.objects.get(person=people.river)
    residents.move_out(people.jo, residency, _today(house), "moved_on")
    with pytest.raises(Refused, match="Someone lived in this bed until"):
        residents.move_in(people.jo, program, people.sam, bed(house), _today(house) - timedelta(3))
    with pytest.raises(Refused, match="They have already moved out"):
        residents.move_out(people.jo, residency, _today(house), "moved_on")


def test_a_person_moving_between_houses_stays_enrolled(people, house):
    south = make_house(house.program, people.jo, name="South House", rooms=(("Up", "A"),))
    residency = Residency.objects.get(person=people.river)
    residents.move_out(people.jo, residency, _today(house), "other")
    move_in(people.jo, south, people.river, "Up", "A", days_ago=0)
    forget(people.river)
    assert programs_access.is_program_member(people.river, house.program)


def test_the_waiting_list_offers_a_bed_and_moves_the_person_in(people, house, signed_in):
    program = house.program
    jo = signed_in(people.jo)
    url = reverse("residences-waiting", args=[program.slug])
    today = _today(house).isoformat()
    assert jo.post(url, {"handle": "sam", "asked_on": today}).status_code == 302
    assert (
        jo.post(url, {"note": "Maria, referred by Northside", "asked_on": today}).status_code == 302
    )
    first, second = residents.waiting_list(program)
    assert (first.place, first.person, second.place, second.person) == (1, people.sam, 2, None)
    assert second.note == "Maria, referred by Northside"
    page = jo.get(url).content.decode()
    assert "Maria, referred by Northside" in page and "Not on Lantern" in page

    spare = bed(house, "Room 2", "A")
    response = jo.post(
        reverse("residences-offer", args=[program.slug, first.pk]), {f"e{first.pk}-bed": spare.pk}
    )
    assert response.status_code == 302
    told = Notification.objects.get(recipient=people.sam, kind="residences.bed_offered")
    assert told.params == {"program": program.name, "house": "North House"}
    # The offered bed is no longer free for anyone else.
    assert spare not in list(houses.free_beds(program))

    response = jo.post(
        reverse("residences-waiting-move-in", args=[program.slug, first.pk]),
        {f"m{first.pk}-moved_in": today},
    )
    assert response.status_code == 302
    assert Residency.objects.open().get(person=people.sam).bed == spare
    assert WaitingEntry.objects.get(pk=first.pk).status == "moved_in"
    assert [e.pk for e in residents.waiting_list(program)] == [second.pk]


def test_a_note_only_entry_needs_a_handle_when_offered(people, house, signed_in):
    program = house.program
    entry = residents.add_to_waiting_list(
        people.jo, program, note="Calls on Tuesdays", asked_on=_today(house)
    ).obj
    jo = signed_in(people.jo)
    spare = bed(house, "Room 2", "A")
    url = reverse("residences-offer", args=[program.slug, entry.pk])
    response = jo.post(url, {f"e{entry.pk}-bed": spare.pk})
    assert response.status_code == 400
    assert "Give the handle of the person you offer the bed to." in response.content.decode()
    response = jo.post(url, {f"e{entry.pk}-bed": spare.pk, f"e{entry.pk}-handle": "sam"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.person == people.sam and entry.status == "offered"


def test_waiting_list_refusals(people, house):
    program = house.program
    with pytest.raises(Refused, match="Give a handle, or a note"):
        residents.add_to_waiting_list(people.jo, program, asked_on=_today(house))
    with pytest.raises(Refused, match="already lives here"):
        residents.add_to_waiting_list(people.jo, program, handle="river", asked_on=_today(house))
    residents.add_to_waiting_list(people.jo, program, handle="sam", asked_on=_today(house))
    with pytest.raises(Refused, match="already waiting"):
        residents.add_to_waiting_list(people.jo, program, handle="sam", asked_on=_today(house))
    with pytest.raises(Refused, match="Only the program's staff"):
        residents.add_to_waiting_list(people.river, program, handle="sam", asked_on=_today(house))


def test_taking_someone_off_the_list_keeps_the_record(people, house, signed_in):
    program = house.program
    entry = residents.add_to_waiting_list(
        people.jo, program, handle="sam", asked_on=_today(house)
    ).obj
    signed_in(people.jo).post(reverse("residences-waiting-remove", args=[program.slug, entry.pk]))
    entry.refresh_from_db()
    assert entry.status == "removed" and residents.waiting_list(program) == []
