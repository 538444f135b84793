"""My data: the export carries every support record (decrypted) with the notice against
redisclosure; erasure removes the engagements and what points at them."""

import pytest

from lantern.accounts import services as accounts
from lantern.core.models import Notification
from lantern.support import services
from lantern.support.models import ContactNote, Engagement, today

pytestmark = pytest.mark.django_db


def test_the_export_has_every_record_and_the_notice(people, engagement):
    services.add_note(
        people.casey, engagement, contact_on=today(), mode="video", minutes=30, body="Good talk"
    )
    services.save_intake(
        people.casey, engagement, pathways=["smart"], goals="A job", needs={}, strengths=""
    )
    list(services.read_notes(people.casey, engagement))
    services.propose_goal(people.casey, engagement, title="Walk daily", steps="Shoes")
    data = accounts.export_data(people.river)["support"]
    assert "42 CFR part 2" in data["notice"]
    exported = data["engagements"][0]
    assert exported["specialist"] == "casey"
    assert exported["contact_notes"][0]["note"] == "Good talk"
    assert exported["intake"]["goals"] == "A job"
    assert exported["consent"]["scopes"]
    assert exported["plan_proposals"][0]["steps"] == ["Shoes"]
    assert data["access_history"][0]["who"] == "casey"


def test_erasure_removes_the_engagement_and_its_notifications(people, engagement):
    services.add_note(
        people.casey, engagement, contact_on=today(), mode="video", minutes=30, body="Good talk"
    )
    assert Notification.objects.about(engagement).exists()
    accounts.erase_account(people.river)
    assert not Engagement.objects.exists()
    assert not ContactNote.objects.exists()
    assert not Notification.objects.about(engagement).exists()


def test_a_specialist_leaving_keeps_the_members_records(people, engagement):
    services.add_note(
        people.casey, engagement, contact_on=today(), mode="video", minutes=30, body="Good talk"
    )
    accounts.erase_account(people.casey)
    note = ContactNote.objects.get()
    assert note.author is None and note.engagement.specialist is None
