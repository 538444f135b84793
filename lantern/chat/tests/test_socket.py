"""The live room's WebSocket against the real ASGI application: who may connect, hostile
frames, the rate limit, sign-out and bans mid-session, and delivery by sequence number."""

import datetime
import json

import pytest
from channels.layers import get_channel_layer
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session as StoredSession
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lantern.accounts import services as accounts
from lantern.chat import events, services
from lantern.chat.consumers import FRAME_MAX
from lantern.chat.models import Message, Participant, Room
from lantern.community.services import moderation
from lantern.conftest import log_in, run_tasks
from lantern.core.roles import Role

from .sockets import connect, db, enter, run, session_key, settle

pytestmark = pytest.mark.django_db(transaction=True)


# --- Who may connect ----------------------------------------------------------------------------


def test_a_socket_without_a_session_is_refused(people, room):
    async def scenario():
        _socket, accepted, _code = await connect(room, None)
        assert not accepted
        _socket, accepted, _code = await connect(room, "not-a-real-session-key")
        assert not accepted

    run(scenario)


def test_a_socket_from_another_site_is_refused(people, room):
    key = session_key(people.river)

    async def scenario():
        _socket, accepted, _code = await connect(room, key, origin="https://evil.example")
        assert not accepted
        _socket, accepted, _code = await connect(room, key, origin="http://localhost")
        assert accepted
        await _socket.close()

    run(scenario)


def test_an_expired_session_is_refused(people, room):
    key = session_key(people.river)
    StoredSession.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(minutes=1)
    )

    async def scenario():
        _socket, accepted, _code = await connect(room, key)
        assert not accepted

    run(scenario)


def test_nobody_enters_a_room_they_may_not(people, space, meeting):
    invited = services.create_room(
        people.morgan, "Invited", "invited-room", space=space, entry=Room.Entry.INVITED
    )
    services.invite(people.morgan, invited, people.river)
    sam_key, river_key = session_key(people.sam), session_key(people.river)

    async def scenario():
        _socket, accepted, _code = await connect(invited, sam_key)
        assert not accepted
        socket, accepted, _code = await connect(invited, river_key)
        assert accepted
        await socket.close()

    run(scenario)


def test_staff_need_a_session_that_passed_two_factor(people, room):
    client = Client()
    client.force_login(people.morgan)  # no two-factor step in this session
    key = client.cookies["sessionid"].value

    async def scenario():
        _socket, accepted, _code = await connect(room, key)
        assert not accepted

    run(scenario)


# --- Messages in real time ----------------------------------------------------------------------


def test_a_message_reaches_everyone_in_the_room_with_its_number(people, room, session):
    async def scenario():
        river = await enter(room, people.river)
        sam = await enter(room, people.sam)
        await river.send({"type": "post", "body": "Anyone else up?", "ref": "a1"})
        ack, _before = await river.until("ack")
        assert ack["ref"] == "a1" and ack["seq"] == 1 and ack["held"] is False
        frame = await sam.next_message()
        assert frame["seq"] == 1
        assert frame["body"] == "Anyone else up?"
        assert frame["author"] == "river"
        assert frame["mine"] is False
        mine = await river.next_message()
        assert mine["mine"] is True
        await river.close()
        await sam.close()

    run(scenario)


def test_nobody_receives_messages_of_a_room_they_are_not_in(people, room, meeting_room):
    async def scenario():
        sam = await enter(room, people.sam)
        await sam.quiet_messages()
        await db(services.open_session, people.jo, meeting_room)
        await db(services.post_message, people.jo, meeting_room, "Only for this room")
        assert await sam.quiet_messages(0.5) == []
        await sam.close()

    run(scenario)


def test_a_reconnecting_client_gets_exactly_what_it_missed(people, room):
    async def scenario():
        river = await enter(room, people.river)
        for n in range(3):
            await db(services.post_message, people.sam, room, f"before {n}")
        seen = [(await river.next_message())["seq"] for _ in range(3)]
        assert seen == [1, 2, 3]
        await river.close()  # the phone loses its connection
        for n in range(4):
            await db(services.post_message, people.jo, room, f"while away {n}")
        river = await enter(room, people.river, since=seen[-1])
        caught_up = await river.quiet_messages(0.5)
        # (enter() waited for the state frame, which comes after the catch-up)
        assert caught_up == []
        await river.close()
        # The same again, reading the catch-up frames themselves.
        key = await db(session_key, people.river)
        socket, accepted, _code = await connect(room, key, since=3)
        assert accepted
        missed = await socket.messages_until_ready()
        assert [m["seq"] for m in missed] == [4, 5, 6, 7]
        assert [m["body"] for m in missed] == [f"while away {n}" for n in range(4)]
        await db(services.post_message, people.sam, room, "after")
        following = await socket.next_message()
        assert following["seq"] == 8
        assert await socket.quiet_messages() == []  # nothing twice
        await socket.close()

    run(scenario)


def test_a_number_that_arrives_early_is_preceded_by_the_ones_before_it(people, room):
    """Events may leave two web processes in a different order than their numbers: the socket
    fills the gap from the database and drops the duplicate."""

    async def scenario():
        river = await enter(room, people.river)
        first = await db(Message.objects.create, room=room, seq=1, author=people.sam, body="one")
        second = await db(Message.objects.create, room=room, seq=2, author=people.sam, body="two")
        await db(Room.objects.filter(pk=room.pk).update, last_seq=2)
        layer = get_channel_layer()
        for message in (second, first):
            payload = await db(events.message_payload, message, None)
            await layer.group_send(room.group_name, {"type": "chat.message", **payload})
        frames = await river.quiet_messages(0.5)
        assert [(f["seq"], f["body"]) for f in frames] == [(1, "one"), (2, "two")]
        await river.close()

    run(scenario)


def test_hidden_handles_travel_as_numbers(people, room):
    room.hide_handles = True
    room.save()

    async def scenario():
        sam = await enter(room, people.sam)
        jo = await enter(room, people.jo)  # the group's peer moderator
        await db(services.post_message, people.river, room, "hello")
        frame = await sam.next_message()
        assert frame["author"].startswith("Participant ") and "river" not in json.dumps(frame)
        assert (await jo.next_message())["author"] == "river"
        await sam.close()
        await jo.close()

    run(scenario)


def test_raising_a_hand_over_the_socket_updates_the_chair(people, session):
    room = session.room

    async def scenario():
        jo = await enter(room, people.jo)
        river = await enter(room, people.river)
        await river.send({"type": "hand", "up": True})
        while True:
            state, _before = await jo.until("state")
            if state["queue"]:
                break
        assert [h["name"] for h in state["queue"]] == ["river"]
        assert state["can_run"] is True
        await db(services.give_floor, people.jo, session)
        while True:
            state, _before = await river.until("state")
            if state["floor"]:
                break
        assert state["floor"]["name"] == "river"
        await river.close()
        await jo.close()

    run(scenario)


def test_urgent_words_over_the_socket_are_assessed_by_the_worker_and_acted_on(people, session):
    """Delivery does not wait for the safety net: the worker reads the words right after, the
    author's phone shows the crisis lines, the chair is told, and held words are withdrawn
    from everyone but the author and those who act on them."""
    room = session.room
    urgent = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."

    async def scenario():
        sam = await enter(room, people.sam)
        jo = await enter(room, people.jo)
        river = await enter(room, people.river)
        await river.send({"type": "post", "body": urgent, "ref": "u"})
        ack, _before = await river.until("ack")
        assert ack["crisis"] == [] and ack["held"] is False
        assert (await sam.next_message())["body"] == urgent  # delivered at once
        message = await db(Message.objects.get, author=people.river)
        # What the worker runs (the worker itself needs the main thread: run below).
        assert await db(services.assess_message, message.pk) is True
        crisis, before_crisis = await river.until("crisis")
        assert crisis["lines"], "the author sees the crisis lines"
        message = await db(Message.objects.get, author=people.river)
        assert message.assessed_at is not None
        if message.status == Message.Status.HELD:
            assert (await sam.until("hidden"))[0]["seq"] == message.seq
            assert (await jo.until("held"))[0]["seq"] == message.seq
            assert [f["seq"] for f in before_crisis if f["type"] == "held"] == [message.seq]
        for socket in (sam, jo, river):
            await socket.close()

    run(scenario)
    assert people.jo.notifications.filter(kind="chat.urgent").exists()
    # The post queued the task; the worker runs it, and it does nothing twice.
    run_tasks()
    assert services.assess_message(Message.objects.get(author=people.river).pk) is False


# --- Hostile clients ----------------------------------------------------------------------------


def test_malformed_frames_get_an_error_and_the_socket_stays_up(people, room):
    async def scenario():
        river = await enter(room, people.river)
        for bad in ("not json", "[1, 2]", '{"no": "type"}', b"\x00\x01", '{"type": "shout"}'):
            await river.send(bad)
            error, _before = await river.until("error")
            assert error["code"] in ("malformed", "unknown")
        await river.send({"type": "post", "body": 42})
        assert (await river.until("error"))[0]["code"] == "malformed"
        await river.send({"type": "react", "id": "x"})
        assert (await river.until("error"))[0]["code"] == "malformed"
        await river.send({"type": "ping"})
        await river.until("pong")
        await river.close()

    run(scenario)


def test_oversized_frames_and_messages_are_refused_and_the_socket_stays_up(people, room):
    async def scenario():
        river = await enter(room, people.river)
        await river.send({"type": "post", "body": "x" * (FRAME_MAX + 10)})
        assert (await river.until("error"))[0]["code"] == "too_big"
        await river.send({"type": "post", "body": "y" * 2_001, "ref": "long"})
        error, _before = await river.until("error")
        assert error["code"] == "refused" and error["ref"] == "long"
        assert "too long" in error["message"]
        await river.send({"type": "post", "body": "short and fine"})
        assert (await river.until("ack"))[0]["seq"] == 1
        await river.close()

    run(scenario)


def test_the_rate_limit_answers_with_an_error_frame(people, room, settings):
    settings.LANTERN_RATE_LIMITS = {**settings.LANTERN_RATE_LIMITS, "chat": "3/m"}

    async def scenario():
        river = await enter(room, people.river)
        for n in range(3):
            await river.send({"type": "post", "body": f"message {n}"})
            await river.until("ack")
        await river.send({"type": "post", "body": "one too many"})
        error, _before = await river.until("error")
        assert error["code"] == "rate_limited"
        await river.send({"type": "ping"})
        await river.until("pong")
        await river.close()

    run(scenario)
    assert Message.objects.filter(author=people.river).count() == 3


def test_after_sign_out_no_message_reaches_the_old_socket(people, room):
    client = log_in(Client(), people.river)
    key = client.cookies["sessionid"].value

    async def scenario():
        river, accepted, _code = await connect(room, key)
        assert accepted
        await river.until("state")
        response = await db(client.post, reverse("account_logout"))
        assert response.status_code == 302
        closed, _before = await river.until("closed")
        assert closed["reason"] == "signed_out"
        assert await river.closed() == 4401
        await db(services.post_message, people.sam, room, "not for the old socket")
        # The same session key cannot come back.
        _socket, accepted, _code = await connect(room, key)
        assert not accepted

    run(scenario)


def test_a_ban_takes_effect_on_the_next_frame(people, room, settings):
    settings.LANTERN_CHAT_WATCH_SECONDS = 60  # only the frame can notice here

    async def scenario():
        sam = await enter(room, people.sam)
        await db(moderation.ban, people.morgan, people.sam, "Harassing people in the room")
        await sam.send({"type": "post", "body": "still here?"})
        closed, _before = await sam.until("closed")
        assert closed["reason"] == "refused"
        assert await sam.closed() == 4403

    run(scenario)
    assert not Message.objects.filter(author=people.sam).exists()


def test_a_ban_disconnects_a_silent_socket_within_a_second(people, room, settings):
    settings.LANTERN_CHAT_WATCH_SECONDS = 0.1

    async def scenario():
        sam = await enter(room, people.sam)
        river = await enter(room, people.river)
        await db(moderation.ban, people.morgan, people.sam, "Harassing people in the room")
        closed, _before = await sam.until("closed", timeout=2)
        assert closed["reason"] == "signed_out" or closed["reason"] == "refused"
        await db(services.post_message, people.river, room, "after the ban")
        assert (await river.next_message())["body"] == "after the ban"
        await river.close()

    run(scenario)


def test_the_chair_removing_someone_closes_their_socket_at_once(people, session):
    room = session.room

    async def scenario():
        sam = await enter(room, people.sam)
        await db(services.remove, people.jo, session, people.sam, "Not tonight")
        closed, _before = await sam.until("closed")
        assert closed["reason"] == "removed"
        _socket, accepted, _code = await connect(room, await db(session_key, people.sam))
        assert not accepted

    run(scenario)


def test_a_revoked_role_counts_on_the_next_frame(people, space):
    invited = services.create_room(
        people.alex, "Invited", "invited-room", space=space, entry=Room.Entry.INVITED
    )

    async def scenario():
        morgan = await enter(invited, people.morgan)  # a site moderator may enter any room
        await db(accounts.revoke_role, people.morgan, Role.MODERATOR, by=people.alex)
        await morgan.send({"type": "ping"})
        closed, _before = await morgan.until("closed")
        assert closed["reason"] == "refused"

    run(scenario)


def test_a_muted_person_reads_but_cannot_post_over_the_socket(people, session):
    room = session.room

    async def scenario():
        sam = await enter(room, people.sam)
        await db(services.mute, people.jo, session, people.sam)
        await sam.send({"type": "post", "body": "hello?"})
        error, _before = await sam.until("error")
        assert error["code"] == "refused" and "muted" in error["message"]
        await db(services.post_message, people.jo, room, "the chair speaks")
        assert (await sam.next_message())["body"] == "the chair speaks"
        await sam.close()

    run(scenario)


def test_a_ping_brings_a_message_whose_event_was_lost(people, room):
    """The channel layer drops events for a socket too slow for a burst; the next ping (every
    25 s from room.js) sends what is missing."""

    async def scenario():
        river = await enter(room, people.river)
        await db(Message.objects.create, room=room, seq=1, author=people.sam, body="lost event")
        await db(Room.objects.filter(pk=room.pk).update, last_seq=1)
        assert await river.quiet_messages(0.3) == []
        await river.send({"type": "ping"})
        frame = await river.next_message()
        assert (frame["seq"], frame["body"]) == (1, "lost event")
        await river.until("pong")
        await river.close()

    run(scenario)


def test_staff_talking_in_a_room_are_not_idle_and_idle_staff_are_refused(people, room, settings):
    key = session_key(people.morgan)
    store = StoredSession.objects.get(session_key=key)
    data = store.get_decoded()

    def set_last_seen(seconds_ago):
        session = SessionStore(key)
        session["lantern_last_seen"] = timezone.now().timestamp() - seconds_ago
        session.save()

    assert "account_authentication_methods" in data
    set_last_seen(120)

    async def scenario():
        morgan, accepted, _code = await connect(room, key)
        assert accepted
        await morgan.until("state")
        await morgan.send({"type": "post", "body": "Welcome, everyone."})
        await morgan.until("ack")
        await morgan.close()

    run(scenario)
    assert timezone.now().timestamp() - SessionStore(key)["lantern_last_seen"] < 30
    set_last_seen(settings.STAFF_IDLE_SECONDS + 60)

    async def idle():
        _socket, accepted, _code = await connect(room, key)
        assert not accepted

    run(idle)


def test_support_over_the_socket_and_arrivals_and_departures(people, room):
    async def scenario():
        river = await enter(room, people.river)
        message = await db(services.post_message, people.river, room, "Day 94")
        sam = await enter(room, people.sam)
        arrived, _before = await river.until("presence")
        while arrived["id"] != people.sam.pk:  # river's own arrival first
            arrived, _before = await river.until("presence")
        assert arrived == {"type": "presence", "id": people.sam.pk, "present": True, "name": "sam"}
        await sam.send({"type": "react", "id": message.obj.pk, "kind": "relate"})
        reactions, _before = await river.until("reactions")
        assert reactions["counts"] == {"relate": 1}
        await sam.send({"type": "react", "id": message.obj.pk, "kind": "hug"})
        assert (await sam.until("error"))[0]["code"] == "refused"
        await sam.send({"type": "react", "id": 999999, "kind": "relate"})
        assert (await sam.until("error"))[0]["code"] == "not_found"
        await sam.close()
        left, _before = await river.until("presence")
        assert left == {"type": "presence", "id": people.sam.pk, "present": False}
        await river.close()

    run(scenario)


def test_a_client_can_ask_again_from_a_number(people, room):
    async def scenario():
        river = await enter(room, people.river)
        for n in range(3):
            await db(services.post_message, people.sam, room, f"m{n}")
        await river.quiet_messages()
        await river.send({"type": "sync", "since": 1})
        again = await river.messages_until_ready()
        assert [m["seq"] for m in again] == [2, 3]
        await river.send({"type": "sync", "since": "x"})
        assert (await river.until("error"))[0]["code"] == "malformed"
        await river.close()

    run(scenario)


def test_pings_are_written_as_presence_by_the_watcher(people, room, settings):
    """A ping is read-only; the watcher writes who was heard from, once per tick for a room."""
    settings.LANTERN_CHAT_WATCH_SECONDS = 0.1
    long_ago = timezone.now() - datetime.timedelta(minutes=10)

    async def scenario():
        river = await enter(room, people.river)
        sam = await enter(room, people.sam)
        await db(Participant.objects.filter(room=room).update, last_seen_at=long_ago)
        for socket in (river, sam):
            await socket.send({"type": "ping"})
            await socket.until("pong")
        await settle(0.5)
        await river.close()
        await sam.close()

    run(scenario)
    seen = Participant.objects.filter(room=room).values_list("last_seen_at", flat=True)
    assert len(seen) == 2 and all(at > long_ago for at in seen)
