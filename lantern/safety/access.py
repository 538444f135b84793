"""Who may see and act on the safety net's records. Same shape as lantern.core.access."""

from lantern.core.access import ADMIN, MODERATOR, SPECIALIST, SUPPORTER, has_role

RESPONDER_ROLES = (SUPPORTER, SPECIALIST, MODERATOR, ADMIN)
ALERT_ROLES = (MODERATOR, SPECIALIST, ADMIN)


def can_reach_out(user) -> bool:
    return user.is_authenticated and user.is_active


def can_view_reach_out(user, reach_out) -> bool:
    """The member, the people asked to respond, and specialists and admins (who may be
    escalated to at any time)."""
    if not user.is_authenticated:
        return False
    if reach_out.member_id == user.pk or reach_out.claimed_by_id == user.pk:
        return True
    if has_role(user, SPECIALIST, ADMIN):
        return True
    return reach_out.recipients.filter(person=user).exists()


def can_claim_reach_out(user, reach_out) -> bool:
    return reach_out.member_id != user.pk and can_view_reach_out(user, reach_out)


def can_message_in_reach_out(user, reach_out) -> bool:
    return user.pk in (reach_out.member_id, reach_out.claimed_by_id)


def can_close_reach_out(user, reach_out) -> bool:
    return user.pk in (reach_out.member_id, reach_out.claimed_by_id) or has_role(
        user, SPECIALIST, ADMIN
    )


def can_respond_to_reach_outs(user) -> bool:
    return has_role(user, *RESPONDER_ROLES)


def can_work_alerts(user) -> bool:
    return has_role(user, *ALERT_ROLES)


def can_go_on_duty(user) -> bool:
    return has_role(user, *RESPONDER_ROLES)


def can_view_safety_metrics(user) -> bool:
    return has_role(user, *ALERT_ROLES)
