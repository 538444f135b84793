"""Keeping the directory true: staff say a resource's details are out of date, visitors are told
to call before they go, and a staff member who checked marks it verified today. Members and
visitors may read every active resource and change none; a staff member's reports leave with
their data export."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts import services as accounts
from lantern.core.errors import Refused
from lantern.directory import services
from lantern.directory.models import OutdatedReport, Resource

pytestmark = pytest.mark.django_db

URGENT = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."
WARNING = "may be out of date"


@pytest.fixture
def harbor(db):
    return Resource.objects.create(
        name="Harbor House",
        kind="housing",
        address="4500 S Halsted St, Chicago, IL",
        phone="312-555-0103",
        website="https://harbor.example",
        hours="Intake by appointment",
        eligibility="Adults in recovery",
        cost="$140 a week",
        languages="English; Spanish",
    )


def outdated(client, resource, note=""):
    return client.post(reverse("directory-outdated", args=[resource.pk]), {"note": note})


def verify(client, resource):
    return client.post(reverse("directory-verify", args=[resource.pk]))


def test_a_visitor_reads_every_detail_of_a_resource(client, harbor):
    page = client.get(harbor.get_absolute_url()).content.decode()
    for detail in (
        "Harbor House",
        "Recovery housing",
        "4500 S Halsted St, Chicago, IL",
        'href="tel:312-555-0103"',
        'href="https://harbor.example" rel="noopener"',
        "Intake by appointment",
        "Adults in recovery",
        "$140 a week",
        "English; Spanish",
        "Not yet",  # never verified
    ):
        assert detail in page
    assert "Report out of date" not in page and WARNING not in page
    assert "Demo data" not in page


def test_a_specialist_reports_it_out_of_date_and_a_moderator_verifies_it(
    people, signed_in, client, harbor
):
    casey = signed_in(people.casey)
    response = outdated(casey, harbor, "  The phone number changed.  ")
    assert response.status_code == 302 and response["Location"] == harbor.get_absolute_url()
    page = casey.get(response["Location"]).content.decode()
    assert "Thank you. The resource is marked as out of date." in page
    report = OutdatedReport.objects.get()
    assert (report.note, report.reporter, report.resolved_at) == (
        "The phone number changed.",
        people.casey,
        None,
    )
    # Everyone is told, without the staff note.
    visitor = client.get(harbor.get_absolute_url()).content.decode()
    assert "Call before you go." in visitor and "phone number changed" not in visitor
    assert (
        signed_in(people.river).get(harbor.get_absolute_url()).content.decode().count(WARNING) == 1
    )
    # Someone called and the details are right.
    response = verify(signed_in(people.morgan), harbor)
    assert response.status_code == 302
    harbor.refresh_from_db()
    assert harbor.last_verified == timezone.localdate()
    report.refresh_from_db()
    assert report.resolved_at is not None
    page = client.get(harbor.get_absolute_url()).content.decode()
    assert WARNING not in page and "Not yet" not in page
    assert timezone.localdate().strftime("%Y") in page


def test_two_reports_both_close_when_verified_and_a_new_one_shows_again(people, harbor, client):
    services.report_outdated(people.casey, harbor, "Moved")
    services.report_outdated(people.alex, harbor, "")
    assert len(services.open_reports(harbor)) == 2
    services.verify(people.alex, harbor)
    assert services.open_reports(harbor) == []
    services.report_outdated(people.morgan, harbor, "Closed on Mondays now")
    assert WARNING in client.get(harbor.get_absolute_url()).content.decode()


def test_staff_see_the_report_and_verify_forms_and_others_do_not(people, signed_in, client, harbor):
    for person in (people.casey, people.morgan, people.alex):
        page = signed_in(person).get(harbor.get_absolute_url()).content.decode()
        assert "What is out of date?" in page and "I checked: the details are right" in page
    for person in (people.river, people.sam, people.jo):
        page = signed_in(person).get(harbor.get_absolute_url()).content.decode()
        assert "What is out of date?" not in page and "I checked" not in page
    assert "What is out of date?" not in client.get(harbor.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["river", "sam", "jo"])
def test_members_and_supporters_can_neither_report_nor_verify(people, signed_in, harbor, who):
    person = signed_in(getattr(people, who))
    assert outdated(person, harbor, "Closed").status_code == 404
    assert verify(person, harbor).status_code == 404
    with pytest.raises(Refused):
        services.report_outdated(getattr(people, who), harbor, "Closed")
    with pytest.raises(Refused):
        services.verify(getattr(people, who), harbor)
    harbor.refresh_from_db()
    assert not OutdatedReport.objects.exists() and harbor.last_verified is None


def test_a_visitor_is_sent_to_sign_in_and_a_get_changes_nothing(people, signed_in, client, harbor):
    for response in (outdated(client, harbor, "Closed"), verify(client, harbor)):
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    casey = signed_in(people.casey)
    assert casey.get(reverse("directory-outdated", args=[harbor.pk])).status_code == 405
    assert casey.get(reverse("directory-verify", args=[harbor.pk])).status_code == 405
    assert not OutdatedReport.objects.exists()


def test_a_resource_taken_down_cannot_be_reported_or_verified(people, signed_in, harbor):
    Resource.objects.filter(pk=harbor.pk).update(active=False)
    casey = signed_in(people.casey)
    assert outdated(casey, harbor, "Closed").status_code == 404
    assert verify(casey, harbor).status_code == 404
    gone = reverse("directory-resource", args=[harbor.pk + 1000])
    assert casey.get(gone).status_code == 404


def test_a_note_too_long_is_shown_again_with_what_to_fix(people, signed_in, harbor):
    note = "The intake line moved. " * 25  # 575 characters
    response = outdated(signed_in(people.casey), harbor, note)
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most 500 characters" in page
    assert note.strip() in page  # nothing typed is lost
    assert not OutdatedReport.objects.exists()
    with pytest.raises(Refused) as refused:
        services.report_outdated(people.casey, harbor, "x" * 501)
    assert refused.value.field == "note"


def test_words_of_crisis_in_a_note_offer_the_crisis_lines(people, signed_in, harbor):
    casey = signed_in(people.casey)
    response = outdated(casey, harbor, URGENT)
    assert OutdatedReport.objects.get().note == URGENT
    page = casey.get(response["Location"]).content.decode()
    assert "988" in page
    assert "988" not in casey.get(harbor.get_absolute_url()).content.decode()  # once


def test_a_staff_members_reports_are_in_their_export_and_stay_after_erasure(people, harbor):
    services.report_outdated(people.casey, harbor, "New phone number")
    services.report_outdated(people.morgan, harbor, "Someone else's")
    services.verify(people.alex, harbor)
    exported = accounts.export_data(people.casey)["directory_outdated_reports"]
    assert len(exported) == 1
    assert exported[0]["resource"] == "Harbor House"
    assert exported[0]["note"] == "New phone number" and exported[0]["resolved_at"]
    assert accounts.export_data(people.river)["directory_outdated_reports"] == []
    accounts.erase_account(people.casey)
    kept = OutdatedReport.objects.get(note="New phone number")
    assert kept.reporter is None  # the report is about the place, not the person


def test_the_admin_site_lists_resources_and_their_reports(people, signed_in, harbor):
    services.report_outdated(people.casey, harbor, "Moved")
    alex = signed_in(people.alex)
    listing = alex.get(reverse("admin:directory_resource_changelist"), {"q": "harbor"})
    assert listing.status_code == 200 and "Harbor House" in listing.content.decode()
    one = alex.get(reverse("admin:directory_resource_change", args=[harbor.pk]))
    assert one.status_code == 200 and "Moved" in one.content.decode()
