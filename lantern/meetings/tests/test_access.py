"""meetings/access.py: who reviews corrections and imports feeds, the loaders every page uses,
and services that check the same rules themselves (a call from a command or a task is held to
them as a page is)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import translation

from lantern.core.errors import NotFound, Refused
from lantern.core.models import AuditEvent
from lantern.meetings import access, services
from lantern.meetings.models import ChangeReport, Meeting
from lantern.meetings.services import import_feed
from lantern.meetings.tests.test_import import GOOD, MESSY


@pytest.fixture
def meeting(db):
    import_feed([GOOD], source="intergroup")
    return Meeting.objects.get(slug=GOOD["slug"])


@pytest.fixture
def report(people, meeting):
    return services.report_change(people.river, meeting, "time", "7 pm now").obj


def test_moderators_and_administrators_review_and_only_administrators_import(people):
    reviewers = {p.handle for p in people if access.can_review_meeting_changes(p)}
    importers = {p.handle for p in people if access.can_import_meetings(p)}
    assert reviewers == {"morgan", "alex"}
    assert importers == {"alex"}


def test_the_loaders_find_listed_meetings_and_reports_for_reviewers_only(people, report):
    assert access.get_meeting_for(people.sam, GOOD["slug"]) == report.meeting
    for person in (people.river, people.sam, people.jo, people.casey):
        with pytest.raises(Http404):
            access.get_change_report_for(person, report.pk)
    assert access.get_change_report_for(people.morgan, report.pk) == report
    Meeting.objects.update(active=False)
    with pytest.raises(Http404):
        access.get_meeting_for(people.sam, GOOD["slug"])


@translation.override("en")  # the messages matched below (a Spanish page earlier may linger)
def test_services_hold_every_caller_to_the_same_rules(people, report):
    meeting = report.meeting
    for person in (people.river, people.jo, people.casey):
        with pytest.raises(NotFound):
            services.apply_change(person, report, {"time": "19:00"}, active=True)
        with pytest.raises(NotFound):
            services.dismiss_change(person, report, "fine as it is")
    with pytest.raises(NotFound):
        services.import_uploaded_feed(people.morgan, [GOOD], "upload")
    with pytest.raises(Refused, match="already suggested"):
        services.report_change(people.river, meeting, "place", "moved")
    with pytest.raises(Refused) as empty:
        services.report_change(people.sam, meeting, "time", "   ")
    assert empty.value.field == "details"
    with pytest.raises(Refused) as dismissed_without_a_reason:
        services.dismiss_change(people.morgan, report, " ")
    assert dismissed_without_a_reason.value.field == "review_note"
    services.dismiss_change(people.alex, report, "The group confirmed 6 pm")
    with pytest.raises(Refused, match="already reviewed"):
        services.apply_change(people.morgan, report, {"time": "19:00"}, active=True)
    assert ChangeReport.objects.get().status == "dismissed"


def test_a_meeting_taken_off_the_finder_takes_no_attendance_or_suggestions(people, meeting):
    Meeting.objects.update(active=False)
    meeting.refresh_from_db()
    today = services.attendance_days(people.river)[0]
    with pytest.raises(NotFound):
        services.record_attendance(people.river, meeting, today)
    with pytest.raises(NotFound):
        services.report_change(people.river, meeting, "gone", "it closed")


def test_the_upload_is_audited_in_the_service(people):
    report = services.import_uploaded_feed(people.alex, MESSY, "upload:intergroup.json", "aa")
    assert report.created == 3
    event = AuditEvent.objects.get(action="meetings.import")
    assert (event.actor, event.details) == (people.alex, {"source": "upload:intergroup.json"})


def test_the_finder_shows_each_person_the_staff_links_they_may_follow(people, signed_in):
    links = {}
    for person in people:
        page = signed_in(person).get("/meetings/").content.decode()
        links[person.handle] = (
            "/staff/meetings/changes/" in page,
            "/staff/meetings/import/" in page,
        )
    assert links == {
        "river": (False, False),
        "sam": (False, False),
        "jo": (False, False),
        "casey": (False, False),
        "morgan": (True, False),
        "alex": (True, True),
    }


def test_a_broken_upload_is_refused_beside_the_file_field(people, signed_in):
    response = signed_in(people.alex).post(
        "/staff/meetings/import/",
        {"feed": SimpleUploadedFile("feed.json", json.dumps({"a": 1}).encode())},
    )
    page = response.content.decode()
    assert "a JSON array of meetings" in page and 'aria-invalid="true"' in page
    assert not AuditEvent.objects.filter(action="meetings.import").exists()
