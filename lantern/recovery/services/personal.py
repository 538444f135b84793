"""My data: the export and erasure of a member's recovery records."""

from django.db.models import Prefetch

from lantern.core.models import Notification

from ..models import GoalStep, Preferences

# --- My data ------------------------------------------------------------------------------------


def _iso(value):
    return value.isoformat() if value is not None else None


def _handle(person):
    return person.handle if person is not None else None


def export_recovery(member) -> dict:
    """Every recovery record of the member, text decrypted, for their own data export."""
    return {
        "counters": [
            {
                "kind": c.kind,
                "name": c.name,
                "tell_on_reset": c.tell_on_reset,
                "created_at": _iso(c.created_at),
                "runs": [
                    {
                        "started_on": _iso(r.started_on),
                        "started_at": _iso(r.started_at),
                        "ended_on": _iso(r.ended_on),
                    }
                    for r in c.runs.all()
                ],
            }
            for c in member.counters.prefetch_related("runs")
        ],
        "checkins": [
            {
                "day": _iso(c.day),
                "mood": c.mood,
                "craving": c.craving,
                "triggers": c.triggers,
                "sleep": c.sleep,
                "medication_taken": c.medication_taken,
                "meetings": [a.meeting_name for a in c.meetings.all()],
                "other_meetings": c.other_meetings,
                "gratitude": c.gratitude,
                "note": c.note,
                "updated_at": _iso(c.updated_at),
            }
            for c in member.checkins.prefetch_related("meetings")
        ],
        "journal": [
            {
                "title": e.title,
                "body": e.body,
                "created_at": _iso(e.created_at),
                "updated_at": _iso(e.updated_at),
                "shared_with": [s.person.handle for s in e.shares.select_related("person")],
            }
            for e in member.journal_entries.all()
        ],
        "plan": {
            "goals": [
                {
                    "title": g.title,
                    "target_date": _iso(g.target_date),
                    "status": g.status,
                    "done_on": _iso(g.done_on),
                    "added_by": _handle(g.created_by),
                    "steps": [
                        {
                            "text": s.text,
                            "done": s.done,
                            "done_on": _iso(s.done_on),
                            "added_by": _handle(s.created_by),
                        }
                        for s in g.steps.all()
                    ],
                    "notes": [
                        {"text": n.text, "created_at": _iso(n.created_at)} for n in g.notes.all()
                    ],
                }
                for g in member.recovery_goals.select_related("created_by").prefetch_related(
                    Prefetch("steps", queryset=GoalStep.objects.select_related("created_by"))
                )
            ],
            "changes": [
                {
                    "who": _handle(c.actor),
                    "action": c.action,
                    "what": c.target,
                    "at": _iso(c.at),
                }
                for c in member.plan_changes.select_related("actor")
            ],
            "items": [
                {"kind": i.kind, "text": i.text, "detail": i.detail}
                for i in member.plan_items.all()
            ],
        },
        "sharing": [
            {
                "person": g.person.handle,
                "scopes": g.scopes(),
                "ends_on": _iso(g.ends_on),
                "created_at": _iso(g.created_at),
                "revoked_at": _iso(g.revoked_at),
            }
            for g in member.recovery_grants.select_related("person")
        ],
        "reminder_time": _iso(
            getattr(Preferences.objects.filter(member=member).first(), "reminder_time", None)
        ),
        "nudges": [
            {"kind": n.kind, "day": _iso(n.day), "circle_told": n.circle_told}
            for n in member.recovery_nudges.all()
        ],
    }


def erase_recovery(member) -> None:
    """Every recovery row cascades with the account. What would outlive it: notifications in
    other people's lists about this member's records (a new start, a shared journal entry, a
    grant); remove them, found by what they are about."""
    # Who changed the member's plan: theirs, gone with them (said here, not left to a cascade).
    member.plan_changes.all().delete()
    records = [
        *member.counters.only("pk"),
        *member.journal_entries.only("pk"),
        *member.recovery_grants.only("pk"),
    ]
    if records:
        Notification.objects.about(*records).delete()
