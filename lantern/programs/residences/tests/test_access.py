"""Who sees what: a resident sees only their own house page (never another house, another
resident's records, the staff pages or the log); other members of the program are told nothing
exists; the program's staff see everything; the matrix rows also checked on their own."""

import pytest
from django.test import Client
from django.urls import reverse

from lantern.conftest import log_in
from lantern.core.tests.test_access_matrix import _check
from lantern.programs import services as programs
from lantern.programs.residences.models import Residency
from lantern.programs.residences.services import chores, meetings, residents, rules
from lantern.programs.residences.tests import matrix

from .helpers import make_house, move_in


def test_the_matrix_rows_of_residences(people):
    made = matrix.records(people)
    clients = {"anon": Client(), **{p.handle: log_in(Client(), p) for p in people}}
    failures = []
    for name, (method, kwargs, answers) in matrix.MATRIX.items():
        url = reverse(name, kwargs={k: made.get(v, v) for k, v in kwargs.items()})
        for who, expected in answers.items():
            ok, got = _check(clients[who], method, url, expected)
            if not ok:
                failures.append(f"{name} as {who}: expected {expected}, got {got}")
    assert failures == []


@pytest.fixture
def south(house, people):
    return make_house(house.program, people.jo, name="South House", rooms=(("Upstairs", "A"),))


def test_a_resident_sees_their_house_but_not_another(people, house, south, signed_in):
    river = signed_in(people.river)
    slug = house.program.slug
    assert river.get(reverse("residences-house", args=[slug, house.pk])).status_code == 200
    assert river.get(reverse("residences-house", args=[slug, south.pk])).status_code == 404


def test_a_member_who_is_not_a_resident_is_told_nothing_exists(people, house, signed_in):
    programs.enrol(people.jo, house.program, "sam")
    sam = signed_in(people.sam)
    slug = house.program.slug
    assert sam.get(house.program.get_absolute_url()).status_code == 200  # the program: yes
    for url in [
        reverse("residences-house", args=[slug, house.pk]),
        reverse("residences-houses", args=[slug]),
        reverse("residences-log", args=[slug, house.pk]),
        reverse("residences-rota", args=[slug, house.pk]),
        reverse("residences-waiting", args=[slug]),
    ]:
        assert sam.get(url).status_code == 404, url


def test_a_resident_never_reaches_staff_pages_nor_the_log(people, house, signed_in):
    river = signed_in(people.river)
    slug = house.program.slug
    for url in [
        reverse("residences-houses", args=[slug]),
        reverse("residences-log", args=[slug, house.pk]),
        reverse("residences-meetings", args=[slug, house.pk]),
        reverse("residences-rota", args=[slug, house.pk]),
        reverse("residences-residents", args=[slug]),
        reverse("residences-rules", args=[slug]),
    ]:
        assert river.get(url).status_code == 404, url


def test_residents_see_their_own_attendance_and_chores_only(people, house, signed_in):
    programs.enrol(people.jo, house.program, "sam")
    move_in(people.jo, house, people.sam, "Room 2", "A")
    meeting = meetings.open_meeting(people.jo, house, meetings.last_scheduled_date(house))
    meeting.house = house
    meetings.take_attendance(
        people.jo, meeting, {people.river.pk: "present", people.sam.pk: "absent"}
    )
    chores.add_chore(people.jo, house, "Kitchen", 3)
    chores.add_chore(people.jo, house, "Trash", 1)
    week = chores.advance_rota(people.jo, house, None)
    sams = week.assignments.get(person=people.sam)
    text = signed_in(people.river).get(house.get_absolute_url()).content.decode()
    assert "Present" in text and "Absent" not in text
    assert "sam" not in text
    assert sams.chore.name not in text
    # Nor can river mark sam's chore.
    response = signed_in(people.river).post(
        reverse("residences-chore-done", args=[house.program.slug, sams.pk])
    )
    assert response.status_code == 404


def test_the_panel_tells_staff_the_occupancy_and_a_resident_their_bed(people, house, signed_in):
    rules.publish_rules(people.jo, house.program, "Be kind.")
    staff_page = signed_in(people.jo).get(house.program.get_absolute_url()).content.decode()
    assert "1 bed taken, 3 free" in staff_page
    mine = signed_in(people.river).get(house.program.get_absolute_url()).content.decode()
    assert "You live at North House: Room 1, bed A." in mine
    assert "The house rules have changed: please read them." in mine
    assert "bed taken" not in mine


def test_a_discharged_resident_loses_the_house_page(people, house, signed_in):
    residency = Residency.objects.get(person=people.river)
    residency.bed.room.house = house
    residents.move_out(people.jo, residency, residency.moved_in, "moved_on")
    assert signed_in(people.river).get(house.get_absolute_url()).status_code == 404
