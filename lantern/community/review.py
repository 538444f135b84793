"""What the groups give the safety net's "Needs a look" queue (registered in apps.py; safety
never imports community):

- `describe(viewer, sources)`: where each post, reply, private message or group description in
  the queue was written ("Early days: “Hard week”"), with a link to it when `viewer` may read it
  there. A page of the queue costs one or two queries per kind of record, however long it is.
- `reach_out(actor, item, body)`: "reach out" from the queue opens a private conversation
  between the peer and the writer, about the review item, through the one conversation
  mechanism (`services/conversations.py`), and writes `body` in it if given.
- `demo_seed()`: a reply in the demo groups that waits in "Needs a look".
"""

from django.utils.translation import gettext as _

from lantern.accounts.models import User
from lantern.core.models import reference
from lantern.safety.extensions import Source

from . import services
from .models import Membership, Message, Post, Space
from .services import conversations

# Words the safety net is unsure about (review, not urgent; checked with `manage.py assess_risk`).
DEMO_REPLY = "I don't know why I keep trying anymore."


def _ids(sources, label: str) -> list[int]:
    prefix = f"{label}:"
    return [
        int(s[len(prefix) :])
        for s in sources
        if s.startswith(prefix) and s[len(prefix) :].isdigit()
    ]


def _posts(viewer, ids) -> dict[str, Source]:
    if not ids:
        return {}
    readable = set(Post.objects.visible_to(viewer).filter(pk__in=ids).values_list("pk", flat=True))
    found = {}
    for post in Post.objects.filter(pk__in=ids).select_related("thread", "space"):
        where = _("%(space)s: “%(thread)s”") % {
            "space": post.space.name,
            "thread": post.thread.title,
        }
        if post.anonymous:
            where = _("%(where)s (posted anonymously)") % {"where": where}
        if post.status != Post.Status.PUBLISHED:
            where = f"{where} · {post.get_status_display()}"  # held, hidden or deleted since
        url = post.get_absolute_url() if post.pk in readable else ""
        # Who wrote an anonymous post is for the group's moderators (and staff), never for
        # every peer on duty: only staff see it in the queue.
        found[reference(post)] = Source(where, url, staff_only=post.anonymous)
    return found


def _messages(ids) -> dict[str, Source]:
    """A private message is for the two people in it: where, but never a link."""
    if not ids:
        return {}
    found = {}
    messages = Message.objects.filter(pk__in=ids).select_related(
        "conversation__first", "conversation__second"
    )
    for message in messages:
        conversation = message.conversation
        to = (
            conversation.first
            if message.sender_id == conversation.second_id
            else conversation.second
        )
        handle = to.handle if to is not None else _("a former member")
        found[reference(message)] = Source(
            _("A private message to %(handle)s") % {"handle": handle}
        )
    return found


def _spaces(viewer, ids) -> dict[str, Source]:
    if not ids:
        return {}
    readable = set(Space.objects.listed_for(viewer).filter(pk__in=ids).values_list("pk", flat=True))
    return {
        reference(space): Source(
            _("The description of %(space)s") % {"space": space.name},
            space.get_absolute_url() if space.pk in readable else "",
        )
        for space in Space.objects.filter(pk__in=ids)
    }


def describe(viewer, sources) -> dict[str, Source]:
    """Where each of `sources` ("community.post:42"…) was written; others are left out."""
    return {
        **_posts(viewer, _ids(sources, "community.post")),
        **_messages(_ids(sources, "community.message")),
        **_spaces(viewer, _ids(sources, "community.space")),
    }


def reach_out(actor, item, body: str) -> str:
    """Open (or find) the conversation between `actor` and the writer of `item`, about the item,
    write `body` in it if given, and return its address. Blocks and bans refuse it
    (`conversations.open_conversation`); the newcomers' rule is for direct conversations."""
    conversation = conversations.open_conversation(actor, item.author, about=item)
    if body:
        conversations.send_message(actor, conversation, body)
    return conversation.get_absolute_url()


def demo_seed() -> None:
    """nightowl's reply in the first thread of "Early recovery" waits in "Needs a look" (through
    the real services, so the safety net queues it). Safe to run again."""
    nightowl = User.objects.filter(handle="nightowl").first()
    space = Space.objects.filter(slug="early-recovery").first()
    if nightowl is None or space is None:
        return
    if Post.objects.filter(author=nightowl, body=DEMO_REPLY).exists():
        return
    thread = space.threads.order_by("created_at").first()
    if thread is None:
        return
    Membership.objects.get_or_create(space=space, person=nightowl)
    services.reply(nightowl, thread, DEMO_REPLY)
