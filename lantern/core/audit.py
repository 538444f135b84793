"""The audit log: one call, `record(...)`, from every service that reads or changes sensitive
records. Details must never contain the sensitive text itself."""

from lantern.core.models import AuditEvent


def target_of(obj) -> str:
    if obj is None:
        return ""
    return f"{obj._meta.label_lower}:{obj.pk}"


def record(actor, action: str, obj=None, *, subject=None, **details) -> AuditEvent:
    """Write who (`actor`) did `action` to `obj`, whose data belongs to `subject`."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target=target_of(obj),
        subject=subject,
        details=details,
    )
