"""Record pages through the browser's eyes (the test client): the specialist writes, the member
reads their own records without any form, and refusals come back with a message."""

from datetime import timedelta

import pytest
from django.urls import reverse

from lantern.support import services
from lantern.support.models import FollowUp, Referral, today

pytestmark = pytest.mark.django_db


def _note(people, engagement):
    return services.add_note(
        people.casey, engagement, contact_on=today(), mode="video", minutes=15, body="Hello"
    ).obj


def test_the_member_reads_their_records_without_forms(people, signed_in, engagement):
    note = _note(people, engagement)
    services.save_intake(
        people.casey, engagement, pathways=["faith"], goals="Reconnect", needs={}, strengths=""
    )
    river = signed_in(people.river)
    notes = river.get(reverse("support-notes", args=[engagement.pk]))
    assert b"Hello" in notes.content and b"Save note" not in notes.content
    page = river.get(reverse("support-note", args=[note.pk]))
    assert b"Add an addendum" not in page.content and b"Change this note" not in page.content
    intake = river.get(reverse("support-intake", args=[engagement.pk]))
    assert b"Reconnect" in intake.content and b"Save intake" not in intake.content
    assert (
        river.post(reverse("support-notes", args=[engagement.pk]), {"body": "x"}).status_code == 404
    )
    assert river.post(reverse("support-addendum", args=[note.pk]), {"body": "x"}).status_code == 404
    # and none of the member's own reads show in their access history
    assert services.access_history(people.river) == []


def test_referral_status_moves_through_the_page(people, signed_in, engagement):
    referral = services.make_referral(
        people.casey, engagement, professional="Legal aid", category="legal"
    ).obj
    casey = signed_in(people.casey)
    url = reverse("support-referral-status", args=[referral.pk])
    casey.post(url, {"status": "connected", "outcome": "Met the lawyer"})
    casey.post(url, {"status": "completed"})
    referral = Referral.objects.get()
    assert referral.status == "completed" and referral.outcome == "Met the lawyer"
    casey.post(url, {"status": "lost"})
    assert Referral.objects.get().status == "completed"


def test_a_follow_up_is_recorded_and_a_future_date_refused(people, signed_in, engagement):
    services.schedule_for_intake(engagement, today() - timedelta(days=30))
    followup = FollowUp.objects.get(engagement=engagement, kind="30d")
    casey = signed_in(people.casey)
    url = reverse("support-followup-record", args=[followup.pk])
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = casey.post(url, {"outcome": "reached", "done_on": tomorrow}, follow=True)
    assert b"That date is in the future." in response.content
    casey.post(url, {"outcome": "not_reached", "done_on": today().isoformat()})
    followup.refresh_from_db()
    assert followup.outcome == "not_reached" and followup.done_on == today()
    page = casey.get(reverse("support-followups", args=[engagement.pk]))
    assert b"Not reached" in page.content


def test_the_specialist_changes_a_fresh_note_from_its_page(people, signed_in, engagement):
    note = _note(people, engagement)
    casey = signed_in(people.casey)
    data = {"contact_on": today().isoformat(), "mode": "phone", "minutes": "20", "body": "Fixed"}
    assert casey.post(reverse("support-note", args=[note.pk]), data).status_code == 302
    note.refresh_from_db()
    assert note.body == "Fixed" and note.mode == "phone"


def test_an_empty_addendum_is_refused_with_a_message(people, signed_in, engagement):
    note = _note(people, engagement)
    response = signed_in(people.casey).post(
        reverse("support-addendum", args=[note.pk]), {"body": ""}, follow=True
    )
    assert b"Write the addendum." in response.content
    assert not note.addenda.exists()


def test_a_hand_over_by_page_needs_a_colleague(people, signed_in, engagement):
    response = signed_in(people.casey).post(
        reverse("support-handover", args=[engagement.pk]), {"handle": "river"}, follow=True
    )
    assert b"Choose another peer specialist." in response.content
