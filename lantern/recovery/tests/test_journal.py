"""The private journal: encrypted at rest, the member's alone, checked for crisis."""

from django.db import connection

from lantern.recovery import services
from lantern.recovery.models import JournalEntry

URGENT_TEXT = "i have the pills counted out, tonight is the night"


def raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_a_member_writes_and_changes_an_entry_stored_encrypted(people, signed_in):
    river = signed_in(people.river)
    response = river.post(
        "/recovery/journal/new/", {"title": "Ninety days", "body": "I called my sister today."}
    )
    entry = JournalEntry.objects.get(member=people.river)
    assert response["Location"] == f"/recovery/journal/{entry.pk}/"
    assert "I called my sister today." in river.get(response["Location"]).content.decode()
    for column in ("title", "body"):
        stored = raw("recovery_journalentry", column, entry.pk)
        assert stored.startswith("gAAAA") and "sister" not in stored and "Ninety" not in stored
    river.post(f"/recovery/journal/{entry.pk}/", {"title": "Ninety days", "body": "Edited."})
    entry.refresh_from_db()
    assert entry.body == "Edited."
    assert "Ninety days" in river.get("/recovery/journal/").content.decode()


def test_nobody_else_can_read_or_change_an_entry(people, signed_in):
    entry = JournalEntry.objects.create(member=people.river, title="", body="mine")
    for person in (people.sam, people.jo, people.casey, people.alex):
        client = signed_in(person)
        assert client.get(f"/recovery/journal/{entry.pk}/").status_code == 404
        assert client.post(f"/recovery/journal/{entry.pk}/", {"body": "x"}).status_code == 404
        assert "mine" not in client.get("/recovery/journal/").content.decode()
    entry.refresh_from_db()
    assert entry.body == "mine"


def test_an_empty_entry_is_refused_and_the_title_kept(people, signed_in):
    response = signed_in(people.river).post(
        "/recovery/journal/new/", {"title": "Tonight", "body": "   "}
    )
    page = response.content.decode()
    assert "This field is required." in page or "Write something first." in page
    assert 'value="Tonight"' in page
    assert not JournalEntry.objects.exists()


def test_an_entry_that_sounds_like_crisis_shows_crisis_lines_next(people, signed_in):
    river = signed_in(people.river)
    page = river.post(
        "/recovery/journal/new/", {"title": "", "body": URGENT_TEXT}, follow=True
    ).content.decode()
    assert "have to carry this alone" in page and "988" in page
    assert JournalEntry.objects.get().body == URGENT_TEXT  # saved all the same


def test_stopping_a_share_with_a_malformed_person_is_a_message_not_an_error(people, signed_in):
    entry = services.save_entry(people.river, title="A title", body="Some words").obj
    river = signed_in(people.river)
    response = river.post(
        f"/recovery/journal/{entry.pk}/unshare/", {"person_id": "abc"}, follow=True
    )
    assert response.status_code == 200
    assert "Choose whom to stop sharing with." in response.content.decode()
