"""Private conversations: the one way two people write to each other privately on Lantern.

Groups' private messages use it directly (a *direct* conversation between two members). Other
apps reuse it rather than building their own: a live room's side-conversation, a specialist's
messages with a member, a mentor's with their mentee. Such an app checks its own rules first
(may these two talk at all: is the engagement open, is the mentorship active), then opens a
conversation *about* its record and writes in it:

    from lantern.community.services import conversations

    conversation = conversations.open_conversation(specialist, member, about=engagement)
    saved = conversations.send_message(specialist, conversation, body)   # a core Saved
    crisis.offer_after_save(request, saved)

- `about` names the record ("app.model:pk"); the same two people have one conversation per
  record, apart from their direct one. The newcomers' rule (helpers only in a member's first 30
  days, or as they chose in their message settings) is for direct conversations; for a
  conversation about a record, who may talk is the calling app's decision. Blocks and bans
  always apply, as do the safety net (urgent words raise an alert and may be held), the rate
  limit ("message"), reports, moderation and erasure.
- Both people find every conversation in their private messages (`community-conversation`),
  and the other app may link to the same page: `reverse("community-conversation", args=[pk])`.
- Reading: `access.get_conversation_for(user, pk)` (the two people only) and
  `messages_for(viewer, conversation)`; a site moderator reads one only through a report
  (`moderation.read_reported_conversation`), which both people see in their "who looked".
"""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import ratelimits
from lantern.core.errors import Refused
from lantern.core.models import reference
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from .. import access, text
from ..models import Block, Conversation, MemberSettings, Message
from .base import MESSAGE_MAX, clean_text

REFUSALS = {
    "nobody": lambda: _("You cannot message this person."),
    "gone": lambda: _("This person has left Lantern. The conversation stays for you to read."),
    "sanctioned": lambda: _("You cannot send messages while muted or banned."),
    "blocked": lambda: _("You cannot message this person."),
    "newcomer-sender": lambda: _(
        "In your first 30 days you can message supporters, peer specialists and moderators. "
        "This keeps newcomers safe from unwanted contact. You can change this in your message "
        "settings."
    ),
    "newcomer-recipient": lambda: _(
        "This person is new. In their first 30 days only supporters, peer specialists and "
        "moderators can message them."
    ),
    "helpers-only-self": lambda: _(
        "You chose to exchange private messages only with supporters, peer specialists and "
        "moderators. You can change this in your message settings."
    ),
    "helpers-only": lambda: _(
        "This person accepts private messages only from supporters, peer specialists and "
        "moderators."
    ),
}


def refusal_text(code: str) -> str:
    """The words for a refusal code of `access.why_cannot_message` / `why_cannot_send`."""
    return REFUSALS[code]() if code else ""


def _pair(a, b) -> tuple:
    return tuple(sorted([a, b], key=lambda person: person.pk))


def conversation_between(a, b, *, about=None) -> Conversation | None:
    """The conversation of two people (direct, or about a record), if they have one."""
    first, second = _pair(a, b)
    return Conversation.objects.filter(first=first, second=second, about=reference(about)).first()


@transaction.atomic
def open_conversation(actor, other, *, about=None) -> Conversation:
    """`actor` opens (or finds) their conversation with `other`: direct when `about` is None,
    else about that record. Direct ones follow the groups' messaging rules (newcomers, chosen
    settings, mutes); for one about a record the calling app has decided who may talk, and
    blocks and bans still apply."""
    code = (
        access.why_cannot_message(actor, other)
        if about is None
        else access.why_cannot_contact(actor, other)
    )
    if code:
        raise Refused(refusal_text(code))
    first, second = _pair(actor, other)
    return Conversation.objects.get_or_create(first=first, second=second, about=reference(about))[0]


@transaction.atomic
def send_message(actor, conversation: Conversation, body: str) -> Saved:
    """`actor` writes in a conversation they are in, if the safeguards still allow it (blocks,
    bans, and for a direct one the newcomers' rule and mutes). Urgent text raises an alert and
    is held, like a post; otherwise the other person is told."""
    code = access.why_cannot_send(actor, conversation)
    if code:
        raise Refused(refusal_text(code))
    body = clean_text(body, limit=MESSAGE_MAX, what=_("Your message"), field="body")
    ratelimits.consume("message", actor)
    message = Message.objects.create(
        conversation=conversation, sender=actor, body=body, html=text.render(body)
    )
    outcome = safety.check_text(
        actor,
        body,
        Context.MESSAGE,
        source=message,
        source_url=reverse("community-conversation", args=[conversation.pk]),
    )
    if outcome.hold:
        message.status = Message.Status.HELD
        message.save(update_fields=["status"])
    else:
        deliver(message)
    return Saved(message, show_crisis_resources=outcome.show_crisis_resources, held=outcome.hold)


@transaction.atomic
def message_person(actor, recipient, body: str) -> Saved:
    """The groups' "New message": open the direct conversation and write the first (or next)
    message in it, together: a refused message leaves no empty conversation behind."""
    return send_message(actor, open_conversation(actor, recipient), body)


def deliver(message: Message) -> None:
    """A message reaches the other person (at once, or released by a moderator)."""
    conversation = message.conversation
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    if message.sender is None or conversation.other(message.sender) is None:
        return  # one of them has erased their account: nobody to tell, no name to give
    notify(
        conversation.other(message.sender),
        "community.message",
        about=message,
        actor=message.sender,
        url=reverse("community-conversation", args=[conversation.pk]),
    )


def messages_for(viewer, conversation: Conversation):
    """Sent messages, plus the viewer's own held ones (marked as waiting)."""
    return (
        conversation.messages.filter(
            Q(status=Message.Status.SENT) | Q(sender=viewer, status=Message.Status.HELD)
        )
        .select_related("sender")
        .order_by("created_at")
    )


def mark_conversation_read(viewer, conversation: Conversation) -> None:
    field = "first_read_at" if viewer.pk == conversation.first_id else "second_read_at"
    Conversation.objects.filter(pk=conversation.pk).update(**{field: timezone.now()})


def conversations_for(person):
    """Every conversation of the person, direct or about a record, latest first."""
    return (
        Conversation.objects.of(person)
        .select_related("first", "second")
        .order_by("-last_message_at")
    )


# --- Blocks and settings ------------------------------------------------------------------------


@transaction.atomic
def block(person, other) -> Block:
    """No contact either way from now on; either side may block."""
    if other.pk == person.pk:
        raise Refused(_("You cannot block yourself."))
    return Block.objects.get_or_create(blocker=person, blocked=other)[0]


@transaction.atomic
def unblock(person, other) -> None:
    Block.objects.filter(blocker=person, blocked=other).delete()


def blocks_of(person):
    return person.blocks.select_related("blocked").order_by("-created_at")


def blocked_ids(person) -> set[int]:
    return set(Block.objects.filter(blocker=person).values_list("blocked_id", flat=True))


def has_blocked(person, other) -> bool:
    return other is not None and Block.objects.filter(blocker=person, blocked=other).exists()


def settings_for(person) -> MemberSettings:
    """The person's community settings (the defaults until they change one)."""
    return MemberSettings.objects.filter(person=person).first() or MemberSettings(person=person)


@transaction.atomic
def save_settings(person, **fields) -> MemberSettings:
    """Save the person's choices about messages and group notifications."""
    chosen, _created = MemberSettings.objects.update_or_create(person=person, defaults=fields)
    return chosen
