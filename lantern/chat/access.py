"""Who may do what in live rooms, in one place.

Predicates answer for templates, views, services and the WebSocket consumer; loaders return the
record a person may see or raise `NotFound` (a room a person may not enter answers as if it did
not exist). Nothing here is kept beyond one question except what `core.access.remembered` keeps
for one request: the consumer loads the person afresh for every frame it acts on
(`consumers.py`), so a ban, a removal or a sign-out counts at once.
"""

from lantern.community import access as community
from lantern.community.models import Space, is_site_moderator
from lantern.core.access import remembered
from lantern.core.errors import NotFound

from .models import Message, Restriction, Room, Session


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _banned(user) -> bool:
    """Banned from the community, asked once per request (a socket loads the person afresh
    for every frame, so this is never older than the frame)."""
    return remembered(user, "chat.banned", lambda: community.is_banned(user))


def _hosts(user, room: Room) -> bool:
    return remembered(user, f"chat.host:{room.pk}", lambda: room.hosts.filter(pk=user.pk).exists())


def open_session(room: Room) -> Session | None:
    return Session.objects.open().filter(room=room).first()


# "The caller has not looked the open session up": a predicate given None knows there is none
# and does not ask again (a standing room has no session: without this it was asked for at
# every check of every frame).
UNKNOWN = object()


def _restricted(user, session: Session | None, kind: str) -> bool:
    """Muted or removed in this session (asked once per request; the chair's services
    `forget` the person they restrict)."""
    if session is None:
        return False
    kinds = remembered(
        user,
        f"chat.restrictions:{session.pk}",
        lambda: set(
            Restriction.objects.in_force()
            .filter(session=session, person=user)
            .values_list("kind", flat=True)
        ),
    )
    return kind in kinds


# --- Rooms --------------------------------------------------------------------------------------


def can_chair_room(user, room: Room) -> bool:
    """May open a session here: site moderators, the room's hosts, and the peer moderators of
    the room's space."""
    if not _signed_in(user) or _banned(user):
        return False
    if is_site_moderator(user):
        return True
    if room.space_id is not None and community.can_moderate_space(user, room.space):
        return True
    return _hosts(user, room)


def _admitted(user, room: Room) -> bool:
    """The room's entry rule, before bans and removals."""
    if is_site_moderator(user):
        return True
    if room.entry == Room.Entry.MEMBERS:
        return room.space_id is None or community.can_read_space(user, room.space)
    if room.entry == Room.Entry.SPACE:
        return room.space_id is not None and (
            community.is_member(user, room.space) or community.can_moderate_space(user, room.space)
        )
    return (
        room.invited.filter(pk=user.pk).exists()
        or _hosts(user, room)
        or (room.space_id is not None and community.can_moderate_space(user, room.space))
    )


def can_enter_room(user, room: Room, session=UNKNOWN) -> bool:
    """Signed in, not banned, admitted by the room's entry rule, and not removed from the
    session under way (`session`: the room's open session or None, when the caller has it)."""
    if not _signed_in(user) or _banned(user):
        return False
    if not _admitted(user, room):
        return False
    session = open_session(room) if session is UNKNOWN else session
    return not _restricted(user, session, Restriction.Kind.REMOVE)


def moderates_room(user, room: Room) -> bool:
    """Site moderators everywhere, and a space's peer moderators in its room: they run any
    session there without being named its chair."""
    if not _signed_in(user) or _banned(user):
        return False
    if is_site_moderator(user):
        return True
    return room.space_id is not None and community.can_moderate_space(user, room.space)


def can_run_session(user, session: Session | None) -> bool:
    """The chair's controls: the chair and co-chairs of the open session, and the site's (or
    the space's) moderators."""
    if session is None or session.closed_at is not None or not _signed_in(user):
        return False
    if _banned(user):
        return False
    if user.pk in session.chair_ids() or is_site_moderator(user):
        return True
    room = session.room
    return room.space_id is not None and community.can_moderate_space(user, room.space)


def can_see_handles(user, room: Room, session: Session | None = None) -> bool:
    """Rooms that hide handles show numbers instead; chairs and moderators still see who is
    who, to keep the room safe."""
    if not room.hide_handles:
        return True
    if is_site_moderator(user) or can_chair_room(user, room):
        return True
    return can_run_session(user, session)


def why_cannot_post(user, room: Room, session: Session | None) -> str:
    """'' when `user` may post in `room` now, else the code of the rule that stops them:
    "enter" (not in the room), "closed" (no session, in a meeting's room), "silenced" (a
    community mute or ban), "muted" (by the chair), "queue" (the share queue is on and someone
    else has the floor)."""
    if not can_enter_room(user, room, session):
        return "enter"
    if session is None and room.meeting_id is not None:
        return "closed"
    space = room.space if room.space_id is not None else None
    if community.is_silenced(user, space):
        return "silenced"
    if _restricted(user, session, Restriction.Kind.MUTE):
        return "muted"
    if (
        session is not None
        and session.queue_on
        and session.floor_id != user.pk
        and not can_run_session(user, session)
    ):
        return "queue"
    return ""


def can_raise_hand(user, session: Session | None) -> bool:
    return (
        session is not None
        and session.closed_at is None
        and can_enter_room(user, session.room, session)
        and not _restricted(user, session, Restriction.Kind.MUTE)
    )


def can_report_message(user, message: Message) -> bool:
    return (
        message.kind == Message.Kind.TEXT
        and message.author_id is not None
        and message.author_id != user.pk
        and can_enter_room(user, message.room)
    )


def can_react_to_message(user, message: Message) -> bool:
    return (
        message.kind == Message.Kind.TEXT
        and message.status == Message.Status.SHOWN
        and message.author_id != user.pk
        and can_enter_room(user, message.room)
    )


def can_moderate_message(user, message: Message) -> bool:
    """Hide a message: whoever runs the session, and the site's or space's moderators."""
    room = message.room
    if not _signed_in(user):
        return False
    if is_site_moderator(user):
        return True
    if room.space_id is not None and community.can_moderate_space(user, room.space):
        return True
    return can_run_session(user, open_session(room))


def can_create_room(user, space: Space | None = None) -> bool:
    """Site moderators make rooms for meetings and spaces; a space's peer moderators make its
    standing room."""
    if not _signed_in(user) or _banned(user):
        return False
    if is_site_moderator(user):
        return True
    return space is not None and community.can_moderate_space(user, space)


def can_change_room(user, room: Room) -> bool:
    return can_create_room(user, room.space if room.space_id is not None else None)


def can_see_held(user, room: Room, session=UNKNOWN) -> bool:
    """Messages held by the safety net are seen by their author and by whoever may act on
    them: the chairs and the site's or space's moderators."""
    if is_site_moderator(user):
        return True
    if room.space_id is not None and community.can_moderate_space(user, room.space):
        return True
    return can_run_session(user, open_session(room) if session is UNKNOWN else session)


def can_see_message(user, message: Message) -> bool:
    if not can_enter_room(user, message.room):
        return False
    if message.status == Message.Status.SHOWN or message.author_id == user.pk:
        return True
    # Held and hidden messages: for whoever may act on them (release, talk to the author).
    return can_see_held(user, message.room)


# --- Loaders ------------------------------------------------------------------------------------


def get_room_for(user, slug: str) -> Room:
    """A room the person may enter."""
    room = Room.objects.select_related("space", "meeting").filter(slug=slug).first()
    if room is None or not can_enter_room(user, room):
        raise NotFound
    return room


def get_room_and_session_for(user, slug: str) -> tuple[Room, Session | None]:
    """A room the person may enter, and its open session (None between meetings): the
    socket's check for every frame, asking for the session once."""
    room = Room.objects.select_related("space", "meeting").filter(slug=slug).first()
    if room is None:
        raise NotFound
    session = open_session(room)
    if not can_enter_room(user, room, session):
        raise NotFound
    return room, session


def get_room_to_change_for(user, slug: str) -> Room:
    room = get_room_for(user, slug)
    if not can_change_room(user, room):
        raise NotFound
    return room


def get_message_for(user, pk: int) -> Message:
    """A message in a room the person may enter, that they may see."""
    message = Message.objects.select_related("room", "room__space", "author").filter(pk=pk).first()
    if message is None or not can_see_message(user, message):
        raise NotFound
    return message


def rooms_for(user) -> list[tuple[Room, Session | None]]:
    """The rooms the person may enter, each with its open session (if any), in a fixed
    number of queries: the same rules as `can_enter_room`, asked for every room at once."""
    if not _signed_in(user) or _banned(user):
        return []
    rooms = list(Room.objects.select_related("space", "meeting"))
    community.preload_memberships(user, [room.space_id for room in rooms if room.space_id])
    sessions = {s.room_id: s for s in Session.objects.open().filter(room__in=rooms)}
    removed = set(
        Restriction.objects.in_force()
        .filter(person=user, kind=Restriction.Kind.REMOVE)
        .values_list("session__room_id", flat=True)
    )
    invited = set(user.chat_rooms_invited.values_list("pk", flat=True))
    invited |= set(user.chat_rooms_hosted.values_list("pk", flat=True))
    site = is_site_moderator(user)
    found = []
    for room in rooms:
        if room.pk in removed:
            continue
        if site:
            ok = True
        elif room.entry == Room.Entry.INVITED:
            ok = room.pk in invited or (
                room.space_id is not None and community.can_moderate_space(user, room.space)
            )
        elif room.entry == Room.Entry.SPACE:
            ok = room.space_id is not None and (
                community.is_member(user, room.space)
                or community.can_moderate_space(user, room.space)
            )
        else:
            ok = room.space_id is None or community.can_read_space(user, room.space)
        if ok:
            found.append((room, sessions.get(room.pk)))
    found.sort(key=lambda pair: (pair[1] is None, pair[0].name))
    return found
