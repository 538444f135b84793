"""The room's events fanned out inside the process (fanout.py): the channel layer carries one
event per room per process, and every socket of the room gets each message once, in order,
shaped for its viewer; sockets of other rooms get nothing; a socket that is signed out, banned
or stuck drops out of the room's list without holding the others up."""

import asyncio

import pytest
from channels.layers import get_channel_layer
from django.test import Client
from django.urls import reverse

from lantern.chat import fanout, services
from lantern.community.services import conversations, moderation
from lantern.conftest import log_in

from .sockets import connect, db, enter, run

pytestmark = pytest.mark.django_db(transaction=True)


async def group_size(layer, group: str) -> int:
    """How many channels the layer has in the group: the in-memory layer's dict, or the
    sorted set channels-redis keeps (the suite also runs with REDIS_URL set)."""
    if hasattr(layer, "groups"):
        return len(layer.groups.get(group, {}))
    connection = layer.connection(layer.consistent_hash(group))
    return await connection.zcard(layer._group_key(group))


def test_every_socket_in_the_room_gets_each_message_once_in_order(people, room, session):
    other = session.room  # the meeting's room, open

    async def scenario():
        here = [
            await enter(room, people.river),
            await enter(room, people.river),  # a second tab
            await enter(room, people.sam),
            await enter(room, people.jo),
            await enter(room, people.morgan),  # a site moderator
        ]
        elsewhere = [await enter(other, people.sam), await enter(other, people.jo)]
        for socket in here + elsewhere:
            await socket.quiet_messages(0.2)
        # One channel on the layer for the room, however many sockets are in it.
        layer = get_channel_layer()
        assert await group_size(layer, room.group_name) == 1
        assert len(fanout.rooms.sockets(room.group_name)) == 5
        authors = [people.sam, people.river, people.jo]
        for n in range(12):
            await db(services.post_message, authors[n % 3], room, f"share {n}")
        for socket in here:
            frames = await socket.quiet_messages(0.3)
            assert [f["seq"] for f in frames] == list(range(1, 13))
            assert [f["body"] for f in frames] == [f"share {n}" for n in range(12)]
        for socket in elsewhere:
            assert await socket.quiet_messages(0.3) == []
        for socket in here + elsewhere:
            await socket.close()
        # The last socket out takes the room's channel off the layer.
        assert fanout.rooms.sockets(room.group_name) == []
        assert await group_size(layer, room.group_name) == 0

    run(scenario)


def test_one_event_is_shaped_for_each_kind_of_viewer(people, room):
    """The sockets share one cache per event: what differs by viewer still differs (their own
    message, hidden handles, blocked authors)."""
    room.hide_handles = True
    room.save()
    conversations.block(people.jo, people.river)

    async def scenario():
        river = await enter(room, people.river)
        sam = await enter(room, people.sam)
        jo = await enter(room, people.jo)  # the group's peer moderator, who blocked river
        morgan = await enter(room, people.morgan)  # a site moderator: sees handles
        await db(services.post_message, people.river, room, "one")
        await db(services.post_message, people.sam, room, "two")
        mine, seen_by_sam, seen_by_morgan = (
            await river.next_message(),
            await sam.next_message(),
            await morgan.next_message(),
        )
        assert (mine["mine"], mine["author"]) == (True, "river")
        assert seen_by_sam["mine"] is False and seen_by_sam["author"].startswith("Participant ")
        assert (seen_by_morgan["mine"], seen_by_morgan["author"]) == (False, "river")
        frames = await jo.quiet_messages(0.3)
        assert [(f["seq"], f["author"]) for f in frames] == [(2, "sam")]
        for socket in (river, sam, jo, morgan):
            await socket.close()

    run(scenario)


def test_sign_out_and_a_ban_take_a_socket_out_of_the_room_at_once(people, room, settings):
    settings.LANTERN_CHAT_WATCH_SECONDS = 60  # only the sign-out event and the frame count here
    river_client = log_in(Client(), people.river)
    river_key = river_client.cookies["sessionid"].value

    async def scenario():
        river, accepted, _code = await connect(room, river_key)
        assert accepted
        await river.until("state")
        sam = await enter(room, people.sam)
        jo = await enter(room, people.jo)
        assert len(fanout.rooms.sockets(room.group_name)) == 3
        await db(river_client.post, reverse("account_logout"))
        closed, _before = await river.until("closed")
        assert closed["reason"] == "signed_out"
        assert await river.closed() == 4401
        assert len(fanout.rooms.sockets(room.group_name)) == 2
        await db(services.post_message, people.jo, room, "after river left")
        assert await river.nothing(0.3)
        assert (await sam.next_message())["body"] == "after river left"
        await db(moderation.ban, people.morgan, people.sam, "Harassing people in the room")
        await sam.send({"type": "ping"})
        closed, _before = await sam.until("closed")
        assert closed["reason"] == "refused"
        assert await sam.closed() == 4403
        assert len(fanout.rooms.sockets(room.group_name)) == 1
        await db(services.post_message, people.jo, room, "after sam was banned")
        assert await sam.nothing(0.3)
        frames = await jo.quiet_messages(0.3)
        assert [f["body"] for f in frames] == ["after river left", "after sam was banned"]
        await jo.close()

    run(scenario)


def test_a_stuck_socket_does_not_hold_up_the_room(people, room, monkeypatch):
    """Each socket sends in its own turn: one whose client stopped reading (its sends wait)
    holds back only its own queue, which is capped; the others get every message at once."""
    monkeypatch.setattr("lantern.chat.consumers.OUTBOX_MAX", 3)

    async def scenario():
        river = await enter(room, people.river)
        sam = await enter(room, people.sam)
        stuck = next(
            c for c in fanout.rooms.sockets(room.group_name) if c.person_id == people.river.pk
        )
        never = asyncio.Event()

        async def send_that_waits(*args, **kwargs):
            await never.wait()

        stuck.send = send_that_waits
        for n in range(6):
            await db(services.post_message, people.jo, room, f"m{n}")
        frames = await sam.quiet_messages(0.3)
        assert [f["seq"] for f in frames] == [1, 2, 3, 4, 5, 6]
        assert len(stuck.outbox) == 3  # one in its send, three waiting, two dropped
        assert await river.quiet_messages(0.1) == []  # (the arrivals before it only)
        await sam.close()
        await river.close()

    run(scenario)


def test_the_room_goes_on_after_the_layer_fails_to_give_an_event(monkeypatch):
    """A Redis timeout on the room's channel must not end the room's fan-out: it reads on."""
    monkeypatch.setattr(fanout, "RETRY_SECONDS", 0)
    got = []

    class Layer:
        calls = 0

        async def receive(self, channel):
            Layer.calls += 1
            if Layer.calls == 1:
                raise TimeoutError("Timeout reading from 127.0.0.1:6379")
            if Layer.calls == 2:
                return {"type": "chat.message", "seq": 1}
            await asyncio.Event().wait()  # nothing more

    class Socket:
        def push(self, event, cache):
            got.append(event["seq"])

    async def scenario():
        feed = fanout.Feed(Layer(), "chat.room.1", "specific.test!1")
        feed.sockets[Socket()] = None
        task = asyncio.get_running_loop().create_task(feed.run())
        for _ in range(10):
            await asyncio.sleep(0)
        task.cancel()
        assert got == [1]

    run(scenario)
