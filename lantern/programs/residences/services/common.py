"""Helpers the residence services share: the staff check, words, and a house's own today."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.programs.models import Program

from .. import access
from ..models import House


def require_staff(actor, program: Program) -> None:
    if not access.is_staff(actor, program):
        raise Refused(_("Only the program's staff can do this."))


def require_residence(program: Program) -> None:
    if program.kind != Program.Kind.RESIDENCE:
        raise Refused(_("Only a recovery residence has houses."))


def words(value: str, *, limit: int, what, field: str, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise Refused(_("%(what)s is needed.") % {"what": what}, field=field)
    if len(value) > limit:
        raise Refused(
            _("%(what)s can be at most %(limit)s characters.") % {"what": what, "limit": limit},
            field=field,
        )
    if any(ord(c) < 32 and c not in "\n\r\t" for c in value):
        raise Refused(
            _("%(what)s has characters that cannot be saved.") % {"what": what}, field=field
        )
    return value


def today_at(house: House) -> date:
    """Today in the house's own zone."""
    return timezone.now().astimezone(house.zone()).date()


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
