"""On phones (360 px): casey invites river; river consents; casey records an intake, a contact
note, an assessment and a referral; river sees who opened her records and withdraws consent;
casey is locked out at once. axe finds nothing on any page on the way."""

import pytest
from django.urls import reverse

from lantern.conftest import assert_accessible
from lantern.directory.models import Resource
from lantern.support.models import Assessment, ContactNote, Engagement, Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_specialist_journey_with_consent_and_revocation(people, phone, second_phone):
    casey, river = phone, second_phone
    Resource.objects.create(name="Harbor House", kind="housing", address="1 Main St")

    casey.sign_in("casey")
    casey.visit(reverse("support-caseload"))
    assert_accessible(casey)
    casey.get_by_role("link", name="Invite a member").click()
    casey.get_by_label("The member's handle").fill("river")
    casey.get_by_role("button", name="Send invitation").click()
    casey.get_by_text("Invitation sent.").wait_for()
    engagement = Engagement.objects.get(member=people.river)
    assert_accessible(casey)

    river.sign_in("river")
    river.visit(reverse("support-home"))
    assert_accessible(river)
    river.get_by_role("link", name="casey").click()
    river.get_by_role("link", name="Review and consent").click()
    assert_accessible(river)
    for scope in ("Intake", "Contact notes", "Assessments", "Referrals"):
        river.get_by_label(scope, exact=True).check()
    river.get_by_role("button", name="I consent").click()
    river.get_by_text("Your consent is saved.").wait_for()

    # Intake
    casey.visit(reverse("support-engagement", args=[engagement.pk]))
    casey.get_by_role("link", name="Intake").first.click()
    casey.get_by_label("SMART Recovery").check()
    casey.get_by_label("Their goals, in their words").fill("A place of my own by spring")
    casey.get_by_label("Need: Housing").select_option("3")
    casey.get_by_role("button", name="Save intake").click()
    casey.get_by_text("Intake saved.").wait_for()
    assert_accessible(casey)

    # A contact note
    casey.visit(reverse("support-notes", args=[engagement.pk]))
    casey.get_by_label("How").select_option("phone")
    casey.get_by_label("Duration (minutes)").fill("25")
    casey.get_by_label("Note", exact=True).fill("Went over the housing list together.")
    casey.get_by_role("button", name="Save note").click()
    casey.get_by_text("Note saved.").wait_for()
    assert ContactNote.objects.get().body == "Went over the housing list together."
    assert_accessible(casey)

    # An assessment
    casey.visit(reverse("support-assessments", args=[engagement.pk]))
    casey.get_by_role("link", name="Lantern recovery wellbeing check-in").click()
    for n in range(6):
        casey.locator(f"input[name=w{n + 1}][value='3']").check()
    assert_accessible(casey)
    casey.get_by_role("button", name="Save assessment").click()
    casey.get_by_role(
        "img", name="Scores over time: Lantern recovery wellbeing check-in"
    ).wait_for()
    assert Assessment.objects.get().score == 16  # 3 * 5 + (4 - 3)
    assert_accessible(casey)

    # A referral
    casey.visit(reverse("support-referrals", args=[engagement.pk]))
    casey.get_by_label("Resource from the directory").select_option(label="Harbor House")
    casey.get_by_label("Warm hand-off: I connected them in person").check()
    casey.get_by_role("button", name="Save referral").click()
    casey.get_by_text("Referral saved.").wait_for()
    assert Referral.objects.get().warm
    assert_accessible(casey)
    assert casey.evaluate("document.documentElement.scrollWidth") <= 360

    # river sees who looked, then withdraws consent
    river.visit(reverse("support-engagement", args=[engagement.pk]))
    assert river.get_by_text("casey · contact notes (peer specialist)").first.is_visible()
    assert_accessible(river)
    river.get_by_role("button", name="Withdraw consent now").click()
    river.get_by_text("Consent withdrawn.").wait_for()

    response = casey.visit(reverse("support-notes", args=[engagement.pk]))
    assert response.status == 404
    assert "housing list" not in casey.content()
    casey.visit(reverse("support-caseload"))
    assert casey.get_by_text("No consent in force").is_visible()
