"""My data: the export holds a resident's residencies, the rules they accepted, their house
meeting attendance and chores (never the staff's reason for a move-out, nor the log); erasure
deletes them and the log entries about them."""

from lantern.accounts.services import erase_account, export_data
from lantern.programs.residences.models import (
    Attendance,
    ChoreAssignment,
    LogEntry,
    Residency,
    RulesAcknowledgement,
)
from lantern.programs.residences.services import chores, log, meetings, rules
from lantern.programs.residences.services.common import today_at

from .helpers import with_chores


def _fill(people, house):
    version = rules.publish_rules(people.jo, house.program, "Be kind.").obj
    rules.accept_rules(people.river, version)
    meeting = meetings.open_meeting(people.jo, house, meetings.last_scheduled_date(house))
    meeting.house = house
    meetings.take_attendance(people.jo, meeting, {people.river.pk: "present"})
    with_chores(people.jo, house)
    chores.advance_rota(people.jo, house, None)
    log.write_entry(people.jo, house, day=today_at(house), text="Late.", resident=people.river)
    log.write_entry(people.jo, house, day=today_at(house), text="The boiler.")


def test_the_export_holds_a_residents_records(people, house):
    _fill(people, house)
    section = export_data(people.river)["residences"]
    (stay,) = section["residencies"]
    assert stay["house"] == "North House" and stay["bed"] == "A" and stay["moved_out"] is None
    assert "leaving_reason" not in stay
    assert section["rules_accepted"][0]["version"] == 1
    assert section["house_meetings"][0]["status"] == "present"
    assert {c["chore"] for c in section["chores"]} == {"Kitchen", "Trash"}
    assert "Late." not in str(section)
    assert export_data(people.sam)["residences"]["residencies"] == []


def test_erasure_deletes_their_records_and_the_log_about_them(people, house):
    _fill(people, house)
    erase_account(people.river)
    assert not Residency.objects.exists()
    assert not RulesAcknowledgement.objects.exists()
    assert not Attendance.objects.exists()
    assert not ChoreAssignment.objects.exists()
    assert [e.text for e in LogEntry.objects.all()] == ["The boiler."]


def test_a_leader_who_leaves_leaves_the_log_without_their_name(people, house):
    _fill(people, house)
    erase_account(people.jo)
    assert set(LogEntry.objects.values_list("author", flat=True)) == {None}
