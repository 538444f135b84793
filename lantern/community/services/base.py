"""What the community's services share: checking written text, the moderators' record, and who
moderates a group."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from lantern.core.errors import Refused

from ..models import Membership, ModerationAction, Space

TITLE_MAX = 120
POST_MAX = 10_000
MESSAGE_MAX = 4_000
REASON_MAX = 500
NOTE_MAX = 1_000
MENTIONS_MAX = 20  # handles looked up per post


def clean_text(value: str, *, limit: int, what: str, field: str | None = None) -> str:
    """Reject empty, oversized or control-character text; keep everything else as typed (it is
    rendered through the sanitiser, never trusted). `field` names the form field at fault."""
    if not isinstance(value, str):
        raise Refused(_("%(what)s must be text.") % {"what": what}, field=field)
    value = value.replace("\r\n", "\n").strip()
    if not value:
        raise Refused(_("%(what)s cannot be empty.") % {"what": what}, field=field)
    if len(value) > limit:
        raise Refused(
            _("%(what)s is too long: at most %(limit)s characters.")
            % {"what": what, "limit": f"{limit:,}"},
            field=field,
        )
    if any(ord(c) < 32 and c not in "\n\t" for c in value) or "\ufffd" in value:
        raise Refused(
            _("%(what)s contains characters that cannot be shown.") % {"what": what},
            field=field,
        )
    return value


def clean_reason(reason: str) -> str:
    """A moderator's reason, which the other moderators read."""
    return clean_text(reason, limit=REASON_MAX, what=_("The reason"), field="reason")


def record_action(moderator, kind: str, reason: str, **fields) -> ModerationAction:
    """Write a moderator's action, with its reason, to the log every moderator reads."""
    return ModerationAction.objects.create(
        moderator=moderator, kind=kind, reason=reason[:REASON_MAX], **fields
    )


def space_moderators(space: Space) -> list:
    """A group's active peer moderators."""
    return list(
        get_user_model().objects.filter(
            space_memberships__space=space,
            space_memberships__role=Membership.Role.MODERATOR,
            space_memberships__status=Membership.Status.ACTIVE,
            is_active=True,
        )
    )


def person_by_handle(handle: str):
    """An active person by handle (a leading "@" allowed), or None."""
    handle = (handle or "").strip().lstrip("@")
    if not handle:
        return None
    return get_user_model().objects.filter(handle__iexact=handle, is_active=True).first()


def people_by_handles(handles: set[str]) -> list:
    if not handles:
        return []
    query = Q()
    for handle in list(handles)[:MENTIONS_MAX]:
        query |= Q(handle__iexact=handle)
    return list(get_user_model().objects.filter(query, is_active=True))
