"""The live room's WebSocket: `ws/chat/<slug>/?since=N`.

Nothing about the person is kept for the connection's life. The session is read afresh from its
store, and the person loaded afresh with it, on connect and for every frame they send
(`fresh_viewer`); a signed-out, expired or banned session gets a `closed` frame and the socket
closes. Between frames, three things close a socket at once or within a second: a `chat.kick`
event (the chair removed them; the person signed out: see apps.py), and the process's
`Watcher`, which asks once a second, for all its sockets in one query each, whether their
sessions still exist and whether any of their people has been banned.

Frames from the client (JSON text, at most FRAME_MAX characters):
    {"type": "post", "body": "...", "ref": "c1"}   → {"type": "ack", "ref", "seq", "held", "crisis"}
    {"type": "hand", "up": true}                   → a `state` frame follows
    {"type": "react", "id": 12, "kind": "relate"}
    {"type": "sync", "since": 41}                  → the messages after 41
    {"type": "ping"}                               → {"type": "pong"}
Anything else, or too big, or not JSON: {"type": "error", "code", "message"}, and the socket
stays open.

The room's events reach the socket through the process's fan-out (`fanout.py`: one channel per
room per process on the channel layer, handing each event to the room's sockets here, which
share the JSON made for it); the person's and the sign-in's through the consumer's own channel.

Frames to the client: `message` (with its per-room `seq`), `hidden`, `cleared`, `reactions`,
`presence`, `state`, `ready` (the catch-up is done, with the last number), `error`, `closed`.
Every socket keeps the last number it sent: a message at or below it is a duplicate and is
dropped; one further on than the next is preceded by the missing ones from the database. So a
client that reconnects with `?since=<last number it showed>` gets exactly what it missed.
"""

import asyncio
import json
import logging
import time
from collections import deque
from dataclasses import dataclass
from importlib import import_module
from types import SimpleNamespace
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.contrib import auth
from django.contrib.sessions.models import Session as StoredSession
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantern.accounts.services import uses_two_factor
from lantern.community.models import Sanction
from lantern.core.access import needs_mfa
from lantern.core.errors import NotFound, RateLimited, Refused
from lantern.safety import services as safety

from . import access, events, fanout, services
from .models import Message, Room

FRAME_MAX = 8_192  # characters in one client frame (a message is at most 2,000)
CLOSE_REFUSED = 4403
CLOSE_SIGNED_OUT = 4401
LAST_SEEN_KEY = "lantern_last_seen"  # accounts.middleware's staff idle clock
STAFF_TOUCH_SECONDS = 60  # how often a staff member's frames move that clock on
# Arrivals and departures are told to everyone only in rooms this small: in a room of 500 the
# 500 arrivals would be 125,000 frames. Bigger rooms show who is here on the next state change.
PRESENCE_LIVE_MAX = 50
# Room events waiting for one socket (a client that stopped reading): past this many, new ones
# are dropped, as a full channel drops them, and the socket fills the gap from the database with
# the next message it gets or its next ping.
OUTBOX_MAX = 1_000

logger = logging.getLogger(__name__)


@dataclass
class Viewer:
    user: object
    room: Room
    show_handles: bool
    moderates: bool
    sees_held: bool
    blocked: set
    language: str


def _session_store(session_key: str | None):
    engine = import_module(settings.SESSION_ENGINE)
    return engine.SessionStore(session_key)


def _staff_session_ok(user, store, active: bool) -> bool:
    """Staff sockets need a session that passed two-factor and has not gone idle, as staff
    pages do (accounts/middleware.py). A frame a staff member sent by acting (a post, a hand,
    a reaction) is activity, as a page is: a moderator chairing an hour-long meeting is not
    signed out for talking in it. Pings and reconnections are not: an open tab alone does not
    keep a staff session alive."""
    if not needs_mfa(user):
        return True
    methods = store.get("account_authentication_methods", [])
    if uses_two_factor(user) and not any(m.get("method") == "mfa" for m in methods):
        return False
    now = time.time()
    last_seen = store.get(LAST_SEEN_KEY)
    if last_seen is not None and now - last_seen > settings.STAFF_IDLE_SECONDS:
        return False
    if active and (last_seen is None or now - last_seen > STAFF_TOUCH_SECONDS):
        store[LAST_SEEN_KEY] = now
        store.save()
    return True


def fresh_user(session_key: str | None, *, active: bool = False):
    """The person signed in with this session now, read from the session store (None when
    signed out, expired, or not allowed a socket)."""
    if not session_key:
        return None
    store = _session_store(session_key)
    user = auth.get_user(SimpleNamespace(session=store))
    if not user.is_authenticated or not user.is_active:
        return None
    if not _staff_session_ok(user, store, active):
        return None
    return user


def fresh_viewer(session_key: str | None, slug: str, *, active: bool = False) -> Viewer | str:
    """The person and the room, checked afresh: a `Viewer`, "signed_out", or "refused"."""
    user = fresh_user(session_key, active=active)
    if user is None:
        return "signed_out"
    try:
        room, session = access.get_room_and_session_for(user, slug)
    except NotFound:
        return "refused"
    return Viewer(
        user=user,
        room=room,
        show_handles=access.can_see_handles(user, room, session),
        moderates=access.moderates_room(user, room),
        sees_held=access.can_see_held(user, room, session),
        blocked=services.conversations.blocked_ids(user),
        language=user.language or settings.LANGUAGE_CODE,
    )


def _hidden_from(payload: dict, viewer: Viewer) -> bool:
    """The viewer does not get this message: its author is blocked, it is hidden, or it is held
    and they neither wrote it nor act on held messages."""
    author_id = payload.get("author_id")
    if author_id is not None and author_id in viewer.blocked:
        return True
    status = payload.get("status")
    if status == Message.Status.HIDDEN:
        return True
    return status == Message.Status.HELD and author_id != viewer.user.pk and not viewer.sees_held


def _dumps(frame: dict) -> str:
    return json.dumps(frame, separators=(",", ":"))


def _message_text(payload: dict, viewer: Viewer, cache: dict) -> str | None:
    """The message frame for this viewer as JSON text. A frame depends on the viewer only
    through whether it is their own, whether they see handles and their language, so the
    sockets of a room share `cache` for one event and the JSON is made once per such kind of
    viewer, not once per socket."""
    if _hidden_from(payload, viewer):
        return None
    author_id = payload.get("author_id")
    mine = author_id is not None and author_id == viewer.user.pk
    key = (mine, viewer.show_handles, viewer.language)
    text = cache.get(key)
    if text is None:
        text = cache[key] = _dumps(_shape(payload, viewer))
    return text


def _shape(payload: dict, viewer: Viewer) -> dict | None:
    if _hidden_from(payload, viewer):
        return None
    author_id = payload.get("author_id")
    mine = author_id is not None and author_id == viewer.user.pk
    frame = {
        "type": "message",
        "seq": payload["seq"],
        "id": payload["id"],
        "kind": payload["kind"],
        "at": payload["at"],
        "mine": mine,
        "held": payload.get("status") == Message.Status.HELD,
    }
    if payload["kind"] == Message.Kind.NOTICE:
        notice = Message(body=payload["body"], params=payload.get("params") or {})
        with translation.override(viewer.language):
            frame["body"] = services.notice_text(notice, show_handles=viewer.show_handles)
        frame["author"] = ""
        return frame
    frame["body"] = payload["body"]
    if viewer.show_handles or mine:
        frame["author"] = payload["handle"] or _("a former member")
    else:
        with translation.override(viewer.language):
            frame["author"] = _("Participant %(number)s") % {"number": payload["number"]}
    return frame


class Gone(Exception):
    """The session or the person's access ended: close the socket with `reason`."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class Watcher:
    """Once a second, per process: close the sockets whose session is gone (signed out,
    expired) or whose person has been banned, two queries for all the process's sockets; and
    write who was heard from (pings) since the last tick, one UPDATE per room, rather than a
    write for every ping (500 people ping 20 times a second)."""

    interval = 1.0

    def __init__(self):
        self.consumers: set = set()
        self.task: asyncio.Task | None = None
        self.heard: dict[int, set[int]] = {}  # room id: the people whose sockets pinged

    def saw(self, consumer) -> None:
        self.heard.setdefault(consumer.room_id, set()).add(consumer.person_id)

    def add(self, consumer) -> None:
        self.consumers.add(consumer)
        loop = asyncio.get_running_loop()
        if self.task is None or self.task.done() or self.task.get_loop() is not loop:
            self.task = loop.create_task(self.run())

    def discard(self, consumer) -> None:
        self.consumers.discard(consumer)

    async def run(self) -> None:
        while self.consumers:
            await asyncio.sleep(getattr(settings, "LANTERN_CHAT_WATCH_SECONDS", self.interval))
            consumers = [c for c in self.consumers if c.person_id is not None]
            heard, self.heard = self.heard, {}
            if not consumers and not heard:
                continue
            try:
                gone = await database_sync_to_async(self.tick)(consumers, heard)
            except Exception:  # the database is away: try again next tick
                logger.warning("chat watcher could not check sessions", exc_info=True)
                continue
            for consumer in gone:
                await consumer.kick("signed_out")

    @classmethod
    def tick(cls, consumers, heard: dict) -> list:
        for room_id, person_ids in heard.items():
            services.seen(room_id, person_ids)
        return cls.find_gone(consumers) if consumers else []

    @staticmethod
    def find_gone(consumers) -> list:
        keys = {c.session_key for c in consumers}
        alive = set(
            StoredSession.objects.filter(
                session_key__in=keys, expire_date__gt=timezone.now()
            ).values_list("session_key", flat=True)
        )
        people = {c.person_id for c in consumers}
        banned = set(
            Sanction.objects.in_force()
            .filter(person_id__in=people, kind=Sanction.Kind.BAN)
            .values_list("person_id", flat=True)
        )
        uses_db_sessions = settings.SESSION_ENGINE.endswith(("db", "cached_db"))
        return [
            c
            for c in consumers
            if (uses_db_sessions and c.session_key not in alive) or c.person_id in banned
        ]


watcher = Watcher()


class ChatConsumer(AsyncWebsocketConsumer):
    """Events of the socket's person and sign-in (`chat.kick`, `chat.crisis`) come through the
    consumer's own channel, as Channels delivers them. The room's events come from the
    process's fan-out (`fanout.py`) into `push`, and go out in order, one at a time, through
    `_pump`; the catch-ups of `connect`, `sync` and `ping` take the same turn (`self.order`),
    so a socket's numbers only ever go up."""

    person_id: int | None = None
    room_id: int | None = None
    room_group: str | None = None  # the fan-out's group this socket is in, once let in
    closing = False

    # --- Connecting ------------------------------------------------------------------------

    async def connect(self):
        self.slug = self.scope["url_route"]["kwargs"]["slug"]
        self.session_key = self.scope.get("cookies", {}).get(settings.SESSION_COOKIE_NAME)
        self.last_seq: int | None = None
        self.groups_joined: list[str] = []
        self.outbox: deque = deque()  # room events waiting for this socket: (event, cache)
        self.pump: asyncio.Task | None = None
        self.order = asyncio.Lock()  # one thing at a time sends the room's messages
        self.ready = False  # the catch-up on connecting is done: room events may go out
        viewer = await database_sync_to_async(fresh_viewer)(self.session_key, self.slug)
        if not isinstance(viewer, Viewer):
            await self.close(code=CLOSE_REFUSED)  # before accepting: the handshake is refused
            return
        self.viewer = viewer
        self.person_id = viewer.user.pk
        self.room_id = viewer.room.pk
        async with fanout.rooms.membership_slot():
            for group in (
                events.person_group(self.person_id),
                events.login_group(self.session_key),
            ):
                await self.channel_layer.group_add(group, self.channel_name)
                self.groups_joined.append(group)
        # In the room before the catch-up reads the database: what is committed after that read
        # waits in the outbox until the catch-up is done.
        self.room_group = viewer.room.group_name
        await fanout.rooms.join(self.channel_layer, self.room_group, self)
        await self.accept()
        watcher.add(self)
        participant, here = await database_sync_to_async(self._join)()
        self.joined = True
        if here <= PRESENCE_LIVE_MAX:
            await self.channel_layer.group_send(
                viewer.room.group_name,
                {
                    "type": "chat.presence",
                    "id": self.person_id,
                    "handle": viewer.user.handle,
                    "number": participant.number,
                    "present": True,
                },
            )
        since = self._since_from_query()
        async with self.order:
            await self.catch_up(since)
            await self.send_state()
            self.ready = True
        self._wake()

    def _join(self):
        participant = services.joined(self.viewer.user, self.viewer.room)
        return participant, services.present_count(self.viewer.room)

    def _since_from_query(self) -> int | None:
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        value = (query.get("since") or [""])[0]
        return int(value) if value.isdigit() else None

    async def disconnect(self, code):
        watcher.discard(self)
        self.closing = True
        if self.room_group is not None:
            await fanout.rooms.leave(self.room_group, self)
            self.outbox.clear()
            if self.pump is not None:
                self.pump.cancel()  # a send still waiting on a client that went away
        async with fanout.rooms.membership_slot():
            for group in self.groups_joined:
                try:
                    await self.channel_layer.group_discard(group, self.channel_name)
                except Exception:  # Redis away: the membership expires; count them out anyway
                    logger.warning("chat socket could not leave %s", group, exc_info=True)
        if getattr(self, "joined", False):
            self.joined = False
            room = self.viewer.room
            still = await database_sync_to_async(self._leave)(room)
            if not still:
                await self.channel_layer.group_send(
                    room.group_name,
                    {"type": "chat.presence", "id": self.person_id, "present": False},
                )

    def _leave(self, room) -> bool:
        """True when the person is still here (another socket), or the room is too big for
        a live presence list."""
        services.left(self.person_id, room)
        still = room.participants.filter(person_id=self.person_id, connections__gt=0).exists()
        return still or services.present_count(room) >= PRESENCE_LIVE_MAX

    async def kick(self, reason: str) -> None:
        if self.closing:
            return
        self.closing = True  # from here on, `push` takes nothing and `_pump` stops
        self.outbox.clear()
        await self.send_json({"type": "closed", "reason": reason})
        await self.close(code=CLOSE_SIGNED_OUT if reason == "signed_out" else CLOSE_REFUSED)
        await fanout.rooms.leave(self.room_group, self)  # out of the room's list, now

    # --- Sending ---------------------------------------------------------------------------

    async def send_json(self, data: dict) -> None:
        await self.send(text_data=_dumps(data))

    def push(self, event: dict, cache: dict) -> None:
        """A room event from the fan-out (`fanout.Feed.run`), with the cache the room's sockets
        share for it: queued, and sent in order by `_pump`."""
        if self.closing:
            return
        if len(self.outbox) >= OUTBOX_MAX:
            logger.warning("chat socket too slow: a room event dropped (refetched later)")
            return
        self.outbox.append((event, cache))
        self._wake()

    def _wake(self) -> None:
        if self.ready and self.outbox and self.pump is None and not self.closing:
            # At once, in the caller's task, as far as it goes without waiting (the usual case:
            # the whole send); a task of its own only when it has to wait.
            self.pump = fanout.run_eagerly(self._pump())

    async def _pump(self) -> None:
        try:
            while self.outbox and not self.closing:
                event, cache = self.outbox.popleft()
                handler = self.ROOM_EVENTS.get(event.get("type"))
                if handler is None:
                    logger.warning("chat: unknown room event %r", event.get("type"))
                    continue
                async with self.order:
                    await handler(self, event, cache)
        except Exception:  # the socket went away mid-send; disconnect() cleans up
            logger.debug("chat socket stopped taking room events", exc_info=True)
        finally:
            self.pump = None

    async def catch_up(self, since: int | None, up_to: int | None = None) -> None:
        """Send the messages after `since` (up to `up_to`), then a `ready` frame. Without
        `since` (a fresh page that already shows the history), start from the room's last
        number. (Called with `self.order` held.)"""
        frames, last = await database_sync_to_async(self._missed)(since, up_to)
        for frame in frames:
            if self.closing:
                return
            await self.send_json(frame)
        self.last_seq = last if self.last_seq is None else max(self.last_seq, last)
        if up_to is None:
            await self.send_json({"type": "ready", "seq": self.last_seq})

    def _missed(self, since: int | None, up_to: int | None) -> tuple[list, int]:
        room = Room.objects.get(pk=self.room_id)
        if since is None or since > room.last_seq:
            return [], room.last_seq
        frames = []
        cursor = since
        while True:
            batch = services.messages_since(self.viewer.user, room, cursor)
            if up_to is not None:
                batch = [m for m in batch if m.seq <= up_to]
            numbers = services.numbers_of(room, {m.author_id for m in batch if m.author_id})
            for message in batch:
                payload = events.message_payload(message, None)
                payload["number"] = numbers.get(message.author_id)
                frame = _shape(payload, self.viewer)
                if frame is not None:
                    frames.append(frame)
            if len(batch) < services.HISTORY_PAGE:
                break
            cursor = batch[-1].seq
        last = up_to if up_to is not None else max(room.last_seq, since)
        return frames, last

    async def send_state(self) -> None:
        state = await database_sync_to_async(self._state)()
        await self.send_json({"type": "state", **state})

    def _state(self) -> dict:
        with translation.override(self.viewer.language):
            return services.room_state(self.viewer.user, Room.objects.get(pk=self.room_id))

    # --- The room's events, from the fan-out (`push`, `_pump`) ------------------------------

    async def room_message(self, event, cache):
        if self.last_seq is None or self.closing:
            return
        seq = event["seq"]
        if seq <= self.last_seq:
            return  # already sent (a catch-up got there first)
        if seq > self.last_seq + 1:
            await self.catch_up(self.last_seq, up_to=seq)  # fill the gap, in order
            return
        text = _message_text(event, self.viewer, cache)
        self.last_seq = seq
        if text is not None:
            await self.send(text_data=text)

    async def room_hidden(self, event, cache):
        await self.send_json({"type": "hidden", "id": event["id"], "seq": event["seq"]})

    async def room_held(self, event, cache):
        if event["author_id"] == self.person_id or self.viewer.sees_held:
            await self.send_json({"type": "held", "id": event["id"], "seq": event["seq"]})
        else:
            await self.send_json({"type": "hidden", "id": event["id"], "seq": event["seq"]})

    async def room_cleared(self, event, cache):
        await self.send_json({"type": "cleared", "up_to": event["up_to"]})

    async def room_reactions(self, event, cache):
        await self.send_json({"type": "reactions", "id": event["id"], "counts": event["counts"]})

    async def room_presence(self, event, cache):
        frame = {"type": "presence", "id": event["id"], "present": event["present"]}
        if event["present"]:
            if self.viewer.show_handles or event["id"] == self.person_id:
                frame["name"] = event["handle"]
            else:
                with translation.override(self.viewer.language):
                    frame["name"] = _("Participant %(number)s") % {"number": event["number"]}
        await self.send_json(frame)

    async def room_state(self, event, cache):
        if self.closing:
            return
        with translation.override(self.viewer.language):
            state = services.shape_state(
                event["state"],
                self.person_id,
                show_handles=self.viewer.show_handles,
                moderates=self.viewer.moderates,
            )
        await self.send_json({"type": "state", **state})

    ROOM_EVENTS = {
        "chat.message": room_message,
        "chat.hidden": room_hidden,
        "chat.held": room_held,
        "chat.cleared": room_cleared,
        "chat.reactions": room_reactions,
        "chat.presence": room_presence,
        "chat.state": room_state,
    }

    # --- The person's and the sign-in's events, from the channel layer ---------------------

    async def chat_crisis(self, event):
        if event.get("room") == self.room_id:
            lines = await database_sync_to_async(self._crisis_lines)()
            await self.send_json({"type": "crisis", "lines": lines})

    def _crisis_lines(self) -> list[dict]:
        return [
            {"name": r.name, "label": r.phone_label or r.phone, "tel": r.tel_href}
            for r in safety.crisis_resources(self.viewer.language)
        ]

    async def chat_kick(self, event):
        if event.get("room") in (None, self.room_id):
            await self.kick(event.get("reason", "refused"))

    # --- Frames from the client ------------------------------------------------------------

    async def error(self, code: str, message: str, ref=None) -> None:
        frame = {"type": "error", "code": code, "message": message}
        if ref is not None:
            frame["ref"] = ref
        await self.send_json(frame)

    async def receive(self, text_data=None, bytes_data=None):
        if self.closing:
            return
        if text_data is None:
            await self.error("malformed", _("Frames are JSON text."))
            return
        if len(text_data) > FRAME_MAX:
            await self.error("too_big", _("That is too long to send."))
            return
        try:
            frame = json.loads(text_data)
        except ValueError:
            frame = None
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            await self.error("malformed", _("Frames are JSON objects with a type."))
            return
        handler = {
            "post": self.on_post,
            "hand": self.on_hand,
            "react": self.on_react,
            "sync": self.on_sync,
            "ping": self.on_ping,
        }.get(frame["type"])
        ref = frame.get("ref")
        if ref is not None and (not isinstance(ref, str | int) or len(str(ref)) > 40):
            await self.error("malformed", _("A frame's ref is a short text."))
            return
        try:
            if handler is None:
                await database_sync_to_async(self.refresh)()
                await self.error("unknown", _("Unknown frame type."), ref)
                return
            # The room's events wait meanwhile: a post's ack comes before the message, and a
            # sync or a ping's catch-up is not overtaken by what comes next.
            async with self.order:
                await handler(frame, ref)
        except Gone as gone:
            await self.kick(gone.reason)
        except RateLimited as refusal:
            await self.error("rate_limited", refusal.message, ref)
        except NotFound:
            await self.error("not_found", _("Not found."), ref)
        except Refused as refusal:
            await self.error("refused", refusal.message, ref)

    def refresh(self, *, active: bool = False) -> Viewer:
        """The person and the room, afresh, for this frame (in the same database call as the
        frame's work: one trip to the database thread per frame)."""
        viewer = fresh_viewer(self.session_key, self.slug, active=active)
        if not isinstance(viewer, Viewer):
            raise Gone(viewer)
        self.viewer = viewer
        return viewer

    async def on_post(self, frame, ref):
        body = frame.get("body")
        if not isinstance(body, str):
            await self.error("malformed", _("A post needs a body."), ref)
            return
        ack = await database_sync_to_async(self._post)(body)
        await self.send_json({"type": "ack", "ref": ref, **ack})

    def _post(self, body: str) -> dict:
        """Delivered at once; the safety net reads it on the task worker, and the crisis lines
        (`crisis` frame) or a withdrawal (`held`/`hidden`) follow within a second or two."""
        self.refresh(active=True)
        saved = services.post_message(self.viewer.user, self.viewer.room, body, assess_later=True)
        return {"seq": saved.obj.seq, "held": saved.held, "crisis": []}

    async def on_hand(self, frame, ref):
        up = frame.get("up", True)
        await database_sync_to_async(self._hand)(bool(up))

    def _hand(self, up: bool) -> None:
        self.refresh(active=True)
        session = access.open_session(self.viewer.room)
        if session is None:
            raise Refused(_("The meeting has not started yet."))
        if up:
            services.raise_hand(self.viewer.user, session)
        else:
            services.lower_hand(self.viewer.user, session)

    async def on_react(self, frame, ref):
        pk, kind = frame.get("id"), frame.get("kind")
        if not isinstance(pk, int) or not isinstance(kind, str):
            await self.error("malformed", _("A reaction needs a message and a kind."), ref)
            return
        await database_sync_to_async(self._react)(pk, kind)

    def _react(self, pk: int, kind: str) -> None:
        self.refresh(active=True)
        message = access.get_message_for(self.viewer.user, pk)
        if message.room_id != self.room_id:
            raise NotFound
        services.toggle_reaction(self.viewer.user, message, kind)

    async def on_sync(self, frame, ref):
        since = frame.get("since")
        if not isinstance(since, int) or since < 0:
            await self.error("malformed", _("A sync needs the last number seen."), ref)
            return
        await database_sync_to_async(self.refresh)()
        self.last_seq = None
        await self.catch_up(since)

    async def on_ping(self, frame, ref):
        """Keep-alive, and a safety net: if an event was dropped (a socket too slow for a
        burst), the missing messages are sent now rather than with the next one. The room's
        last number comes with the room, read afresh by `refresh`; that the person was heard
        from is written by the watcher within a second."""
        viewer = await database_sync_to_async(self.refresh)()
        watcher.saw(self)
        last = viewer.room.last_seq
        if self.last_seq is not None and last > self.last_seq:
            await self.catch_up(self.last_seq, up_to=last)
        await self.send_json({"type": "pong"})
