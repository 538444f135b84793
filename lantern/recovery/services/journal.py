"""The private journal, and sharing one entry."""

from django.db import transaction
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.notifications import notify

from ..models import JournalEntry, JournalShare
from .base import RecoveryError, Saved, _check, _limit, _person

# --- Journal ------------------------------------------------------------------------------------


@transaction.atomic
def save_entry(member, *, title: str, body: str, entry: JournalEntry | None = None) -> Saved:
    """Write or change a private journal entry (encrypted at rest); the text passes the safety
    check as private writing."""
    title = _limit(title, "title")[:200]
    body = _limit(body, "body")
    if not body:
        raise RecoveryError(_("Write something first."), "body")
    entry = entry or JournalEntry(member=member)
    entry.title, entry.body = title, body
    entry.save()
    return Saved(entry, show_resources=_check(member, [title, body], "journal"))


@transaction.atomic
def delete_entry(entry: JournalEntry) -> None:
    entry.delete()


@transaction.atomic
def share_entry(entry: JournalEntry, handle: str) -> JournalShare:
    """Let one named person read this one entry (and nothing else of the journal)."""
    person = _person(entry.member, handle)
    share, created = JournalShare.objects.get_or_create(entry=entry, person=person)
    if created:
        notify(
            person,
            "recovery.journal_shared",
            _("%(handle)s shared a journal entry with you") % {"handle": entry.member.handle},
            url=f"/recovery/shared/journal/{entry.pk}/",
        )
    audit.record(entry.member, "recovery.journal_share", entry, subject=entry.member)
    return share


@transaction.atomic
def unshare_entry(entry: JournalEntry, person_id: int) -> None:
    JournalShare.objects.filter(entry=entry, person_id=person_id).delete()
