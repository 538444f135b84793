"""Houses, rooms and beds through the staff pages: adding a house and its weekly meeting, its
rooms and beds, taking a bed out of service; occupancy at a glance (beds taken and free per
house, who is in which bed)."""

from datetime import time

from django.urls import reverse

from lantern.programs.models import Program
from lantern.programs.residences.models import Bed, House, Room
from lantern.programs.residences.services import houses

from .helpers import bed, make_house, move_in


def test_staff_add_a_house_its_rooms_and_beds(people, residence, signed_in):
    jo = signed_in(people.jo)
    slug = residence.slug
    response = jo.post(
        reverse("residences-houses", args=[slug]),
        {
            "name": "Birch House",
            "time_zone": "America/Chicago",
            "meeting_weekday": "0",
            "meeting_time": "18:30",
        },
    )
    house = House.objects.get(name="Birch House")
    assert response["Location"] == reverse("residences-beds", args=[slug, house.pk])
    assert (house.meeting_weekday, house.meeting_time) == (0, time(18, 30))
    jo.post(reverse("residences-beds", args=[slug, house.pk]), {"name": "Front room"})
    room = Room.objects.get(house=house)
    for label in ("Window", "Door"):
        response = jo.post(
            reverse("residences-bed-add", args=[slug, house.pk]), {"room": room.pk, "label": label}
        )
        assert response.status_code == 302
    page = jo.get(reverse("residences-beds", args=[slug, house.pk])).content.decode()
    assert "Bed Window" in page and "Bed Door" in page
    listing = jo.get(reverse("residences-houses", args=[slug])).content.decode()
    assert "Birch House" in listing


def test_the_house_list_shows_beds_taken_and_free_per_house(people, house, signed_in):
    make_house(house.program, people.jo, name="South House", rooms=(("Up", "ABC"),))
    houses.take_bed_out_of_service(people.jo, bed(house, "Room 2", "B"))
    found = {h.name: h for h in houses.houses_with_occupancy(house.program)}
    north, south = found["North House"], found["South House"]
    assert (north.beds_count, north.taken, north.free, north.out_of_service) == (3, 1, 2, 1)
    assert (south.beds_count, south.taken, south.free, south.out_of_service) == (3, 0, 3, 0)
    page = signed_in(people.jo).get(reverse("residences-houses", args=[house.program.slug]))
    assert "(+1 out of service)" in page.content.decode()


def test_the_house_page_shows_who_is_in_which_bed(people, house, signed_in):
    houses.take_bed_out_of_service(people.jo, bed(house, "Room 2", "B"))
    page = signed_in(people.jo).get(house.get_absolute_url()).content.decode()
    assert page.count("Free</span>") == 2
    assert page.count("Out of service</span>") == 1
    assert ">river</a>" in page
    assert "Next house meeting: Sunday" in page


def test_editing_the_house_changes_its_meeting(people, house, signed_in):
    jo = signed_in(people.jo)
    url = reverse("residences-house-edit", args=[house.program.slug, house.pk])
    assert 'value="North House"' in jo.get(url).content.decode()
    response = jo.post(url, {"name": "North House", "time_zone": "America/New_York"})
    assert response.status_code == 302
    house.refresh_from_db()
    assert house.meeting_weekday is None and house.time_zone == "America/New_York"
    page = jo.get(house.get_absolute_url()).content.decode()
    assert "No weekly house meeting is set." in page


def test_a_bed_is_put_back_in_service_from_the_beds_page(people, house, signed_in):
    jo = signed_in(people.jo)
    spare = bed(house, "Room 2", "B")
    url = reverse("residences-bed-service", args=[house.program.slug, spare.pk])
    jo.post(url, {"in_service": "0"})
    spare.refresh_from_db()
    assert not spare.in_service and spare.out_of_service_since is not None
    page = jo.get(reverse("residences-beds", args=[house.program.slug, house.pk]))
    assert "Put bed B (Room 2) back in service" in page.content.decode()
    jo.post(url, {"in_service": "1"})
    assert Bed.objects.get(pk=spare.pk).in_service


def test_an_occupied_bed_cannot_be_taken_out_of_service_from_the_page(people, house, signed_in):
    taken = bed(house)
    response = signed_in(people.jo).post(
        reverse("residences-bed-service", args=[house.program.slug, taken.pk]),
        {"in_service": "0"},
        follow=True,
    )
    assert "Someone lives in this bed" in response.content.decode()
    assert Bed.objects.get(pk=taken.pk).in_service


def test_only_a_residence_has_houses(people, make_program, signed_in):
    dropin = make_program(Program.Kind.DROP_IN, name="The Lighthouse")
    response = signed_in(people.jo).get(reverse("residences-houses", args=[dropin.slug]))
    assert response.status_code == 404


def test_the_move_in_page_offers_only_free_beds_of_the_house(people, house, signed_in):
    south = make_house(house.program, people.jo, name="South House", rooms=(("Up", "A"),))
    move_in(people.jo, south, people.sam, "Up", "A")
    page = signed_in(people.jo).get(
        reverse("residences-move-in", args=[house.program.slug, house.pk])
    )
    text = page.content.decode()
    assert "North House · Room 2 · A" in text and "North House · Room 1 · A" not in text
    assert "South House" not in text
    full = signed_in(people.jo).get(
        reverse("residences-move-in", args=[house.program.slug, south.pk])
    )
    assert "Every bed in this house is taken, offered or out of service." in full.content.decode()


def test_a_house_in_a_zone_off_the_short_list_can_still_be_edited(people, residence, signed_in):
    house = houses.create_house(
        people.jo, residence, name="Island House", time_zone="Pacific/Honolulu"
    )
    url = reverse("residences-house-edit", args=[residence.slug, house.pk])
    jo = signed_in(people.jo)
    assert 'value="Pacific/Honolulu" selected' in jo.get(url).content.decode()
    response = jo.post(url, {"name": "Island House", "time_zone": "Pacific/Honolulu"})
    assert response.status_code == 302


def test_a_second_house_of_the_same_name_is_refused_when_renaming(people, house):
    south = make_house(house.program, people.jo, name="South House", rooms=())
    try:
        houses.update_house(people.jo, south, name="north house", time_zone="America/Chicago")
    except Exception as error:
        assert "already has a house of this name" in str(error)
    else:
        raise AssertionError("two houses may not share a name")
