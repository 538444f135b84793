"""The house log: incidents the house leader writes down. Sensitive: encrypted at rest, for the
program's staff only, never for residents; each read of an entry about a resident is audited
with that resident as its subject, so it shows in their "Who looked"."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import Refused
from lantern.core.results import Saved
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from ..models import House, LogEntry, Residency
from .common import require_staff, today_at, words

TEXT_MAX = 5000
READ = "residences.read_log"


def residents_ever(house: House):
    """Everyone who has lived in the house: who an entry can be about."""
    ids = Residency.objects.in_house(house).values("person_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("handle")


@transaction.atomic
def write_entry(actor, house: House, *, day: date, text: str, resident=None) -> Saved:
    """The house leader writes an incident down, about a resident or the house."""
    require_staff(actor, house.program)
    text = words(text, limit=TEXT_MAX, what=_("What happened"), field="text")
    if day > today_at(house):
        raise Refused(_("The date cannot be in the future."), field="date")
    if (
        resident is not None
        and not Residency.objects.in_house(house).filter(person=resident).exists()
    ):
        raise Refused(_("Choose someone who has lived in this house."), field="resident")
    entry = LogEntry.objects.create(
        house=house, date=day, resident=resident, text=text, author=actor
    )
    audit.record(actor, "residences.write_log", entry, subject=resident)
    outcome = safety.check_text(
        actor,
        text,
        Context.HOUSE_LOG,
        source=entry,
        source_url=house_log_url(house),
    )
    return Saved(entry, show_crisis_resources=outcome.show_crisis_resources)


def house_log_url(house: House) -> str:
    return reverse("residences-log", args=[house.program.slug, house.pk])


def read_entries(actor, house: House, *, resident=None, limit: int = 50) -> list[LogEntry]:
    """Staff read the house log (newest first, at most `limit` entries); each entry about a
    resident is recorded as read, with the resident as subject (one query for all)."""
    require_staff(actor, house.program)
    entries = LogEntry.objects.filter(house=house).select_related("resident", "author")
    if resident is not None:
        entries = entries.filter(resident=resident)
    entries = list(entries[:limit])
    about = [e for e in entries if e.resident_id is not None]
    if about:
        audit.record_many(
            actor, READ, [(entry, entry.resident_id) for entry in about], house=house.pk
        )
    return entries
