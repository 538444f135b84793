"""A member's community data: what leaves with their export, and what erasure does.

Posts keep their words as "a former member" (author set to null), messages' sender likewise,
and a conversation stays with the other person (their copy, and the evidence any report needs:
someone who harassed cannot delete it by leaving). Memberships, reactions, blocks and read marks
go with the account, and so do the notifications about them (found by reference). The erase
step blanks copies of their words in safety alerts and the notes of reports they filed, and
deletes conversations nobody is left to read."""

from django.db.models import Exists, OuterRef, Q

from lantern.core.models import Notification, reference
from lantern.safety.models import Alert

from ..models import Conversation, Message, Post, Reaction, Report
from .conversations import settings_for


def export_community(person) -> dict:
    """What a member wrote and set up in the groups, for their data export."""
    chosen = settings_for(person)
    return {
        "groups": [
            {
                "group": m.space.slug,
                "role": m.role,
                "status": m.status,
                "joined": m.joined_at.isoformat(),
            }
            for m in person.space_memberships.select_related("space")
        ],
        "posts": [
            {
                "group": p.space.slug,
                "thread": p.thread.title,
                "text": p.body,
                "anonymous": p.anonymous,
                "status": p.status,
                "written": p.created_at.isoformat(),
            }
            for p in Post.objects.filter(author=person).select_related("space", "thread")
        ],
        "messages_sent": [
            {
                "to": getattr(m.conversation.other(person), "handle", None),
                "text": m.body,
                "sent": m.created_at.isoformat(),
            }
            for m in Message.objects.filter(sender=person).select_related(
                "conversation__first", "conversation__second"
            )
        ],
        "blocked": [b.blocked.handle for b in person.blocks.select_related("blocked")],
        "settings": {
            "messages_from": chosen.messages_from or "usual",
            "notify_reactions": chosen.notify_reactions,
            "notify_mentions": chosen.notify_mentions,
        },
    }


CHUNK = 500  # records named in one query (SQLite limits a query's parameters)


def _chunks(items: list) -> list[list]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def _delete_notifications_about(records: list) -> None:
    for chunk in _chunks(records):
        Notification.objects.about(*chunk).delete()


def erase_community(user) -> None:
    """Posts and messages outlive the person (as "a former member"), but their words must not
    linger elsewhere: blank the excerpts of safety alerts about them or their texts, and the
    notes of reports they filed. What goes with the account goes from everyone's
    notifications too."""
    sources = [reference(m) for m in Message.objects.filter(sender=user).only("pk")]
    sources += [reference(p) for p in Post.objects.filter(author=user).only("pk")]
    alerts = {alert.pk: alert for alert in Alert.objects.filter(author=user)}
    for chunk in _chunks(sources):
        alerts.update({alert.pk: alert for alert in Alert.objects.filter(source__in=chunk)})
    for alert in alerts.values():
        alert.excerpt = ""
        alert.save(update_fields=["excerpt"])
    Report.objects.filter(reporter=user).exclude(note="").update(note="")
    # Their memberships (asking to join, invitations) and reactions leave with the account:
    # so does the news of them in other people's notifications.
    _delete_notifications_about(
        [*user.space_memberships.only("pk"), *Reaction.objects.filter(person=user).only("pk")]
    )
    # Conversations nobody is left to read go, unless moderators have a report about them.
    gone = list(
        Conversation.objects.filter(
            Q(first=user, second__isnull=True) | Q(second=user, first__isnull=True)
        ).exclude(Exists(Report.objects.filter(message__conversation=OuterRef("pk"))))
    )
    if gone:
        messages = Message.objects.filter(conversation__in=gone).only("pk")
        _delete_notifications_about([*gone, *messages])
        Conversation.objects.filter(pk__in=[c.pk for c in gone]).delete()
