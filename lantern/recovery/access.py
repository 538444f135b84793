"""Who may see a member's recovery records. Same shape as lantern.core.access.

A member's records are theirs alone; another person sees a part (milestones, check-ins, the
plan) only while the member's grant to them is active, and one journal entry only while it is
shared with them. Views answer 404 otherwise: the record must not even be known to exist.
"""

from . import services


def can_edit_recovery_record(user, obj) -> bool:
    """The member's own counters, check-ins, journal entries, plan items, goals and grants."""
    member_id = getattr(obj, "member_id", None)
    if member_id is None and hasattr(obj, "goal"):
        member_id = obj.goal.member_id
    if member_id is None and hasattr(obj, "counter"):
        member_id = obj.counter.member_id
    return user.is_authenticated and member_id == user.pk


def can_view_shared_recovery(user, member, scope: str) -> bool:
    grant = services.active_grant(user, member)
    return grant is not None and scope in grant.scopes()


def can_view_shared_anything(user, member) -> bool:
    return services.active_grant(user, member) is not None


def can_read_journal_entry(user, entry) -> bool:
    if not user.is_authenticated:
        return False
    return entry.member_id == user.pk or entry.shares.filter(person=user).exists()
