"""What every recovery service shares: the error, the save result, the member's "today", and
the safety check on written text."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.accounts.models import User
from lantern.core.timezones import zone_for

from .. import milestones as ms
from ..models import Nudge

CRAVING_HIGH = 8
CRAVING_DAYS = 3
SILENCE_DAYS = 3  # days without a check-in after a new start before we gently ask
SILENCE_WINDOW = 14  # only for new starts this recent
TEXT_LIMIT = 10_000


class RecoveryError(ValueError):
    """A rule was broken; the message is shown to the member. `field` names the form field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def now() -> datetime:
    return timezone.now()


def today_for(member, at: datetime | None = None) -> date:
    return ms.local_today(at or now(), zone_for(member))[0]


@dataclass
class Saved:
    """What a save did: the record, and whether the author should see crisis lines next."""

    obj: object
    show_resources: bool = False
    nudge: Nudge | None = None


def _check(author, texts: list[str], context: str) -> bool:
    """Run the safety check on the text being saved; True when the author should see crisis
    lines. Imported here: safety is called by recovery, never the reverse."""
    from lantern.safety.services import check_text

    # One check for everything saved together, so an opted-in circle is told at most once.
    text = "\n\n".join(t.strip() for t in texts if t and t.strip())
    return bool(text) and check_text(author, text, context).show_resources


def _limit(text: str, name: str) -> str:
    text = (text or "").strip()
    if len(text) > TEXT_LIMIT:
        raise RecoveryError(_("Please keep this under 10,000 characters."), name)
    return text


def _person(member, handle: str) -> User:
    person = User.objects.filter(handle__iexact=(handle or "").strip(), is_active=True).first()
    if person is None:
        raise RecoveryError(
            _("Nobody on Lantern has the handle %(handle)s.") % {"handle": handle}, "handle"
        )
    if person == member:
        raise RecoveryError(_("That is you. Choose someone else."), "handle")
    return person
