"""The demo: Maple House has two houses; river and nightowl live in North House; the rules are
at version 2 and river accepted version 1 only; four weeks of house meetings; three weeks of
rota. Running the seed again changes nothing, and every page of it opens for jo."""

import pytest
from django.urls import reverse

from lantern.accounts.models import User
from lantern.conftest import make_person
from lantern.core.roles import Role
from lantern.programs import demo as programs_demo
from lantern.programs.models import Program
from lantern.programs.residences import demo
from lantern.programs.residences.models import (
    Attendance,
    House,
    LogEntry,
    Residency,
    RotaWeek,
    RulesAcknowledgement,
    WaitingEntry,
)
from lantern.programs.residences.services import houses, residents, rules


@pytest.fixture
def seeded(people):
    make_person("nightowl", [Role.MEMBER])
    programs_demo.seed()
    demo.seed()
    demo.seed()
    return Program.objects.get(name="Maple House")


def test_the_demo_fills_maple_house_and_is_safe_to_run_again(seeded, people):
    assert list(House.objects.filter(program=seeded).values_list("name", flat=True)) == [
        "North House",
        "South House",
    ]
    assert Residency.objects.open().in_program(seeded).count() == 2
    assert rules.current_rules(seeded).number == 2
    river_acks = RulesAcknowledgement.objects.filter(person=people.river)
    assert [a.version.number for a in river_acks] == [1]
    assert rules.rules_to_accept(people.river, seeded).number == 2
    nightowl = User.objects.get(handle="nightowl")
    assert rules.rules_to_accept(nightowl, seeded) is None
    assert Attendance.objects.filter(meeting__house__program=seeded).count() == 8
    north = House.objects.get(program=seeded, name="North House")
    assert RotaWeek.objects.filter(house=north).count() == 3
    assert LogEntry.objects.filter(house=north).count() == 1
    assert WaitingEntry.objects.filter(program=seeded).count() == 1


def test_every_demo_page_opens_for_the_house_leader_and_river_sees_the_new_rules_first(
    seeded, people, signed_in
):
    north = House.objects.get(program=seeded, name="North House")
    jo = signed_in(people.jo)
    slug = seeded.slug
    meeting = north.meetings.first()
    residency = Residency.objects.open().in_house(north).first()
    for url in [
        reverse("programs-program", args=[slug]),
        reverse("residences-houses", args=[slug]),
        reverse("residences-house", args=[slug, north.pk]),
        reverse("residences-beds", args=[slug, north.pk]),
        reverse("residences-move-in", args=[slug, north.pk]),
        reverse("residences-house-edit", args=[slug, north.pk]),
        reverse("residences-residents", args=[slug]),
        reverse("residences-residency", args=[slug, residency.pk]),
        reverse("residences-waiting", args=[slug]),
        reverse("residences-rules", args=[slug]),
        reverse("residences-meetings", args=[slug, north.pk]),
        reverse("residences-meeting", args=[slug, north.pk, meeting.pk]),
        reverse("residences-rota", args=[slug, north.pk]),
        reverse("residences-log", args=[slug, north.pk]),
        reverse("programs-report", args=[slug]),
    ]:
        assert jo.get(url).status_code == 200, url
    page = signed_in(people.river).get(reverse("residences-house", args=[slug, north.pk]))
    text = page.content.decode()
    assert "I have read and accept the house rules" in text
    assert text.index("House rules, version 2") < text.index("Your bed")
    assert "Naloxone is in the kitchen" in text


def test_without_maple_house_the_seed_does_nothing(db):
    demo.seed()
    assert not House.objects.exists()


def test_in_the_demo_nightowl_sees_their_chores_and_meetings_and_no_rules_to_accept(
    seeded, signed_in
):
    nightowl = User.objects.get(handle="nightowl")
    north = House.objects.get(program=seeded, name="North House")
    text = signed_in(nightowl).get(north.get_absolute_url()).content.decode()
    assert "I have read and accept the house rules" not in text
    assert "House rules (version 2, accepted)" in text
    assert "Your attendance" in text and "Absent" in text
    assert "Mark done:" in text or "No chores for you this week." in text


def test_in_the_demo_the_waiting_list_has_a_note_only_entry_and_free_beds(seeded, people):
    (entry,) = residents.waiting_list(seeded)
    assert entry.person is None and "Northside" in entry.note
    assert len(list(houses.free_beds(seeded))) == 6  # 8 beds, 2 residents
