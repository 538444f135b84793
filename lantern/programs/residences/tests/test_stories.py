"""More stories a house leader or a resident would notice: a resident's page over time, the
waiting list's order and offers, the rota through the months with people coming and going, a
house in another time zone, and the pages in Spanish."""

from collections import Counter
from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from lantern.accounts.models import User
from lantern.conftest import PASSWORD
from lantern.core.errors import Refused
from lantern.programs import services as programs
from lantern.programs.residences import panel
from lantern.programs.residences.models import ChoreAssignment, Residency, RotaWeek
from lantern.programs.residences.services import chores, houses, meetings, residents, rules
from lantern.programs.residences.services.common import monday_of, today_at

from .helpers import bed, move_in, with_chores


def test_the_staff_residency_page_tells_the_whole_stay(people, house, signed_in):
    rules.accept_rules(people.river, rules.publish_rules(people.jo, house.program, "Be kind.").obj)
    meeting = meetings.open_meeting(people.jo, house, meetings.last_scheduled_date(house))
    meeting.house = house
    meetings.take_attendance(people.jo, meeting, {people.river.pk: "excused"})
    with_chores(people.jo, house)
    chores.advance_rota(people.jo, house, None)
    residency = Residency.objects.get(person=people.river)
    jo = signed_in(people.jo)
    url = reverse("residences-residency", args=[house.program.slug, residency.pk])
    text = jo.get(url).content.decode()
    assert "version 1 on" in text and "Excused" in text
    assert "Week of" in text and "Kitchen" in text and "Trash" in text
    assert f"?about={people.river.pk}" in text
    planned = today_at(house) + timedelta(days=60)
    assert jo.post(url, {"planned_move_out": planned.isoformat()}).status_code == 302
    residency.refresh_from_db()
    assert residency.planned_move_out == planned
    response = jo.post(url, {"planned_move_out": residency.moved_in.isoformat()})
    assert response.status_code == 400
    assert "The planned move-out comes after the move-in date." in response.content.decode()


def test_the_staff_list_of_residents_keeps_those_who_left(people, house, signed_in):
    residency = Residency.objects.get(person=people.river)
    residents.move_out(people.jo, residency, today_at(house), "completed")
    move_in(people.jo, house, people.sam, "Room 2", "A", days_ago=0)
    text = (
        signed_in(people.jo)
        .get(reverse("residences-residents", args=[house.program.slug]))
        .content.decode()
    )
    assert text.index(">sam</a>") < text.index(">river</a>")  # those living there first
    assert "Lives here" in text


def test_the_panel_is_for_staff_and_residents_only(people, house, rf):
    programs.enrol(people.jo, house.program, "sam")
    request = rf.get("/")
    request.user = people.sam
    assert panel.context(request, house.program) is None
    request.user = people.river
    mine = panel.context(request, house.program)
    assert mine["house"] == house and mine["rules_to_accept"] is None
    request.user = people.jo
    staff = panel.context(request, house.program)
    assert (staff["taken"], staff["free"], staff["waiting"]) == (1, 3, 0)


def test_the_waiting_list_keeps_its_order_when_someone_leaves_it(people, house, signed_in):
    program = house.program
    for handle in ("lee", "kim", "pat"):
        User.objects.create_user(handle, PASSWORD)
        residents.add_to_waiting_list(people.jo, program, handle=handle, asked_on=today_at(house))
    kim = next(e for e in residents.waiting_list(program) if e.person.handle == "kim")
    residents.remove_from_waiting_list(people.jo, kim)
    assert [(e.place, e.person.handle) for e in residents.waiting_list(program)] == [
        (1, "lee"),
        (2, "pat"),
    ]
    text = signed_in(people.jo).get(reverse("residences-waiting", args=[program.slug]))
    assert "1. lee" in text.content.decode() and "2. pat" in text.content.decode()


def test_a_bed_offered_to_one_person_is_not_offered_nor_given_to_another(people, house):
    program = house.program
    for handle in ("lee", "kim"):
        User.objects.create_user(handle, PASSWORD)
        residents.add_to_waiting_list(people.jo, program, handle=handle, asked_on=today_at(house))
    lee, kim = residents.waiting_list(program)
    spare = bed(house, "Room 2", "A")
    residents.offer_bed(people.jo, lee, spare)
    with pytest.raises(Refused):
        residents.offer_bed(people.jo, kim, spare)
    with pytest.raises(Refused, match="offered to someone on the waiting list"):
        residents.move_in(people.jo, program, kim.person, spare, today_at(house))
    with pytest.raises(Refused, match="Offer them a bed first"):
        residents.move_in_from_waiting_list(people.jo, kim, today_at(house))
    # lee stops waiting: the bed is free again.
    residents.remove_from_waiting_list(people.jo, lee)
    assert spare in list(houses.free_beds(program, house))


def test_the_rota_stays_fair_through_months_of_people_coming_and_going(people, house):
    """Twenty weeks through the services: residents who lived there the same weeks did the same
    number of chores, give or take one, and the history says who did what."""
    program = house.program
    jo = people.jo
    with_chores(jo, house, (("Kitchen", 3), ("Bathrooms", 3), ("Trash", 1)))
    others = []
    for handle in ("lee", "kim", "pat"):
        person = User.objects.create_user(handle, PASSWORD)
        programs.enrol(jo, program, handle)
        others.append(person)
    move_in(jo, house, others[0], "Room 1", "B")
    start = monday_of(today_at(house)) - timedelta(weeks=20)
    for week in range(20):
        if week == 5:
            move_in(jo, house, others[1], "Room 2", "A", days_ago=0)
        if week == 12:
            stay = Residency.objects.get(person=others[0])
            residents.move_out(jo, stay, today_at(house), "moved_on")
            move_in(jo, house, others[2], "Room 1", "B", days_ago=0)
        chores.make_week(jo, house, start + timedelta(weeks=week))
    counts = Counter(ChoreAssignment.objects.values_list("person__handle", flat=True))
    assert counts["river"] + counts["lee"] + counts["kim"] + counts["pat"] == 60
    # river lived there all 20 weeks, lee the first 12, kim the last 15, pat the last 8.
    weeks = list(RotaWeek.objects.filter(house=house).order_by("week_start"))
    assert [w.residents.count() for w in weeks[:5]] == [2] * 5
    assert weeks[-1].residents.filter(handle="pat").exists()
    assert not weeks[-1].residents.filter(handle="lee").exists()
    # Each week's share was fair: nobody did more than a share plus one in any week.
    for week in weeks:
        per_person = Counter(week.assignments.values_list("person_id", flat=True))
        share = -(-3 // week.residents.count())
        assert max(per_person.values()) <= share


def test_a_house_in_another_zone_counts_its_own_today(people, residence):
    house = houses.create_house(
        people.jo,
        residence,
        name="Island House",
        time_zone="Pacific/Honolulu",
        meeting_weekday=0,
        meeting_time=time(19, 0),
    )
    house.program = residence
    assert house.zone().key == "Pacific/Honolulu"
    assert meetings.next_meeting(house).tzinfo.key == "Pacific/Honolulu"
    assert meetings.last_scheduled_date(house).weekday() == 0


def test_the_pages_open_in_spanish(people, house, signed_in):
    with_chores(people.jo, house)
    chores.advance_rota(people.jo, house, None)
    rules.publish_rules(people.jo, house.program, "Sé amable.")
    jo = signed_in(people.jo)
    river = signed_in(people.river)
    with translation.override("es"):
        for client, url in [
            (jo, reverse("residences-rota", args=[house.program.slug, house.pk])),
            (jo, reverse("residences-meetings", args=[house.program.slug, house.pk])),
            (jo, reverse("residences-houses", args=[house.program.slug])),
            (river, house.get_absolute_url()),
        ]:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
            assert response.status_code == 200, url
    assert "Sé amable." in river.get(house.get_absolute_url()).content.decode()
