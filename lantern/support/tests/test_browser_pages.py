"""Every support and directory page at 360 px passes axe, with records on it: the caseload, the
due list, the report, the team page, each record page, and the directory."""

import pytest
from django.urls import reverse

from lantern.conftest import assert_accessible
from lantern.directory import services as directory
from lantern.directory.models import Resource
from lantern.support import services
from lantern.support.models import Team, today

from .conftest import open_engagement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "name,kind,address,phone,languages\n"
    "Harbor House,housing,1 Main St,312-555-0100,English\n"
    "Westside MOUD,mat,5 Main St,312-555-0102,English; Spanish\n"
)


WIDE = """() => [...document.querySelectorAll('main *')]
    .filter(e => e.getBoundingClientRect().right > 360)
    .slice(0, 5)
    .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))"""


def _wide(page):
    """What sticks out past 360 px, for the failure message."""
    return page.evaluate(WIDE)


def test_the_pages_are_accessible_at_360_px(people, phone, second_phone):
    directory.import_csv(None, CSV)
    engagement = open_engagement(people.casey, people.river, audience="supervision")
    services.save_intake(
        people.casey,
        engagement,
        pathways=["smart"],
        goals="Work",
        needs={"housing": {"level": 2, "note": ""}},
        strengths="Humour",
    )
    note = services.add_note(
        people.casey, engagement, contact_on=today(), mode="phone", minutes=20, body="Call"
    ).obj
    services.add_addendum(people.casey, note, "Later: she called back.")
    services.record_assessment(
        people.casey, engagement, "recovery-capital-10", {f"rc{n}": 4 for n in range(1, 11)}
    )
    services.make_referral(people.casey, engagement, resource=Resource.objects.first())
    services.invite(people.casey, "sam")
    Team.objects.create(name="North side", supervisor=people.casey).specialists.add(people.casey)

    casey = phone
    casey.sign_in("casey")
    pages = [
        reverse("support-caseload"),
        reverse("support-due"),
        reverse("support-team"),
        reverse("support-invite"),
        reverse("support-report"),
        reverse("support-engagement", args=[engagement.pk]),
        reverse("support-intake", args=[engagement.pk]),
        reverse("support-notes", args=[engagement.pk]),
        reverse("support-note", args=[note.pk]),
        reverse("support-assessments", args=[engagement.pk]),
        reverse("support-assessment-new", args=[engagement.pk, "recovery-capital-10"]),
        reverse("support-referrals", args=[engagement.pk]),
        reverse("support-followups", args=[engagement.pk]),
        reverse("support-plan", args=[engagement.pk]),
        reverse("directory-import"),
        reverse("directory-resource", args=[Resource.objects.first().pk]),
    ]
    for path in pages:
        response = casey.visit(path)
        assert response.status == 200, path
        assert_accessible(casey)
        assert casey.evaluate("document.documentElement.scrollWidth") <= 360, (path, _wide(casey))

    river = second_phone
    river.visit(reverse("directory-list") + "?kind=mat")
    assert river.get_by_text("Westside MOUD").is_visible()
    assert_accessible(river)
    river.sign_in("river")
    for path in (
        reverse("support-home"),
        reverse("support-engagement", args=[engagement.pk]),
        reverse("support-consent", args=[engagement.pk]),
        reverse("support-join"),
        reverse("support-notes", args=[engagement.pk]),
    ):
        response = river.visit(path)
        assert response.status == 200, path
        assert_accessible(river)
