"""On a phone (360 px): the house leader (jo) opens this week's house meeting, takes attendance
with one row per resident, then advances the chore rota, and the page shows the new week's
assignments (issue 18, acceptance 1, first part). axe finds nothing on any page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from lantern.conftest import assert_accessible
from lantern.core.tests.test_browser_every_page import visit
from lantern.programs import services as programs
from lantern.programs.residences.models import Attendance, RotaWeek
from lantern.programs.residences.services import chores, houses, log, meetings, residents, rules
from lantern.programs.residences.services.common import today_at

from .helpers import bed, make_house, move_in, with_chores

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_house_leader_takes_attendance_and_advances_the_rota(people, residence, phone):
    house = make_house(residence, people.jo)
    move_in(people.jo, house, people.river)
    programs.enrol(people.jo, residence, "sam")
    move_in(people.jo, house, people.sam, "Room 2", "A", days_ago=12)
    with_chores(people.jo, house, (("Kitchen", 3), ("Bathrooms", 3), ("Trash", 1)))
    first = chores.advance_rota(people.jo, house, None)

    phone.sign_in("jo")
    phone.visit(residence.get_absolute_url())
    assert phone.get_by_text("2 beds taken, 2 free").is_visible()
    assert_accessible(phone)
    phone.get_by_role("link", name="North House").click()
    phone.get_by_role("heading", name="Who is in which bed").wait_for()
    assert_accessible(phone)
    _fits(phone)

    phone.get_by_role("link", name="House meetings").click()
    phone.get_by_role("heading", name="Take attendance").wait_for()
    assert_accessible(phone)
    _fits(phone)
    phone.get_by_role("button", name="Open the meeting").click()
    phone.get_by_role("button", name="Save attendance").wait_for()
    assert_accessible(phone)
    _fits(phone)
    phone.get_by_role("group", name="river").get_by_label("Present").check()
    phone.get_by_role("group", name="sam").get_by_label("Excused").check()
    phone.screenshot_to_docs("residences-attendance-360")
    phone.get_by_role("button", name="Save attendance").click()
    phone.get_by_text("Attendance is saved (2 marked).").wait_for()
    assert_accessible(phone)
    marks = dict(Attendance.objects.values_list("person__handle", "status"))
    assert marks == {"river": "present", "sam": "excused"}

    phone.get_by_role("link", name="Chore rota").click()
    week_of = f"Week of {first.week_start.day} {first.week_start:%b %Y}"
    phone.get_by_role("heading", name=week_of).wait_for()
    assert_accessible(phone)
    phone.get_by_role("button", name="Advance the rota to the next week").click()
    following = first.week_start + timedelta(days=7)
    phone.get_by_text("The rota moved on to the week of").wait_for()
    new_heading = phone.get_by_role("heading", name=f"Week of {following.day} {following:%b %Y}")
    assert new_heading.is_visible()
    second = RotaWeek.objects.get(house=house, week_start=following)
    table = phone.locator("section[aria-labelledby=this-week] table")
    for assignment in second.assignments.select_related("chore", "person"):
        row = table.get_by_role("row").filter(has_text=assignment.chore.name)
        assert assignment.person.handle in row.inner_text()
    # The week before is now in "Who did what".
    assert phone.get_by_role("heading", name=week_of, exact=True).is_visible()
    phone.screenshot_to_docs("residences-rota-360")
    assert_accessible(phone)
    _fits(phone)


def test_a_resident_reads_the_new_rules_first_and_marks_their_chore_done(people, residence, phone):
    house = make_house(residence, people.jo)
    move_in(people.jo, house, people.river)
    first = rules.publish_rules(people.jo, residence, "No alcohol or drugs in the house.").obj
    rules.accept_rules(people.river, first)
    rules.publish_rules(
        people.jo, residence, "No alcohol or drugs in the house.\nNaloxone is in the kitchen."
    )
    with_chores(people.jo, house, (("Kitchen", 3),))
    chores.advance_rota(people.jo, house, None)

    phone.sign_in("river")
    phone.visit(residence.get_absolute_url())
    phone.get_by_text("The house rules have changed: please read them.").wait_for()
    assert_accessible(phone)
    phone.get_by_role("link", name="Your house page").click()
    phone.get_by_role("heading", name="House rules, version 2").wait_for()
    assert phone.get_by_text("Naloxone is in the kitchen.").is_visible()
    phone.screenshot_to_docs("residences-rules-360")
    assert_accessible(phone)
    _fits(phone)
    phone.get_by_role("button", name="I have read and accept the house rules").click()
    phone.get_by_text("Thank you. You accepted the house rules.").wait_for()
    assert [a.version.number for a in rules.my_acknowledgements(people.river, residence)] == [2, 1]
    phone.get_by_role("button", name="Mark done: Kitchen").click()
    phone.get_by_text("“Kitchen” is done. Thank you.").wait_for()
    assert phone.get_by_role("button", name="Not done yet: Kitchen").is_visible()
    assert_accessible(phone)
    _fits(phone)


def test_every_staff_page_passes_axe_and_fits_a_phone(people, residence, phone):
    """Each page a house leader uses, with real rows in it (residents, an out-of-service bed,
    a waiting list with an offer and a note-only entry, two versions of the rules, a meeting,
    two weeks of rota, the log), at 360 px."""
    house = make_house(residence, people.jo)
    residency = move_in(people.jo, house, people.river)
    programs.enrol(people.jo, residence, "sam")
    houses.take_bed_out_of_service(people.jo, bed(house, "Room 2", "B"))
    today = today_at(house)
    entry = residents.add_to_waiting_list(people.jo, residence, handle="sam", asked_on=today).obj
    entry.program = residence
    residents.offer_bed(people.jo, entry, bed(house, "Room 2", "A"))
    residents.add_to_waiting_list(people.jo, residence, note="Calls on Tuesdays", asked_on=today)
    rules.publish_rules(people.jo, residence, "Be kind.")
    rules.publish_rules(people.jo, residence, "Be kind.\nNaloxone is in the kitchen.")
    meeting = meetings.open_meeting(people.jo, house, meetings.last_scheduled_date(house))
    meeting.house = house
    meetings.take_attendance(people.jo, meeting, {people.river.pk: "present"})
    with_chores(people.jo, house)
    week = chores.advance_rota(people.jo, house, None)
    chores.advance_rota(people.jo, house, week.pk)
    log.write_entry(people.jo, house, day=today, text="Late back.", resident=people.river)

    slug = residence.slug
    pages = [
        reverse("residences-houses", args=[slug]),
        reverse("residences-beds", args=[slug, house.pk]),
        reverse("residences-house-edit", args=[slug, house.pk]),
        reverse("residences-move-in", args=[slug, house.pk]),
        reverse("residences-residents", args=[slug]),
        reverse("residences-residency", args=[slug, residency.pk]),
        reverse("residences-waiting", args=[slug]),
        reverse("residences-rules", args=[slug]),
        reverse("residences-meeting", args=[slug, house.pk, meeting.pk]),
        reverse("residences-log", args=[slug, house.pk]),
        reverse("programs-report", args=[slug]),
    ]
    phone.sign_in("jo")
    for url in pages:
        visit(phone, url)
        phone.locator("h1").wait_for()
        assert_accessible(phone)
        _fits(phone)
    # A form sent back with what to fix is accessible too.
    phone.visit(reverse("residences-waiting", args=[slug]))
    phone.get_by_role("button", name="Add to the list").click()
    phone.get_by_text("Give a handle, or a note about who is waiting.").wait_for()
    assert_accessible(phone)
