"""A resident's own house page, week by week: their bed and planned move-out, who their house
leaders are, this week's chores (not next week's, once the leader has moved the rota on), the
next house meeting, and their own attendance, newest first."""

from datetime import timedelta

from django.urls import reverse

from lantern.programs.residences.models import HouseMeeting, Residency
from lantern.programs.residences.services import chores, houses, meetings, residents
from lantern.programs.residences.services.common import monday_of, today_at

from .helpers import with_chores


def _page(client, house):
    return client.get(house.get_absolute_url()).content.decode()


def test_the_page_says_where_they_sleep_until_when_and_who_leads_the_house(
    people, house, signed_in
):
    residency = Residency.objects.get(person=people.river)
    residency.bed.room.house = house
    residents.plan_move_out(people.jo, residency, today_at(house) + timedelta(days=45))
    text = _page(signed_in(people.river), house)
    assert "Room 1, bed A." in text
    assert "Planned move-out:" in text
    assert "Your house leaders: jo" in text


def test_before_the_rota_starts_there_are_no_chores(people, house, signed_in):
    assert "No chores for you this week." in _page(signed_in(people.river), house)


def test_this_weeks_chores_stay_on_the_page_after_the_leader_moves_the_rota_on(
    people, house, signed_in
):
    with_chores(people.jo, house, (("Kitchen", 3),))
    this_week = chores.advance_rota(people.jo, house, None)
    next_week = chores.advance_rota(people.jo, house, this_week.pk)
    assert next_week.week_start == monday_of(today_at(house)) + timedelta(days=7)
    mine = chores.chores_for(people.river, house)
    assert [a.week_id for a in mine] == [this_week.pk]
    assert "Mark done: Kitchen" in _page(signed_in(people.river), house)


def test_without_a_schedule_the_page_says_the_leader_will_tell_them(people, house, signed_in):
    houses.update_house(people.jo, house, name=house.name, time_zone=house.time_zone)
    text = _page(signed_in(people.river), house)
    assert "Your house leader will tell you when the next house meeting is." in text


def test_their_attendance_newest_first_and_at_most_twelve(people, house, signed_in):
    last = meetings.last_scheduled_date(house)
    Residency.objects.filter(person=people.river).update(moved_in=last - timedelta(weeks=20))
    for week in range(15):
        meeting = HouseMeeting.objects.create(house=house, date=last - timedelta(weeks=week))
        meeting.house = house
        meetings.take_attendance(
            people.jo, meeting, {people.river.pk: "absent" if week == 0 else "present"}
        )
    text = _page(signed_in(people.river), house)
    section = text[text.index("Your attendance") :]
    assert section.count("<li>") == 12
    assert section.index("Absent") < section.index("Present")


def test_the_house_page_of_staff_who_also_lead_shows_the_beds_not_the_resident_view(
    people, house, signed_in
):
    text = _page(signed_in(people.jo), house)
    assert "Who is in which bed" in text and "Your bed" not in text
    assert reverse("residences-move-in", args=[house.program.slug, house.pk]) in text
