"""Bad input: each form comes back (400) saying what to fix, beside the field, and nothing is
saved."""

from datetime import timedelta

from django.urls import reverse

from lantern.programs.residences.models import Bed, House, Residency, WaitingEntry
from lantern.programs.residences.services.common import today_at

from .helpers import bed


def _says(response, *words):
    assert response.status_code == 400
    text = response.content.decode()
    for word in words:
        assert word in text, word
    return text


def test_a_house_needs_both_meeting_day_and_time_and_a_known_zone(people, house, signed_in):
    jo = signed_in(people.jo)
    url = reverse("residences-houses", args=[house.program.slug])
    _says(
        jo.post(url, {"name": "East", "time_zone": "America/Chicago", "meeting_weekday": "2"}),
        "Give both the day and the time of the house meeting, or neither.",
    )
    _says(jo.post(url, {"name": "East", "time_zone": "Mars/Olympus"}), "Mars/Olympus")
    _says(
        jo.post(url, {"name": "north house", "time_zone": "America/Chicago"}),
        "The program already has a house of this name.",
    )
    assert House.objects.count() == 1


def test_moving_in_someone_unknown_or_on_a_future_date(people, house, signed_in):
    jo = signed_in(people.jo)
    url = reverse("residences-move-in", args=[house.program.slug, house.pk])
    spare = bed(house, "Room 2", "A").pk
    today = today_at(house)
    _says(
        jo.post(url, {"handle": "nobody", "bed": spare, "moved_in": today}),
        "Nobody on Lantern has that handle.",
    )
    _says(
        jo.post(url, {"handle": "sam", "bed": spare, "moved_in": today + timedelta(days=3)}),
        "The move-in date cannot be in the future",
    )
    _says(
        jo.post(
            url,
            {"handle": "sam", "bed": spare, "moved_in": today, "planned_move_out": today},
        ),
        "The planned move-out comes after the move-in date.",
    )
    _says(jo.post(url, {"handle": "sam", "bed": bed(house).pk, "moved_in": today}), "valid choice")
    assert Residency.objects.count() == 1


def test_moving_out_needs_a_reason_and_a_date_that_makes_sense(people, house, signed_in):
    residency = Residency.objects.get(person=people.river)
    jo = signed_in(people.jo)
    url = reverse("residences-move-out", args=[house.program.slug, residency.pk])
    _says(jo.post(url, {"moved_out": today_at(house)}), "This field is required.")
    _says(
        jo.post(url, {"moved_out": residency.moved_in - timedelta(days=1), "reason": "other"}),
        "The move-out date comes after the move-in date.",
    )
    _says(
        jo.post(url, {"moved_out": today_at(house) + timedelta(days=1), "reason": "other"}),
        "set the planned date instead",
    )
    residency.refresh_from_db()
    assert residency.moved_out is None


def test_a_bed_label_once_per_room(people, house, signed_in):
    jo = signed_in(people.jo)
    room = bed(house).room
    response = jo.post(
        reverse("residences-bed-add", args=[house.program.slug, house.pk]),
        {"room": room.pk, "label": "a"},
    )
    _says(response, "The room already has a bed with this label.")
    response = jo.post(
        reverse("residences-beds", args=[house.program.slug, house.pk]), {"name": "room 1"}
    )
    _says(response, "The house already has a room of this name.")
    assert Bed.objects.count() == 4


def test_the_waiting_list_refuses_a_future_date_and_an_empty_entry(people, house, signed_in):
    jo = signed_in(people.jo)
    url = reverse("residences-waiting", args=[house.program.slug])
    _says(
        jo.post(url, {"handle": "sam", "asked_on": today_at(house) + timedelta(days=2)}),
        "The date they asked cannot be in the future.",
    )
    _says(
        jo.post(url, {"asked_on": today_at(house)}),
        "Give a handle, or a note about who is waiting.",
    )
    assert not WaitingEntry.objects.exists()
