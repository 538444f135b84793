"""What the support services share: the checks every service makes before it touches a
member's records, and the audit of staff reads."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import NotFound, Refused
from lantern.safety.contexts import Context
from lantern.safety.services import check_text

from .. import access

TEXT_LIMIT = 10_000


def now():
    return timezone.now()


def staff_only(actor, engagement, scope: str) -> None:
    """Refuse (as not found) unless the actor is the engagement's specialist and the member's
    consent covers `scope` right now."""
    if not access.can_write_records(actor, engagement, scope):
        raise NotFound(_("You cannot reach this record."))


def reader_only(actor, engagement, scope: str) -> None:
    """The member, or the specialist with consent covering `scope`; a specialist's read is
    audited (the member sees it in their access history and under "Who looked")."""
    if access.is_member_of(actor, engagement):
        return
    if access.can_read_records(actor, engagement, scope):
        audit.record(actor, f"support.read_{scope}", engagement, subject=engagement.member)
    elif access.can_supervise_records(actor, engagement, scope):
        audit.record(actor, f"support.supervise_{scope}", engagement, subject=engagement.member)
    else:
        raise NotFound(_("You cannot reach this record."))


def limit(text: str, name: str, size: int = TEXT_LIMIT) -> str:
    text = (text or "").strip()
    if len(text) > size:
        raise Refused(
            _("Please keep this under %(n)s characters.") % {"n": f"{size:,}"}, field=name
        )
    return text


def safety_check(author, texts, context: Context) -> bool:
    """One safety check for everything saved together; True when the writer should see crisis
    lines. Support's contexts are private: nothing reaches the moderators' queue."""
    text = "\n\n".join(t for t in texts if t)
    return bool(text) and check_text(author, text, context).show_crisis_resources


def person_by_handle(handle: str):
    handle = (handle or "").strip().lstrip("@")
    person = get_user_model().objects.filter(handle__iexact=handle, is_active=True).first()
    if person is None:
        raise Refused(
            _("Nobody on Lantern has the handle %(handle)s.") % {"handle": handle or "-"},
            field="handle",
        )
    return person
