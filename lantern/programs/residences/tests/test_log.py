"""The house log: written by the house leader, encrypted at rest, read by staff only, every read
of an entry about a resident audited with that resident as subject and shown in their "Who
looked"; residents never see it."""

from datetime import timedelta

from django.db import connection
from django.urls import reverse

from lantern.core import audit
from lantern.core.errors import Refused
from lantern.core.models import AuditEvent
from lantern.programs.residences.models import LogEntry, Residency
from lantern.programs.residences.services import log, residents
from lantern.programs.residences.services.common import today_at

WORDS = "River came back late and upset; we talked it through."


def _log(house):
    return reverse("residences-log", args=[house.program.slug, house.pk])


def test_the_leader_writes_an_entry_and_it_is_encrypted_at_rest(people, house, signed_in):
    jo = signed_in(people.jo)
    response = jo.post(
        _log(house),
        {"date": today_at(house).isoformat(), "resident": people.river.pk, "text": WORDS},
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get()
    assert entry.text == WORDS and entry.resident == people.river and entry.author == people.jo
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text FROM {LogEntry._meta.db_table}")
        (raw,) = cursor.fetchone()
    assert "River" not in raw and raw.startswith("gAAAA")


def test_reading_an_entry_about_a_resident_is_audited_and_they_see_who_looked(
    people, house, signed_in
):
    log.write_entry(people.jo, house, day=today_at(house), text=WORDS, resident=people.river)
    log.write_entry(people.jo, house, day=today_at(house), text="New smoke alarm.")
    page = signed_in(people.jo).get(_log(house))
    assert WORDS in page.content.decode() and "New smoke alarm." in page.content.decode()
    reads = AuditEvent.objects.filter(action=log.READ)
    assert [(e.actor, e.subject) for e in reads] == [(people.jo, people.river)]
    (looked,) = audit.reads_about(people.river)
    assert looked.actor == people.jo
    assert looked.what_was_read == "an entry about you in your house's log"


def test_the_log_about_one_resident(people, house, signed_in):
    log.write_entry(people.jo, house, day=today_at(house), text=WORDS, resident=people.river)
    log.write_entry(people.jo, house, day=today_at(house), text="New smoke alarm.")
    page = signed_in(people.jo).get(_log(house) + f"?about={people.river.pk}").content.decode()
    assert WORDS in page and "New smoke alarm." not in page


def test_residents_never_see_the_log(people, house, signed_in):
    log.write_entry(people.jo, house, day=today_at(house), text=WORDS, resident=people.river)
    river = signed_in(people.river)
    assert river.get(_log(house)).status_code == 404
    assert WORDS not in river.get(house.get_absolute_url()).content.decode()


def test_a_log_entry_needs_words_and_a_resident_of_the_house(people, house, signed_in):
    response = signed_in(people.jo).post(
        _log(house), {"date": today_at(house).isoformat(), "text": "   "}
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    response = signed_in(people.jo).post(
        _log(house),
        {"date": today_at(house).isoformat(), "resident": people.sam.pk, "text": "x"},
    )
    assert response.status_code == 400  # sam never lived here: not a choice
    assert not LogEntry.objects.exists()


def test_the_log_passes_the_safety_net_as_private_staff_writing(people, house, signed_in):
    jo = signed_in(people.jo)
    jo.post(
        _log(house),
        {
            "date": today_at(house).isoformat(),
            "resident": people.river.pk,
            "text": "He said he wants to kill himself tonight and has pills saved up.",
        },
    )
    page = jo.get(_log(house)).content.decode()
    assert "988" in page  # the writer is offered the crisis lines


def test_writing_an_entry_is_audited_with_the_resident_as_subject(people, house):
    log.write_entry(people.jo, house, day=today_at(house), text=WORDS, resident=people.river)
    event = AuditEvent.objects.get(action="residences.write_log")
    assert (event.actor, event.subject) == (people.jo, people.river)
    assert WORDS not in str(event.details)  # never the words themselves


def test_an_entry_can_be_about_someone_who_has_moved_out(people, house):
    residency = Residency.objects.get(person=people.river)
    residency.bed.room.house = house
    residents.move_out(people.jo, residency, today_at(house), "asked_to_leave")
    assert list(log.residents_ever(house)) == [people.river]
    entry = log.write_entry(
        people.jo, house, day=today_at(house), text="Left the keys.", resident=people.river
    ).obj
    assert entry.resident == people.river


def test_the_log_shows_the_latest_entries_first_and_at_most_fifty(people, house):
    today = today_at(house)
    for n in range(55):
        log.write_entry(people.jo, house, day=today - timedelta(days=n), text=f"Entry {n}")
    entries = log.read_entries(people.jo, house)
    assert len(entries) == 50
    assert entries[0].text == "Entry 0" and entries[-1].text == "Entry 49"


def test_an_entry_is_not_dated_in_the_future(people, house):
    try:
        log.write_entry(people.jo, house, day=today_at(house) + timedelta(days=1), text="x")
    except Refused as error:
        assert error.field == "date"
    else:
        raise AssertionError("a log entry is about what has happened")
