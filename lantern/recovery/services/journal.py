"""The private journal, and sharing one entry."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.safety.contexts import Context

from .. import access
from ..models import JournalEntry, JournalShare
from .base import _check, _limit, _own, _person

# --- Journal ------------------------------------------------------------------------------------


@transaction.atomic
def save_entry(actor, *, title: str, body: str, entry: JournalEntry | None = None) -> Saved:
    """Write or change one of the actor's private journal entries (encrypted at rest); the text
    passes the safety check as private writing."""
    if entry is not None:
        _own(actor, entry)
    title = _limit(title, "title")[:200]
    body = _limit(body, "body")
    if not body:
        raise Refused(_("Write something first."), field="body")
    entry = entry or JournalEntry(member=actor)
    entry.title, entry.body = title, body
    entry.save()
    return Saved(entry, show_crisis_resources=_check(actor, [title, body], Context.JOURNAL))


@transaction.atomic
def delete_entry(actor, entry: JournalEntry) -> None:
    """Delete one of the actor's entries, and the notifications that pointed others to it."""
    _own(actor, entry)
    Notification.objects.about(entry).delete()
    entry.delete()


@transaction.atomic
def share_entry(actor, entry: JournalEntry, handle: str) -> JournalShare:
    """Let one named person read this one entry of the actor's (and nothing else of the
    journal)."""
    _own(actor, entry)
    person = _person(actor, handle)
    share, created = JournalShare.objects.get_or_create(entry=entry, person=person)
    if created:
        notify(
            person,
            "recovery.journal_shared",
            about=entry,
            actor=actor,
            url=reverse("recovery-shared-journal", args=[entry.pk]),
        )
    audit.record(actor, "recovery.journal_share", entry, subject=actor, person=person.handle)
    return share


@transaction.atomic
def unshare_entry(actor, entry: JournalEntry, person_id: int) -> None:
    """Stop sharing the entry with that person: at once, and their notification about it goes."""
    _own(actor, entry)
    removed, _kinds = JournalShare.objects.filter(entry=entry, person_id=person_id).delete()
    if removed:
        Notification.objects.about(entry).filter(recipient_id=person_id).delete()
        audit.record(actor, "recovery.journal_unshare", entry, subject=actor)


def read_shared_entry(actor, entry: JournalEntry) -> JournalEntry:
    """A person the member shared this entry with reads it; the member sees that they did."""
    if not access.can_read_shared_journal_entry(actor, entry):
        raise NotFound(_("That entry is not shared with you."))
    audit.record(actor, "recovery.view_journal", entry, subject=entry.member)
    return entry
