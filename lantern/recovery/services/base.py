"""What every recovery service shares: the member's "today", the owner check, and the safety
check on written text. Services refuse with `core.errors.Refused` (or `NotFound` for a record
that is not the person's own) and return `core.results.Saved` when they saved words."""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.errors import NotFound, Refused
from lantern.core.timezones import zone_for
from lantern.safety.contexts import Context
from lantern.safety.services import check_text

from .. import access
from .. import milestones as ms

CRAVING_HIGH = 8
CRAVING_DAYS = 3
SILENCE_DAYS = 3  # days without a check-in after a new start before we gently ask
SILENCE_WINDOW = 14  # only for new starts this recent
TEXT_LIMIT = 10_000


def now() -> datetime:
    return timezone.now()


def today_for(member, at: datetime | None = None) -> date:
    return ms.local_today(at or now(), zone_for(member))[0]


def _own(actor, obj) -> None:
    """Refuse (as not found) a record that is not the actor's own."""
    if not access.can_edit_recovery_record(actor, obj):
        raise NotFound(_("That is not one of your records."))


def _check(author, texts: list[str], context: Context) -> bool:
    """Run the safety check on the text being saved; True when the author should see crisis
    lines. One check for everything saved together, so an opted-in circle is told at most once."""
    text = "\n\n".join(t.strip() for t in texts if t and t.strip())
    return bool(text) and check_text(author, text, context).show_crisis_resources


def _limit(text: str, name: str) -> str:
    text = (text or "").strip()
    if len(text) > TEXT_LIMIT:
        raise Refused(_("Please keep this under 10,000 characters."), field=name)
    return text


def _person(member, handle: str):
    person = (
        get_user_model()
        .objects.filter(handle__iexact=(handle or "").strip(), is_active=True)
        .first()
    )
    if person is None:
        raise Refused(
            _("Nobody on Lantern has the handle %(handle)s.") % {"handle": handle}, field="handle"
        )
    if person == member:
        raise Refused(_("That is you. Choose someone else."), field="handle")
    return person
