"""Supervisors see their team's caseloads and follow-up rate, never the records' text."""

import pytest
from django.urls import reverse

from lantern.support import services
from lantern.support.models import Team, today

from .conftest import open_engagement

pytestmark = pytest.mark.django_db


def test_a_supervisor_sees_the_teams_caseloads_but_not_the_notes(people, signed_in, engagement):
    services.add_note(
        people.casey, engagement, contact_on=today(), mode="phone", minutes=5, body="Private words"
    )
    team = Team.objects.create(name="North side", supervisor=people.alex)
    team.specialists.add(people.casey)
    page = signed_in(people.alex).get(reverse("support-team"))
    assert page.status_code == 200
    assert b"North side" in page.content and b"river" in page.content
    assert b"Private words" not in page.content
    # the supervisor still cannot open the records themselves
    assert (
        signed_in(people.alex).get(reverse("support-notes", args=[engagement.pk])).status_code
        == 404
    )


def test_only_supervisors_have_a_team_page(people, signed_in):
    assert signed_in(people.casey).get(reverse("support-team")).status_code == 404
    assert signed_in(people.river).get(reverse("support-team")).status_code == 404


def test_a_supervisor_reads_notes_only_when_the_consent_names_supervision(people, signed_in):
    team = Team.objects.create(name="North side", supervisor=people.alex)
    team.specialists.add(people.casey)
    supervised = open_engagement(people.casey, people.river, audience="supervision")
    private = open_engagement(people.casey, people.sam)
    for e in (supervised, private):
        services.add_note(
            people.casey, e, contact_on=today(), mode="phone", minutes=5, body=f"About {e.pk}"
        )
    alex = signed_in(people.alex)
    page = alex.get(reverse("support-notes", args=[supervised.pk]))
    assert page.status_code == 200 and f"About {supervised.pk}".encode() in page.content
    assert b"Save note" not in page.content  # reading only
    assert (
        alex.post(reverse("support-notes", args=[supervised.pk]), {"body": "x"}).status_code == 404
    )
    assert alex.get(reverse("support-notes", args=[private.pk])).status_code == 404
    # the member sees that the supervisor looked
    history = services.access_history(people.river)
    assert [(e.actor.handle, e.what_was_read) for e in history] == [
        ("alex", "contact notes (supervisor)")
    ]
    # and a withdrawn consent ends it at once
    services.revoke_consent(people.river, supervised)
    assert alex.get(reverse("support-notes", args=[supervised.pk])).status_code == 404


def test_a_supervisor_of_another_team_reads_nothing(people, signed_in):
    Team.objects.create(name="South side", supervisor=people.alex)  # casey is not in it
    e = open_engagement(people.casey, people.river, audience="supervision")
    assert signed_in(people.alex).get(reverse("support-notes", args=[e.pk])).status_code == 404
