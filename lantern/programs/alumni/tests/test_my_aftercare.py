"""A graduate's own aftercare: "My aftercare" gathers every alumni program she is in, each with
its own cohorts, check-ins, levels of care and giving back; what she no longer belongs to, and
the programs she keeps, are not there."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.programs import services as programs
from lantern.programs.alumni import services
from lantern.programs.alumni.tests.matrix import northside

from .conftest import make_due

pytestmark = pytest.mark.django_db

MINE = reverse("alumni-mine")


@pytest.fixture
def eastside(people):
    """A second alumni program, kept by jo, where river graduated too."""
    program = northside(people, name="Eastside Alumni")
    cohort = services.create_cohort(people.jo, program, name="Winter", graduated_on=None).obj
    services.add_graduate(people.jo, cohort, "river")
    return program


def test_two_programs_two_sections(people, alumni, graduate, eastside, signed_in):
    services.record_care_level(
        people.jo, eastside, people.river, level="checkups", since=timezone.localdate()
    )
    services.volunteer(people.river, alumni)
    page = signed_in(people.river).get(MINE)
    sections = page.context["sections"]
    assert [s["program"].name for s in sections] == ["Eastside Alumni", "Northside Alumni"]
    by_name = {s["program"].name: s for s in sections}
    assert [c.name for c in by_name["Eastside Alumni"]["cohorts"]] == ["Winter"]
    assert [c.name for c in by_name["Northside Alumni"]["cohorts"]] == ["Graduates, March 2026"]
    assert [c.level for c in by_name["Eastside Alumni"]["levels"]] == ["checkups"]
    assert by_name["Northside Alumni"]["levels"] == []
    assert by_name["Northside Alumni"]["volunteered"] is True
    assert by_name["Eastside Alumni"]["volunteered"] is False
    assert all(len(s["checkins"]) == 3 for s in sections)
    html = page.content.decode()
    assert "Recovery check-ups" in html
    assert "You offered to give back: the supporter pathway" in html


def test_a_program_she_left_is_not_there_and_its_check_ins_close(
    people, alumni, graduate, signed_in
):
    checkin = make_due(people.river, 30)
    programs.discharge(people.casey, alumni, people.river)
    river = signed_in(people.river)
    assert "Northside Alumni" not in river.get(MINE).content.decode()
    assert river.get(checkin.get_absolute_url()).status_code == 404


def test_the_programs_she_keeps_are_not_her_aftercare(people, alumni, signed_in):
    assert signed_in(people.casey).get(MINE).context["sections"] == []


def test_a_due_check_in_is_a_link_and_a_later_one_is_not_yet(people, graduate, signed_in):
    due = make_due(people.river, 30)
    later = due.__class__.objects.get(person=people.river, day=90)
    html = signed_in(people.river).get(MINE).content.decode()
    assert due.get_absolute_url() in html
    assert later.get_absolute_url() not in html
    assert "not yet" in html


def test_an_answered_check_in_shows_the_answer(people, graduate, signed_in):
    due = make_due(people.river, 30, days_ago=3)
    services.answer_checkin(people.river, due, answer="hard")
    html = signed_in(people.river).get(MINE).content.decode()
    assert "Finding it hard" in html
    assert due.get_absolute_url() not in html


def test_the_cohort_page_shows_a_graduate_her_own_schedule_only(
    people, alumni, cohort, graduate, signed_in
):
    services.add_graduate(people.casey, cohort, "sam")
    make_due(people.sam, 30, days_ago=1)
    page = signed_in(people.river).get(cohort.get_absolute_url())
    assert {c.person_id for c in page.context["checkins"]} == {people.river.pk}
    html = page.content.decode()
    assert "sam" not in html
