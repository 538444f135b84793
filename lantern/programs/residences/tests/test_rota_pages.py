"""The chore rota on its page: the leader starts and advances it, the new week's chores go to
the residents then in the house, the leader or the resident marks a chore done, and the page
shows who did what. A second click does not skip a week."""

from datetime import timedelta

import pytest
from django.urls import reverse

from lantern.core.errors import Refused
from lantern.programs import services as programs
from lantern.programs.residences.models import ChoreAssignment, Residency, RotaWeek
from lantern.programs.residences.services import chores, residents
from lantern.programs.residences.services.common import monday_of, today_at

from .helpers import move_in, with_chores


@pytest.fixture
def rota_house(house, people):
    programs.enrol(people.jo, house.program, "sam")
    move_in(people.jo, house, people.sam, "Room 2", "A", days_ago=10)
    with_chores(people.jo, house)
    return house


def _rota(house):
    return reverse("residences-rota", args=[house.program.slug, house.pk])


def test_the_leader_starts_and_advances_the_rota(people, rota_house, signed_in):
    house = rota_house
    jo = signed_in(people.jo)
    advance = reverse("residences-rota-advance", args=[house.program.slug, house.pk])
    assert "The rota has not started yet." in jo.get(_rota(house)).content.decode()
    jo.post(advance, {"week": ""})
    first = RotaWeek.objects.get(house=house)
    assert first.week_start == monday_of(today_at(house))
    assert set(first.assignments.values_list("person__handle", flat=True)) == {"river", "sam"}
    assert set(first.residents.values_list("handle", flat=True)) == {"river", "sam"}

    response = jo.post(advance, {"week": first.pk}, follow=True)
    second = RotaWeek.objects.filter(house=house).order_by("-week_start").first()
    assert second.week_start == first.week_start + timedelta(days=7)
    text = response.content.decode()
    assert f"Week of {second.week_start.day} " in text and "Who did what" in text
    # Each resident swaps chores: nobody does the same one two weeks running.
    before = dict(first.assignments.values_list("chore__name", "person__handle"))
    after = dict(second.assignments.values_list("chore__name", "person__handle"))
    assert before["Kitchen"] != after["Kitchen"] and before["Trash"] != after["Trash"]

    # A second click on the old page does not skip a week, and nothing goes beyond next week.
    response = jo.post(advance, {"week": first.pk}, follow=True)
    assert "The rota has already moved on" in response.content.decode()
    response = jo.post(advance, {"week": second.pk}, follow=True)
    assert "Next week&#x27;s rota is already out" in response.content.decode()
    assert RotaWeek.objects.filter(house=house).count() == 2


def test_a_resident_marks_their_chore_done_and_the_leader_sees_it(people, rota_house, signed_in):
    house = rota_house
    week = chores.advance_rota(people.jo, house, None)
    mine = week.assignments.get(person=people.river)
    river = signed_in(people.river)
    page = river.get(house.get_absolute_url()).content.decode()
    assert f"Mark done: {mine.chore.name}" in page
    response = river.post(reverse("residences-chore-done", args=[house.program.slug, mine.pk]))
    assert response["Location"] == house.get_absolute_url()
    mine.refresh_from_db()
    assert mine.done_at is not None and mine.done_by == people.river
    rota_page = signed_in(people.jo).get(_rota(house)).content.decode()
    assert f'Undo<span class="visually-hidden">: {mine.chore.name}' in rota_page
    river.post(reverse("residences-chore-undo", args=[house.program.slug, mine.pk]))
    mine.refresh_from_db()
    assert mine.done_at is None


def test_the_leader_marks_a_chore_done_for_a_resident(people, rota_house, signed_in):
    house = rota_house
    week = chores.advance_rota(people.jo, house, None)
    sams = week.assignments.get(person=people.sam)
    response = signed_in(people.jo).post(
        reverse("residences-chore-done", args=[house.program.slug, sams.pk])
    )
    assert response["Location"] == _rota(house)
    assert ChoreAssignment.objects.get(pk=sams.pk).done_by == people.jo


def test_someone_who_moved_out_gets_no_chores(people, rota_house):
    house = rota_house
    first = chores.advance_rota(people.jo, house, None)
    residency = Residency.objects.get(person=people.sam)
    residency.bed.room.house = house
    residents.move_out(people.jo, residency, today_at(house), "moved_on")
    second = chores.advance_rota(people.jo, house, first.pk)
    assert set(second.assignments.values_list("person__handle", flat=True)) == {"river"}
    # A chore taken off the rota stays in the history.
    kitchen = house.chores.get(name="Kitchen")
    chores.retire_chore(people.jo, kitchen)
    assert first.assignments.filter(chore=kitchen).exists()


def test_no_rota_without_chores_or_residents(people, house):
    with pytest.raises(Refused, match="Add the house's chores first"):
        chores.advance_rota(people.jo, house, None)
    with pytest.raises(Refused, match="Only the program's staff"):
        chores.advance_rota(people.river, house, None)


def test_adding_a_chore_twice_says_so(people, rota_house, signed_in):
    url = reverse("residences-chore-add", args=[rota_house.program.slug, rota_house.pk])
    response = signed_in(people.jo).post(url, {"name": "kitchen", "weight": 2})
    assert response.status_code == 400
    assert "The house already has this chore." in response.content.decode()
    response = signed_in(people.jo).post(url, {"name": "Laundry room", "weight": 9})
    assert response.status_code == 400
