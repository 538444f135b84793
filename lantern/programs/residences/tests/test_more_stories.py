"""More of a house's weeks: chores taken off the rota, a chore marked twice, rules that are too
long or carry hidden characters, someone coming back to the residence later, and what leaves
with a person and what goes when they erase their account."""

from datetime import timedelta

import pytest
from django.urls import reverse

from lantern.accounts.services import erase_account, export_data
from lantern.core.access import forget
from lantern.core.errors import Refused
from lantern.core.models import AuditEvent, Notification
from lantern.programs import access as programs_access
from lantern.programs import services as programs
from lantern.programs.residences import rota
from lantern.programs.residences.models import ChoreAssignment, Residency, WaitingEntry
from lantern.programs.residences.services import chores, houses, residents, rules
from lantern.programs.residences.services.common import today_at

from .helpers import bed, move_in, with_chores


def test_a_chore_taken_off_the_rota_is_not_given_next_week(people, house, signed_in):
    kitchen, _trash = with_chores(people.jo, house)
    first = chores.advance_rota(people.jo, house, None)
    jo = signed_in(people.jo)
    jo.post(reverse("residences-chore-retire", args=[house.program.slug, kitchen.pk]))
    kitchen.refresh_from_db()
    assert not kitchen.active
    second = chores.advance_rota(people.jo, house, first.pk)
    assert list(second.assignments.values_list("chore__name", flat=True)) == ["Trash"]
    page = jo.get(reverse("residences-rota", args=[house.program.slug, house.pk])).content
    assert "Take “Kitchen” off the rota" not in page.decode()
    assert "Kitchen: river" in page.decode()  # still in who did what


def test_marking_done_twice_keeps_the_first_time_and_who(people, house):
    with_chores(people.jo, house)
    week = chores.advance_rota(people.jo, house, None)
    mine = week.assignments.select_related("week__house").first()
    mine.week.house.program = house.program
    chores.mark_done(people.river, mine)
    first_time = ChoreAssignment.objects.get(pk=mine.pk).done_at
    chores.mark_done(people.jo, mine)
    again = ChoreAssignment.objects.get(pk=mine.pk)
    assert again.done_at == first_time and again.done_by == people.river
    chores.mark_not_done(people.jo, mine)
    assert ChoreAssignment.objects.get(pk=mine.pk).done_at is None


def test_someone_who_moved_out_cannot_mark_last_weeks_chore(people, house, signed_in):
    with_chores(people.jo, house)
    week = chores.advance_rota(people.jo, house, None)
    mine = week.assignments.first()
    residency = Residency.objects.get(person=people.river)
    residency.bed.room.house = house
    residents.move_out(people.jo, residency, today_at(house), "moved_on")
    response = signed_in(people.river).post(
        reverse("residences-chore-done", args=[house.program.slug, mine.pk])
    )
    assert response.status_code == 404


def test_a_house_has_at_most_so_many_chores(people, house):
    for n in range(rota.MAX_CHORES):
        chores.add_chore(people.jo, house, f"Chore {n}", 1)
    with pytest.raises(Refused, match="at most 30 chores"):
        chores.add_chore(people.jo, house, "One more", 1)


def test_rules_too_long_or_with_hidden_characters_are_refused(people, house):
    with pytest.raises(Refused, match="at most 10000 characters"):
        rules.publish_rules(people.jo, house.program, "x" * 10001)
    with pytest.raises(Refused, match="characters that cannot be saved"):
        rules.publish_rules(people.jo, house.program, "Be kind.\x00")
    assert rules.current_rules(house.program) is None


def test_publishing_rules_is_audited_and_accepting_them_too(people, house):
    version = rules.publish_rules(people.jo, house.program, "Be kind.").obj
    rules.accept_rules(people.river, version)
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "residences.rules_publish" in actions and "residences.rules_accept" in actions


def test_a_member_who_is_not_a_resident_has_no_rules_to_accept(people, house):
    rules.publish_rules(people.jo, house.program, "Be kind.")
    programs.enrol(people.jo, house.program, "sam")
    assert rules.rules_to_accept(people.sam, house.program) is None


def test_someone_can_come_back_later_and_keeps_their_history(people, house):
    program = house.program
    residency = Residency.objects.get(person=people.river)
    moved_in = residency.moved_in
    residents.move_out(people.jo, residency, moved_in + timedelta(days=10), "moved_on")
    forget(people.river)
    assert not programs_access.is_program_member(people.river, program)
    with pytest.raises(Refused, match="moved out on"):
        residents.move_in(people.jo, program, people.river, bed(house, "Room 2", "A"), moved_in)
    move_in(people.jo, house, people.river, "Room 2", "A", days_ago=5)
    forget(people.river)
    assert programs_access.is_program_member(people.river, program)
    stays = list(Residency.objects.filter(person=people.river).order_by("moved_in"))
    assert [s.is_open for s in stays] == [False, True]
    assert len(export_data(people.river)["residences"]["residencies"]) == 2


def test_the_export_lists_waiting_places_and_erasure_frees_an_offered_bed(people, house):
    program = house.program
    entry = residents.add_to_waiting_list(
        people.jo, program, handle="sam", asked_on=today_at(house)
    ).obj
    entry.program = program
    spare = bed(house, "Room 2", "A")
    residents.offer_bed(people.jo, entry, spare)
    section = export_data(people.sam)["residences"]
    assert section["waiting_list"] == [
        {"program": "Maple House", "asked_on": today_at(house).isoformat(), "status": "offered"}
    ]
    erase_account(people.sam)
    assert not WaitingEntry.objects.exists()
    assert not Notification.objects.filter(kind="residences.bed_offered").exists()
    assert spare in list(houses.free_beds(program))
