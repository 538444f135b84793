"""What the services tell live sockets, over the channel layer, after the transaction commits.

Three kinds of group: a room's (`chat.room.<pk>`: one channel per server process that holds
sockets in the room, which hands each event to them, `fanout.py`), a person's
(`chat.person.<pk>`: every socket of theirs, to close them when they are removed or banned),
and a sign-in's (`chat.login.<digest>`: the sockets opened with one session, closed when it
signs out). Events carry everything a socket needs to show a message to its viewer (handle
and number; the consumer picks what its viewer may see), so delivering one message to 500
sockets costs no database query, and one event on the layer per process.
"""

import asyncio
import hashlib
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .models import Message, Participant, Room
from .state import public_state


def person_group(person_id: int) -> str:
    return f"chat.person.{person_id}"


def login_group(session_key: str) -> str:
    digest = hashlib.sha256(session_key.encode()).hexdigest()[:32]
    return f"chat.login.{digest}"


def _group_send(group: str, event: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # the usual case: a service running in a worker thread
        async_to_sync(layer.group_send)(group, event)
        return
    # A thread that runs an event loop of its own (a test harness driving a browser) cannot
    # wait on another loop: send from a short-lived thread instead.
    sender = threading.Thread(target=async_to_sync(layer.group_send), args=(group, event))
    sender.start()
    sender.join()


def send(group: str, event: dict) -> None:
    """Send `event` to `group` once the current transaction commits (now, outside one)."""
    transaction.on_commit(lambda: _group_send(group, event))


def message_payload(message: Message, participant: Participant | None) -> dict:
    """A message as it travels: the consumer removes the handle for viewers who may not see
    it (`consumers.ChatConsumer.frame_for`)."""
    author = message.author
    return {
        "seq": message.seq,
        "id": message.pk,
        "kind": message.kind,
        "body": message.body,
        "params": message.params,
        "status": message.status,
        "at": message.created_at.isoformat(),
        "author_id": message.author_id,
        "handle": author.handle if author is not None else "",
        "number": participant.number if participant is not None else None,
    }


def message_sent(room: Room, message: Message, participant: Participant | None) -> None:
    send(room.group_name, {"type": "chat.message", **message_payload(message, participant)})


def state_changed(room: Room) -> None:
    """Floor, queue, slow mode, pinned text or chairs changed: the room's shared state is read
    once, after the commit, and sent to every socket, which shapes it for its viewer."""

    def go():
        state = public_state(room)
        _group_send(room.group_name, {"type": "chat.state", "state": state})

    transaction.on_commit(go)


def reactions_changed(room: Room, message: Message, counts: dict) -> None:
    send(room.group_name, {"type": "chat.reactions", "id": message.pk, "counts": counts})


def hidden(room: Room, message: Message) -> None:
    send(room.group_name, {"type": "chat.hidden", "id": message.pk, "seq": message.seq})


def held(room: Room, message: Message) -> None:
    """The safety net held a message already delivered: withdrawn from everyone but its author
    and those who act on it."""
    send(
        room.group_name,
        {"type": "chat.held", "id": message.pk, "seq": message.seq, "author_id": message.author_id},
    )


def crisis(person_id: int, room_id: int) -> None:
    """Show the crisis lines on the person's sockets in that room, now."""
    send(person_group(person_id), {"type": "chat.crisis", "room": room_id})


def cleared(room: Room, up_to: int) -> None:
    send(room.group_name, {"type": "chat.cleared", "up_to": up_to})


def person_out(person_id: int, room_id: int | None, reason: str) -> None:
    """Close `person`'s sockets in one room (or in every room, `room_id` None)."""
    send(person_group(person_id), {"type": "chat.kick", "room": room_id, "reason": reason})


def signed_out(session_key: str) -> None:
    send(login_group(session_key), {"type": "chat.kick", "room": None, "reason": "signed_out"})
