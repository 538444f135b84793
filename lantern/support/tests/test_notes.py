"""Contact notes: encrypted at rest, editable by their author for 24 hours, after that only
addenda (never a silent edit); the safety net reads them as a private contact note."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from lantern.core.errors import Refused
from lantern.safety.models import Alert
from lantern.support import services
from lantern.support.models import Addendum, ContactNote, Intake, today

pytestmark = pytest.mark.django_db

NOTE = {
    "contact_on": None,
    "mode": "phone",
    "minutes": 25,
    "topics": "housing, sleep",
    "body": "Talked through the housing application. Feeling steadier.",
    "next_steps": "Call Harbor House on Monday",
}


def note_values(**changes):
    return {**NOTE, "contact_on": today(), **changes}


def test_a_specialist_writes_a_note_from_the_page(people, signed_in, engagement):
    casey = signed_in(people.casey)
    data = note_values()
    response = casey.post(reverse("support-notes", args=[engagement.pk]), data)
    assert response.status_code == 302
    note = ContactNote.objects.get()
    assert note.body == NOTE["body"]
    assert note.author == people.casey
    page = casey.get(reverse("support-notes", args=[engagement.pk]))
    assert NOTE["body"].encode() in page.content
    assert b"42 CFR part 2" in page.content  # the notice against redisclosure


def test_bad_input_shows_the_form_again_and_loses_nothing(people, signed_in, engagement):
    casey = signed_in(people.casey)
    data = note_values(minutes=0)
    response = casey.post(reverse("support-notes", args=[engagement.pk]), data)
    assert response.status_code == 400
    assert NOTE["body"].encode() in response.content
    assert not ContactNote.objects.exists()


def test_note_text_is_encrypted_in_the_database(people, engagement):
    services.add_note(people.casey, engagement, **note_values())
    services.save_intake(
        people.casey,
        engagement,
        pathways=["smart"],
        goals="Get my own apartment",
        needs={"housing": {"level": 3, "note": "couch surfing"}},
        strengths="Stubborn in a good way",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT body, topics, next_steps FROM support_contactnote")
        raw = " ".join(cursor.fetchone())
        cursor.execute("SELECT goals, needs, strengths, pathways FROM support_intake")
        raw_intake = " ".join(cursor.fetchone())
    assert "housing" not in raw and "Harbor" not in raw
    assert raw.startswith("gAAAA")
    assert "apartment" not in raw_intake and "couch" not in raw_intake
    assert "smart" not in raw_intake
    assert Intake.objects.get().need_map == {"housing": {"level": 3, "note": "couch surfing"}}


def test_a_note_can_be_changed_within_24_hours(people, engagement):
    note = services.add_note(people.casey, engagement, **note_values()).obj
    services.edit_note(people.casey, note, **note_values(body="Corrected wording."))
    note.refresh_from_db()
    assert note.body == "Corrected wording."
    assert note.updated_at is not None


def test_after_24_hours_a_note_only_gets_addenda(people, signed_in, engagement):
    note = services.add_note(people.casey, engagement, **note_values()).obj
    ContactNote.objects.filter(pk=note.pk).update(
        created_at=timezone.now() - timedelta(hours=24, minutes=1)
    )
    note.refresh_from_db()
    with pytest.raises(Refused, match="addendum"):
        services.edit_note(people.casey, note, **note_values(body="Rewritten history."))
    casey = signed_in(people.casey)
    response = casey.post(reverse("support-note", args=[note.pk]), note_values(body="Sneaky"))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.body == NOTE["body"]
    assert b"Change this note" not in casey.get(reverse("support-note", args=[note.pk])).content
    casey.post(reverse("support-addendum", args=[note.pk]), {"body": "She called back Tuesday."})
    assert Addendum.objects.get().body == "She called back Tuesday."
    page = casey.get(reverse("support-note", args=[note.pk]))
    assert b"She called back Tuesday." in page.content


def test_only_the_author_changes_a_note(people, engagement):
    note = services.add_note(people.casey, engagement, **note_values()).obj
    with pytest.raises(Refused):
        services.edit_note(people.river, note, **note_values(body="x"))


def test_notes_in_the_future_are_refused(people, engagement):
    with pytest.raises(Refused) as error:
        services.add_note(
            people.casey, engagement, **note_values(contact_on=today() + timedelta(days=2))
        )
    assert error.value.field == "contact_on"


def test_urgent_words_in_a_note_stay_private(people, engagement):
    saved = services.add_note(
        people.casey,
        engagement,
        **note_values(body="She said she wants to kill herself tonight and has pills."),
    )
    assert saved.show_crisis_resources
    assert not Alert.objects.exists()  # a contact note never reaches the moderators' queue


def test_reading_notes_is_audited_for_the_member(people, engagement):
    services.add_note(people.casey, engagement, **note_values())
    list(services.read_notes(people.casey, engagement))
    history = services.access_history(people.river)
    assert [e.action for e in history] == ["support.read_notes"]
    list(services.read_notes(people.river, engagement))  # the member's own read is not
    assert len(services.access_history(people.river)) == 1


def test_every_sensitive_column_is_encrypted(people, engagement):
    services.record_assessment(people.casey, engagement, "lantern-wellbeing", {"w1": 3, "w2": 2})
    referral = services.make_referral(
        people.casey, engagement, professional="Dr. Okafor", category="health"
    ).obj
    services.set_referral_status(people.casey, referral, "connected", "Seen on Tuesday")
    services.propose_goal(people.casey, engagement, title="Walk daily", steps="New shoes")
    request = services.request_specialist(people.sam, "Nights are hard").obj
    columns = {
        "support_assessment": ["answers", "subscores"],
        "support_referral": ["outcome"],
        "support_planproposal": ["title", "steps"],
        "support_engagement": ["request_note"],
    }
    with connection.cursor() as cursor:
        for table, names in columns.items():
            cursor.execute(f"SELECT {', '.join(names)} FROM {table} WHERE {names[0]} != ''")
            for row in cursor.fetchall():
                for value in row:
                    assert value.startswith("gAAAA"), (table, value[:20])
    assert request.request_note == "Nights are hard"
