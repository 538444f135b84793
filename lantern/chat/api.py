"""/api/v1/chat: the rooms a person may enter, a room's messages after a sequence number (what a
client that cannot hold a WebSocket polls), and posting. The same loaders and services as the
pages and the socket; a refusal answers 400 (429 when too much, too fast) with its message."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from lantern.core.api import BODY_ERRORS, SIGNED_IN_ERRORS, most

from . import access, services
from .models import MESSAGE_MAX, Message

router = Router(tags=["chat"])


class RoomOut(Schema):
    slug: str
    name: str
    description: str
    open: bool = Field(description="a meeting (session) is open now")
    entry: str
    history: str
    hide_handles: bool


class MessageOut(Schema):
    seq: int = Field(description="the message's number, one more than the one before, per room")
    id: int
    kind: str = Field(description="text, or notice (worded in the reader's language)")
    author: str = Field(description="a handle, 'Participant N' when handles are hidden, or ''")
    body: str
    held: bool
    created_at: datetime


class SinceIn(Schema):
    since: int = Field(0, ge=0, description="the last number the client has")


class PostIn(Schema):
    body: most(MESSAGE_MAX)


class ChatSavedOut(Schema):
    message: MessageOut
    held: bool = Field(description="held for a moderator's review before others see it")
    show_crisis_resources: bool = Field(
        description="show the author the crisis lines now (/api/v1/safety/crisis-resources)"
    )


def _out(message: Message, viewer, room, show_handles: bool, numbers: dict) -> dict:
    if message.kind == Message.Kind.NOTICE:
        author, body = "", services.notice_text(message, show_handles=show_handles)
    else:
        body = message.body
        if message.author is None:
            author = _("a former member")
        elif show_handles or message.author_id == viewer.pk:
            author = message.author.handle
        else:
            author = _("Participant %(number)s") % {"number": numbers.get(message.author_id)}
    return {
        "seq": message.seq,
        "id": message.pk,
        "kind": message.kind,
        "author": author,
        "body": body,
        "held": message.status == Message.Status.HELD,
        "created_at": message.created_at,
    }


@router.get("/rooms", response={200: list[RoomOut], **SIGNED_IN_ERRORS}, url_name="chat-api-rooms")
def list_rooms(request):
    """The rooms the signed-in person may enter, open meetings first."""
    return [
        {
            "slug": room.slug,
            "name": room.name,
            "description": room.description,
            "open": session is not None,
            "entry": room.entry,
            "history": room.history,
            "hide_handles": room.hide_handles,
        }
        for room, session in access.rooms_for(request.auth)
    ]


@router.get(
    "/rooms/{slug}/messages",
    response={200: list[MessageOut], **SIGNED_IN_ERRORS},
    url_name="chat-api-messages",
)
def list_messages(request, slug: str, query: Query[SinceIn]):
    """The messages after `since` (at most 200, oldest first): ask again with the last `seq`."""
    room = access.get_room_for(request.auth, slug)
    session = access.open_session(room)
    show = access.can_see_handles(request.auth, room, session)
    found = services.messages_since(request.auth, room, query.since)
    numbers = services.numbers_of(room, {m.author_id for m in found if m.author_id})
    return [_out(m, request.auth, room, show, numbers) for m in found]


@router.post(
    "/rooms/{slug}/messages",
    response={201: ChatSavedOut, **SIGNED_IN_ERRORS, **BODY_ERRORS},
    url_name="chat-api-post",
)
def post_message(request, slug: str, data: PostIn):
    """Write in the room: the same rules as the page (the floor, mutes, slow mode, the rate
    limit) and the safety net."""
    room = access.get_room_for(request.auth, slug)
    saved = services.post_message(request.auth, room, data.body)
    numbers = services.numbers_of(room, [request.auth.pk])
    message = _out(saved.obj, request.auth, room, True, numbers)
    return Status(
        201,
        {
            "message": message,
            "held": saved.held,
            "show_crisis_resources": saved.show_crisis_resources,
        },
    )
