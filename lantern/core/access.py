"""Who may do what: the one place access decisions are made.

Every function has the shape `can_<verb>_<thing>(user, obj=None) -> bool`. Views, the API and
templates ask these; nothing else decides. The access-matrix test (core/tests/test_access_matrix.py)
checks every URL against them for every role.
"""

from django.conf import settings

MEMBER = "member"
SUPPORTER = "supporter"
SPECIALIST = "specialist"
MODERATOR = "moderator"
ADMIN = "admin"


def roles_of(user) -> frozenset[str]:
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    return user.roles


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def needs_mfa(user) -> bool:
    """Staff roles see other people's sensitive records; they must use two factors."""
    return has_role(user, *settings.STAFF_ROLES)


def can_use_site(user) -> bool:
    return user.is_authenticated and user.is_active


def can_manage_roles(user) -> bool:
    return has_role(user, ADMIN)


def can_use_admin(user) -> bool:
    return has_role(user, ADMIN)


def can_read_notification(user, notification) -> bool:
    return user.is_authenticated and notification.recipient_id == user.pk


def can_read_audit_log(user) -> bool:
    return has_role(user, ADMIN)


def can_review_meeting_changes(user) -> bool:
    """Moderators keep the meeting list right; administrators may too."""
    return has_role(user, MODERATOR, ADMIN)


def can_import_meetings(user) -> bool:
    return has_role(user, ADMIN)
