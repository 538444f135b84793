"""sam's alumni data in his export (cohorts, the code he used, his check-ins with his note, his
levels of care, his offer to give back), and what erasing his account removes: all of it, and
the notifications the program's staff got about him. What casey made stays with the program."""

import json

import pytest
from django.utils import timezone

from lantern.accounts.services import erase_account, export_data
from lantern.core.models import Notification
from lantern.programs.alumni import services
from lantern.programs.alumni.models import (
    CareLevel,
    CheckIn,
    CodeUse,
    Cohort,
    InviteCode,
    Volunteer,
)

from .conftest import make_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def sams_data(people, alumni, cohort, new_code):
    services.join_with_code(people.sam, new_code.secret)
    checkin = make_due(people.sam, 30)
    services.answer_checkin(people.sam, checkin, answer="call", note="Rough week at work.")
    services.record_care_level(
        people.casey, alumni, people.sam, level="outpatient", since=timezone.localdate()
    )
    services.volunteer(people.sam, alumni)
    return checkin


def test_the_export_holds_sams_alumni_data(people, cohort, new_code, sams_data):
    section = export_data(people.sam)["alumni"]
    json.dumps(section)  # JSON-ready
    assert section["cohorts"] == [
        {
            "program": "Northside Alumni",
            "cohort": "Graduates, March 2026",
            "graduated_on": None,
            "joined_at": section["cohorts"][0]["joined_at"],
        }
    ]
    assert section["codes_used"][0]["cohort"] == "Graduates, March 2026"
    assert section["codes_used"][0]["code_ending"] == new_code.secret[-3:]
    assert new_code.secret not in json.dumps(section)
    answered = [c for c in section["check_ins"] if c["answered_at"]]
    assert [(c["day"], c["answer"], c["note"]) for c in answered] == [
        (30, "call", "Rough week at work.")
    ]
    assert len(section["check_ins"]) == 3
    assert [(c["program"], c["level"]) for c in section["care_levels"]] == [
        ("Northside Alumni", "outpatient")
    ]
    assert [v["program"] for v in section["giving_back"]] == ["Northside Alumni"]
    assert section["cohorts_started"] == []


def test_staff_find_the_cohorts_they_started_in_their_export(people, cohort):
    section = export_data(people.casey)["alumni"]
    assert [c["cohort"] for c in section["cohorts_started"]] == ["Graduates, March 2026"]
    assert section["check_ins"] == [] and section["cohorts"] == []


def test_someone_with_no_alumni_data_exports_empty_lists(people):
    section = export_data(people.jo)["alumni"]
    assert all(value == [] for value in section.values())


def test_erasure_removes_sams_alumni_data_and_what_staff_were_told(people, alumni, sams_data):
    told = Notification.objects.filter(kind__in=["alumni.asked_for_call", "alumni.volunteer"])
    assert told.filter(recipient=people.casey).count() == 2
    erase_account(people.sam)
    assert not CheckIn.objects.exists()
    assert not CareLevel.objects.exists()
    assert not Volunteer.objects.exists()
    assert not CodeUse.objects.exists()
    assert not told.exists()
    # The cohort and its code stay; the code's count of uses stays too (it was used).
    assert InviteCode.objects.get().uses == 1
    assert Cohort.objects.count() == 1


def test_erasing_a_staff_member_keeps_the_programs_cohorts_and_records(people, alumni, sams_data):
    erase_account(people.casey)
    cohort = Cohort.objects.get()
    assert cohort.created_by is None
    assert InviteCode.objects.get().created_by is None
    level = CareLevel.objects.get()
    assert level.recorded_by is None and level.person == people.sam
    assert CheckIn.objects.filter(person=people.sam).count() == 3
