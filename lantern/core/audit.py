"""The audit log: one call, `record(...)`, from every service that reads or changes sensitive
records. Details must never contain the sensitive text itself.

Reads of a member's private records by someone else are also what the member sees under "Who
looked" (recovery's sharing page). Each app registers the actions that are such reads, with
what the member is told was read, from its AppConfig.ready():

    audit.register_read("community.read_conversation", _("a reported private conversation"))
"""

from lantern.core.models import AuditEvent, reference

target_of = reference
_reads: dict[str, str] = {}


def record(actor, action: str, obj=None, *, subject=None, **details) -> AuditEvent:
    """Write who (`actor`) did `action` to `obj`, whose data belongs to `subject`."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target=target_of(obj),
        subject=subject,
        details=details,
    )


def record_many(actor, action: str, records, **details) -> list[AuditEvent]:
    """`record` for many records at once (one insert): a page listing entries about several
    people, each read written with its person as subject. `records` holds (obj, subject_id)."""
    return AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action=action,
            target=target_of(obj),
            subject_id=subject_id,
            details=details,
        )
        for obj, subject_id in records
    )


def register_read(action: str, label) -> None:
    """`action` is someone reading a member's private record; `label` (lazy) says what."""
    _reads[action] = label


def reads_about(member, limit: int = 50) -> list[AuditEvent]:
    """Who looked at the member's private records, newest first, each with `.what_was_read`."""
    events = list(
        AuditEvent.objects.filter(subject=member, action__in=list(_reads))
        .exclude(actor=member)
        .select_related("actor")[:limit]
    )
    for event in events:
        event.what_was_read = str(_reads[event.action])
    return events
