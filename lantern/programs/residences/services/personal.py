"""A person's residence data leaves with them (export) and goes (erasure)."""

from ..models import (
    Attendance,
    ChoreAssignment,
    LogEntry,
    Residency,
    RulesAcknowledgement,
    WaitingEntry,
)


def export(person) -> dict:
    """Their residencies (not the staff's reason for a move-out), the house rules they
    accepted, their house meeting attendance, their chores and their waiting-list places."""
    return {
        "residencies": [
            {
                "program": r.bed.room.house.program.name,
                "house": r.bed.room.house.name,
                "room": r.bed.room.name,
                "bed": r.bed.label,
                "moved_in": r.moved_in.isoformat(),
                "planned_move_out": r.planned_move_out.isoformat() if r.planned_move_out else None,
                "moved_out": r.moved_out.isoformat() if r.moved_out else None,
            }
            for r in Residency.objects.filter(person=person)
            .select_related("bed__room__house__program")
            .order_by("moved_in")
        ],
        "rules_accepted": [
            {
                "program": a.version.program.name,
                "version": a.version.number,
                "accepted_at": a.acknowledged_at.isoformat(),
            }
            for a in RulesAcknowledgement.objects.filter(person=person)
            .select_related("version__program")
            .order_by("acknowledged_at")
        ],
        "house_meetings": [
            {
                "house": a.meeting.house.name,
                "date": a.meeting.date.isoformat(),
                "status": a.status,
            }
            for a in Attendance.objects.filter(person=person)
            .select_related("meeting__house")
            .order_by("meeting__date")
        ],
        "chores": [
            {
                "house": c.week.house.name,
                "week_of": c.week.week_start.isoformat(),
                "chore": c.chore.name,
                "done_at": c.done_at.isoformat() if c.done_at else None,
            }
            for c in ChoreAssignment.objects.filter(person=person)
            .select_related("week__house", "chore")
            .order_by("week__week_start", "chore__name")
        ],
        "waiting_list": [
            {
                "program": w.program.name,
                "asked_on": w.asked_on.isoformat(),
                "status": w.status,
            }
            for w in WaitingEntry.objects.filter(person=person)
            .select_related("program")
            .order_by("asked_on")
        ],
    }


def erase(person) -> None:
    """Their records go, and the house log's entries about them. Entries they wrote as a house
    leader about others stay, without their name (the foreign key is set to null)."""
    LogEntry.objects.filter(resident=person).delete()
    ChoreAssignment.objects.filter(person=person).delete()
    Attendance.objects.filter(person=person).delete()
    RulesAcknowledgement.objects.filter(person=person).delete()
    WaitingEntry.objects.filter(person=person).delete()
    Residency.objects.filter(person=person).delete()
