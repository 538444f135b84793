"""What the house leader is told after each action, on the next page (the words a person
notices), and that a refusal leaves nothing half done."""

from datetime import timedelta

from django.urls import reverse

from lantern.programs.residences.models import HouseMeeting, Residency
from lantern.programs.residences.services import houses, meetings, residents, rules
from lantern.programs.residences.services.common import today_at

from .helpers import bed, make_house


def _told(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_moving_in_and_out_says_who(people, house, signed_in):
    jo = signed_in(people.jo)
    slug = house.program.slug
    text = _told(
        jo.post(
            reverse("residences-move-in", args=[slug, house.pk]),
            {"handle": "sam", "bed": bed(house, "Room 2", "A").pk, "moved_in": today_at(house)},
            follow=True,
        )
    )
    assert "sam has moved in." in text
    residency = Residency.objects.get(person=people.river)
    text = _told(
        jo.post(
            reverse("residences-move-out", args=[slug, residency.pk]),
            {"moved_out": today_at(house), "reason": "moved_on"},
            follow=True,
        )
    )
    assert "river has moved out." in text


def test_publishing_rules_says_the_version(people, house, signed_in):
    rules.publish_rules(people.jo, house.program, "Be kind.")
    text = _told(
        signed_in(people.jo).post(
            reverse("residences-rules", args=[house.program.slug]),
            {"text": "Be kind.\nQuiet after 11 PM."},
            follow=True,
        )
    )
    assert "Version 2 is published. Residents are asked to accept it." in text


def test_adding_a_house_leads_on_to_its_rooms_and_beds(people, residence, signed_in):
    text = _told(
        signed_in(people.jo).post(
            reverse("residences-houses", args=[residence.slug]),
            {"name": "Cedar", "time_zone": "America/Chicago"},
            follow=True,
        )
    )
    assert "The house is added. Now add its rooms and beds." in text
    assert "No rooms yet." in text


def test_a_meeting_before_anyone_lived_there_has_nobody_to_mark(people, residence, signed_in):
    house = make_house(residence, people.jo, name="Empty House")
    meeting = HouseMeeting.objects.create(house=house, date=today_at(house) - timedelta(days=1))
    url = reverse("residences-meeting", args=[residence.slug, house.pk, meeting.pk])
    assert "Nobody lived in the house on that date." in _told(signed_in(people.jo).get(url))


def test_saving_attendance_says_how_many_were_marked(people, house, signed_in):
    meeting = meetings.open_meeting(people.jo, house, meetings.last_scheduled_date(house))
    url = reverse("residences-meeting", args=[house.program.slug, house.pk, meeting.pk])
    text = _told(
        signed_in(people.jo).post(url, {f"person_{people.river.pk}": "present"}, follow=True)
    )
    assert "Attendance is saved (1 marked)." in text
    assert "1 present, 0 excused, 0 absent" in text


def test_a_waiting_list_with_nothing_free_says_so(people, house, signed_in):
    for room, label in (("Room 1", "B"), ("Room 2", "A"), ("Room 2", "B")):
        houses.take_bed_out_of_service(people.jo, bed(house, room, label))
    residents.add_to_waiting_list(people.jo, house.program, note="x", asked_on=today_at(house))
    text = _told(signed_in(people.jo).get(reverse("residences-waiting", args=[house.program.slug])))
    assert "No bed is free to offer now." in text
    assert "Offer the bed" not in text
