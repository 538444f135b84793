"""Everything that changes a live room, one function per action. Each takes the acting person
first, checks access itself (a view's or consumer's check is not trusted), writes in one
transaction and tells live sockets after the commit (`events.py`).

Sequence numbers: `_next_seq` bumps `Room.last_seq` with one UPDATE inside the transaction that
writes the message. The UPDATE holds the room's row (PostgreSQL) or the database (SQLite) until
the commit, so numbers are handed out in commit order and a committed number is never missing
below a later one: a socket that sees a gap can fill it from the database (`messages_since`).
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lantern.community.models import Space, is_site_moderator
from lantern.community.services import conversations
from lantern.community.services.base import clean_text
from lantern.core import ratelimits
from lantern.core.access import forget
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.meetings import services as meeting_services
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from . import access, events, tasks
from .models import (
    MESSAGE_MAX,
    PINNED_MAX,
    Hand,
    Message,
    Participant,
    Reaction,
    Report,
    Restriction,
    Room,
    Session,
)
from .state import (  # noqa: F401 (re-exported: the views and the consumer use them from here)
    PRESENT_LIST_MAX,
    numbers_of,
    present,
    present_count,
    public_state,
    room_state,
    shape_state,
)

SLOW_MODE_CHOICES = (0, 10, 30, 60, 120)
REASON_MAX = 500
HISTORY_PAGE = 200  # messages per catch-up query
PAGE_MESSAGES = 60  # messages on the room page (the 30 KB budget)


def refusal_text(code: str) -> str:
    return {
        "enter": _("You are not in this room."),
        "closed": _("The meeting has not started yet. Wait for the chair to open it."),
        "silenced": _("You cannot post right now: a moderator has paused your posting."),
        "muted": _("The chair has muted you for this meeting. You can still read along."),
        "queue": _(
            "The share queue is on: raise your hand and wait for the chair to give you the floor."
        ),
    }.get(code, _("You cannot post here."))


# --- Rooms --------------------------------------------------------------------------------------


def _clean_slug(slug: str) -> str:
    slug = (slug or "").strip().lower()
    if not slug or len(slug) > 80 or not all(c.isalnum() or c == "-" for c in slug):
        raise Refused(_("Use letters, numbers and hyphens for the address."), field="slug")
    if slug in ("new", "messages") or Room.objects.filter(slug=slug).exists():
        raise Refused(_("Another room has this address."), field="slug")
    return slug


@transaction.atomic
def create_room(
    actor,
    name: str,
    slug: str,
    *,
    space: Space | None = None,
    meeting=None,
    description: str = "",
    entry: str = Room.Entry.MEMBERS,
    history: str = Room.History.KEEP,
    hide_handles: bool = False,
) -> Room:
    """A standing room for a space (its peer moderators or site moderators), or the room a
    meeting is held in (site moderators)."""
    if space is not None and meeting is not None:
        raise Refused(_("A room is for a group or for a meeting, not both."))
    if not access.can_create_room(actor, space) or (meeting is not None and space is not None):
        raise NotFound
    if meeting is not None and not is_site_moderator(actor):
        raise NotFound
    if meeting is not None and Room.objects.filter(meeting=meeting).exists():
        raise Refused(_("This meeting already has a room."))
    if entry == Room.Entry.SPACE and space is None:
        raise Refused(_("Only a group's room can be for its members."), field="entry")
    name = clean_text(name, limit=120, what=_("The name"), field="name")
    description = (
        clean_text(description, limit=300, what=_("The description"), field="description")
        if description.strip()
        else ""
    )
    room = Room.objects.create(
        slug=_clean_slug(slug),
        name=name,
        description=description,
        space=space,
        meeting=meeting,
        entry=entry,
        history=history,
        hide_handles=hide_handles,
    )
    room.hosts.add(actor)
    forget(actor)
    safety.check_text(
        actor, f"{name}\n{description}", Context.CHAT, source=room, source_url=room_url(room)
    )
    if meeting is not None:
        # Held here now: online (hybrid with a place) in the finder and the feed.
        meeting_services.mark_held_in_lantern(meeting, settings.SITE_URL + room_url(room))
    return room


@transaction.atomic
def update_room(
    actor, room: Room, *, entry: str, history: str, hide_handles: bool, description: str = ""
) -> Room:
    """Change who may enter, whether history is kept, and whether handles are hidden."""
    if not access.can_change_room(actor, room):
        raise NotFound
    if entry == Room.Entry.SPACE and room.space_id is None:
        raise Refused(_("Only a group's room can be for its members."), field="entry")
    room.entry, room.history, room.hide_handles = entry, history, hide_handles
    room.description = (
        clean_text(description, limit=300, what=_("The description"), field="description")
        if description.strip()
        else ""
    )
    room.save(update_fields=["entry", "history", "hide_handles", "description"])
    if room.description:
        safety.check_text(actor, room.description, Context.CHAT, source=room)
    events.state_changed(room)
    return room


@transaction.atomic
def invite(actor, room: Room, person) -> None:
    if not access.can_change_room(actor, room):
        raise NotFound
    room.invited.add(person)


def room_url(room: Room) -> str:
    return reverse("chat-room", args=[room.slug])


def room_for_meeting(meeting) -> Room | None:
    """The room a meeting is held in on Lantern, if any."""
    return Room.objects.filter(meeting=meeting).first()


def meeting_room_urls(meeting_ids) -> dict[int, str]:
    """{meeting id: its room's path} for those of these meetings held in Lantern (one query,
    for a list), registered with `meetings.extensions.held_in` for "Join in Lantern"."""
    rows = Room.objects.filter(meeting_id__in=list(meeting_ids)).values_list("meeting_id", "slug")
    return {meeting_id: reverse("chat-room", args=[slug]) for meeting_id, slug in rows}


# --- Numbers, participants and notices ----------------------------------------------------------


def _next_seq(room: Room) -> int:
    Room.objects.filter(pk=room.pk).update(last_seq=F("last_seq") + 1)
    seq = Room.objects.filter(pk=room.pk).values_list("last_seq", flat=True).get()
    room.last_seq = seq
    return seq


def participant_for(room: Room, person) -> Participant:
    """The person's place in the room (made on first entry, with the next free number)."""
    found = Participant.objects.filter(room=room, person=person).first()
    if found is not None:
        return found
    for _attempt in range(5):
        number = (Participant.objects.filter(room=room).aggregate(n=Max("number"))["n"] or 0) + 1
        try:
            with transaction.atomic():
                return Participant.objects.create(room=room, person=person, number=number)
        except IntegrityError:
            found = Participant.objects.filter(room=room, person=person).first()
            if found is not None:
                return found
    raise Refused(_("The room is busy. Please try again."))


def _notice(room: Room, session: Session | None, code: str, **params) -> Message:
    message = Message.objects.create(
        room=room,
        session=session,
        seq=_next_seq(room),
        kind=Message.Kind.NOTICE,
        body=code,
        params=params,
    )
    events.message_sent(room, message, None)
    return message


def notice_text(message: Message, *, show_handles: bool = True) -> str:
    """What a notice says, in the reader's language."""
    params = message.params or {}
    who = params.get("handle") if show_handles else None
    if not who and params.get("number"):
        who = _("Participant %(number)s") % {"number": params["number"]}
    who = who or _("someone")
    texts = {
        "opened": _("The chair opened the meeting. Welcome."),
        "closed": _("The meeting has ended. Thank you for being here."),
        "cleared": _("The meeting has ended. What was said here stays here: the room is cleared."),
        "floor": _("%(who)s has the floor.") % {"who": who},
        "floor_ended": _("The floor is back with the chair."),
        "queue_on": _("The share queue is on: raise your hand to share."),
        "queue_off": _("The share queue is off: everyone may post."),
        "slow_off": _("Slow mode is off."),
        "pinned": _("The chair pinned the format and readings."),
    }
    if message.body == "slow_on":
        seconds = params.get("seconds", 0)
        return ngettext(
            "Slow mode: one message every %(n)s second.",
            "Slow mode: one message every %(n)s seconds.",
            seconds,
        ) % {"n": seconds}
    return str(texts.get(message.body, ""))


# --- Sessions and the chair's controls ----------------------------------------------------------


def _check_runs(actor, session: Session) -> None:
    if not access.can_run_session(actor, session):
        raise NotFound


def _who(room: Room, person) -> dict:
    participant = participant_for(room, person)
    return {"handle": person.handle, "number": participant.number}


@transaction.atomic
def open_session(actor, room: Room, pinned: str = "") -> Session:
    """The chair opens a session (one at a time per room), optionally with the format."""
    if not access.can_chair_room(actor, room):
        raise NotFound
    if access.open_session(room) is not None:
        raise Refused(_("A meeting is already open in this room."))
    pinned = _clean_pinned(pinned)
    try:
        with transaction.atomic():
            session = Session.objects.create(room=room, chair=actor, pinned=pinned)
    except IntegrityError:
        raise Refused(_("A meeting is already open in this room.")) from None
    participant_for(room, actor)
    if pinned:
        _check_pinned(actor, session)
    _notice(room, session, "opened")
    events.state_changed(room)
    return session


@transaction.atomic
def close_session(actor, session: Session) -> Session:
    """The chair ends the session. In a room that promises it, everything said is deleted."""
    _check_runs(actor, session)
    room = session.room
    session.closed_at = timezone.now()
    session.floor = None
    session.save(update_fields=["closed_at", "floor"])
    Hand.objects.filter(
        session=session, status__in=[Hand.Status.WAITING, Hand.Status.FLOOR]
    ).update(status=Hand.Status.LOWERED)
    if room.history == Room.History.CLEAR:
        up_to = _current_seq(room)
        said = Message.objects.filter(room=room, seq__lte=up_to)
        # Reported words stay as evidence, out of sight, until a moderator resolves the report.
        reported = said.filter(
            Exists(Report.objects.filter(message=OuterRef("pk"), resolved_at__isnull=True))
        )
        reported.update(status=Message.Status.HIDDEN)
        said.exclude(pk__in=reported.values("pk")).delete()
        events.cleared(room, up_to)
        _notice(room, session, "cleared")
    else:
        _notice(room, session, "closed")
    events.state_changed(room)
    return session


def _current_seq(room: Room) -> int:
    return Room.objects.filter(pk=room.pk).values_list("last_seq", flat=True).get()


def _clean_pinned(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    return clean_text(text, limit=PINNED_MAX, what=_("The format"), field="pinned")


def _check_pinned(actor, session: Session) -> None:
    safety.check_text(
        actor, session.pinned, Context.CHAT, source=session, source_url=room_url(session.room)
    )


@transaction.atomic
def pin_format(actor, session: Session, text: str) -> Session:
    """The chair pins the format and readings at the top of the room (empty unpins)."""
    _check_runs(actor, session)
    session.pinned = _clean_pinned(text)
    session.save(update_fields=["pinned"])
    if session.pinned:
        _check_pinned(actor, session)
        _notice(session.room, session, "pinned")
    events.state_changed(session.room)
    return session


def person_in_room(room: Room, handle: str):
    """A participant of the room by handle (or "#number" when handles are hidden)."""
    handle = (handle or "").strip()
    query = Participant.objects.filter(room=room).select_related("person")
    if handle.startswith("#") and handle[1:].isdigit():
        found = query.filter(number=int(handle[1:])).first()
    else:
        found = query.filter(person__handle__iexact=handle).first()
    if found is None:
        raise Refused(_("Nobody with that name has been in this room."), field="handle")
    return found.person


@transaction.atomic
def add_co_chair(actor, session: Session, handle: str):
    """The chair names a co-chair, who gets the chair's controls for this session."""
    _check_runs(actor, session)
    person = person_in_room(session.room, handle)
    if not access.can_enter_room(person, session.room, session):
        raise Refused(_("This person cannot be in the room now."), field="handle")
    session.co_chairs.add(person)
    events.state_changed(session.room)
    return person


@transaction.atomic
def remove_co_chair(actor, session: Session, person) -> None:
    _check_runs(actor, session)
    session.co_chairs.remove(person)
    events.state_changed(session.room)


@transaction.atomic
def raise_hand(actor, session: Session) -> Hand:
    """A participant asks to share; the queue is first come, first served."""
    if not access.can_raise_hand(actor, session):
        raise Refused(_("You cannot raise your hand here now."))
    hand = Hand.objects.filter(
        session=session, person=actor, status__in=[Hand.Status.WAITING, Hand.Status.FLOOR]
    ).first()
    if hand is None:
        participant_for(session.room, actor)
        hand = Hand.objects.create(session=session, person=actor)
        events.state_changed(session.room)
    return hand


@transaction.atomic
def lower_hand(actor, session: Session) -> None:
    """A participant takes their hand down (or, with the floor, says they are done)."""
    hands = Hand.objects.filter(
        session=session, person=actor, status__in=[Hand.Status.WAITING, Hand.Status.FLOOR]
    )
    if not hands.exists():
        return
    had_floor = session.floor_id == actor.pk
    hands.update(status=Hand.Status.DONE if had_floor else Hand.Status.LOWERED)
    if had_floor:
        session.floor = None
        session.save(update_fields=["floor"])
        _notice(session.room, session, "floor_ended")
    events.state_changed(session.room)


@transaction.atomic
def give_floor(actor, session: Session, person=None):
    """The chair calls on the next raised hand (or on `person`, who need not have raised one)."""
    _check_runs(actor, session)
    Hand.objects.filter(session=session, status=Hand.Status.FLOOR).update(status=Hand.Status.DONE)
    if person is None:
        hand = Hand.objects.filter(session=session).waiting().select_related("person").first()
        if hand is None:
            raise Refused(_("Nobody is waiting to share."))
        person = hand.person
    else:
        if not access.can_enter_room(person, session.room, session):
            raise Refused(_("This person cannot be in the room now."), field="handle")
        hand = Hand.objects.filter(session=session, person=person).waiting().first()
        if hand is None:
            hand = Hand.objects.create(session=session, person=person)
    hand.status = Hand.Status.FLOOR
    hand.save(update_fields=["status"])
    session.floor = person
    session.save(update_fields=["floor"])
    _notice(session.room, session, "floor", **_who(session.room, person))
    events.state_changed(session.room)
    return person


@transaction.atomic
def end_floor(actor, session: Session) -> None:
    """The chair thanks the person sharing and takes the floor back."""
    _check_runs(actor, session)
    if session.floor_id is None:
        return
    Hand.objects.filter(session=session, status=Hand.Status.FLOOR).update(status=Hand.Status.DONE)
    session.floor = None
    session.save(update_fields=["floor"])
    _notice(session.room, session, "floor_ended")
    events.state_changed(session.room)


@transaction.atomic
def set_queue(actor, session: Session, on: bool) -> Session:
    """While the share queue is on, only the person with the floor and the chairs post."""
    _check_runs(actor, session)
    if session.queue_on == on:
        return session
    session.queue_on = on
    session.save(update_fields=["queue_on"])
    _notice(session.room, session, "queue_on" if on else "queue_off")
    events.state_changed(session.room)
    return session


@transaction.atomic
def set_slow_mode(actor, session: Session, seconds: int) -> Session:
    """One message per participant every `seconds` (chairs are never slowed); 0 turns it off."""
    _check_runs(actor, session)
    if seconds not in SLOW_MODE_CHOICES:
        raise Refused(_("Choose one of the offered intervals."), field="seconds")
    if session.slow_seconds == seconds:
        return session
    session.slow_seconds = seconds
    session.save(update_fields=["slow_seconds"])
    if seconds:
        _notice(session.room, session, "slow_on", seconds=seconds)
    else:
        _notice(session.room, session, "slow_off")
    events.state_changed(session.room)
    return session


def _restrict(actor, session: Session, person, kind: str, reason: str) -> Restriction:
    _check_runs(actor, session)
    if person.pk == actor.pk or person.pk in session.chair_ids() or is_site_moderator(person):
        raise Refused(_("You cannot do that to a chair or a moderator."), field="handle")
    reason = (reason or "").strip()[:REASON_MAX]
    restriction = Restriction.objects.filter(
        session=session, person=person, kind=kind, lifted_at__isnull=True
    ).first()
    if restriction is None:
        restriction = Restriction.objects.create(
            session=session, person=person, kind=kind, by=actor, reason=reason
        )
    forget(person)
    if session.floor_id == person.pk:
        session.floor = None
        session.save(update_fields=["floor"])
    Hand.objects.filter(
        session=session, person=person, status__in=[Hand.Status.WAITING, Hand.Status.FLOOR]
    ).update(status=Hand.Status.LOWERED)
    return restriction


@transaction.atomic
def mute(actor, session: Session, person, reason: str = "") -> Restriction:
    """The person may read but not post or raise a hand until the session ends or the chair
    lifts it."""
    restriction = _restrict(actor, session, person, Restriction.Kind.MUTE, reason)
    events.state_changed(session.room)
    return restriction


@transaction.atomic
def unmute(actor, session: Session, person) -> None:
    _check_runs(actor, session)
    Restriction.objects.in_force().filter(
        session=session, person=person, kind=Restriction.Kind.MUTE
    ).update(lifted_at=timezone.now())
    forget(person)
    events.state_changed(session.room)


@transaction.atomic
def remove(actor, session: Session, person, reason: str = "") -> Restriction:
    """The person leaves the room for the rest of the session: their sockets close at once."""
    restriction = _restrict(actor, session, person, Restriction.Kind.REMOVE, reason)
    Participant.objects.filter(room=session.room, person=person).update(connections=0)
    events.person_out(person.pk, session.room_id, "removed")
    events.state_changed(session.room)
    return restriction


# --- Messages -----------------------------------------------------------------------------------


def _check_slow_mode(actor, session: Session | None, participant: Participant) -> None:
    if session is None or not session.slow_seconds or access.can_run_session(actor, session):
        return
    last = participant.last_posted_at
    if last is None:
        return
    wait = (last + timedelta(seconds=session.slow_seconds) - timezone.now()).total_seconds()
    if wait > 0:
        raise Refused(
            ngettext(
                "Slow mode is on: you can post again in %(n)s second.",
                "Slow mode is on: you can post again in %(n)s seconds.",
                int(wait) + 1,
            )
            % {"n": int(wait) + 1},
            field="body",
        )


def _tell_chairs_of_urgent(session: Session | None, message: Message) -> None:
    """Urgent words in a meeting: the chairs are told at once (on-duty moderators already have
    the safety alert), with a way to talk to the author privately."""
    if session is None:
        return
    for chair_id in session.chair_ids() - {message.author_id}:
        chair = session.co_chairs.filter(pk=chair_id).first() or session.chair
        if chair is None:
            continue
        notify(
            chair,
            "chat.urgent",
            about=message,
            params={"room": session.room.name},
            url=room_url(session.room),
            urgent=True,
        )


@transaction.atomic
def post_message(actor, room: Room, body: str, *, assess_later: bool = False) -> Saved:
    """A participant writes in the room. Every message goes through the safety net: urgent
    words show the author the crisis lines, alert on-duty staff and the chairs, and are held
    from the others when the site's safety settings say so. A page's post is assessed before
    it is shown; a socket's (`assess_later`) is delivered at once and assessed on the task
    worker within a second or two (`assess_message`), which withdraws it if it must be held."""
    session = access.open_session(room)
    code = access.why_cannot_post(actor, room, session)
    if code:
        raise Refused(refusal_text(code), field="body")
    body = clean_text(body, limit=MESSAGE_MAX, what=_("Your message"), field="body")
    participant = participant_for(room, actor)
    _check_slow_mode(actor, session, participant)
    ratelimits.consume("chat", actor)
    now = timezone.now()
    message = Message.objects.create(
        room=room,
        session=session,
        seq=_next_seq(room),
        author=actor,
        body=body,
        assessed_at=None if assess_later else now,
    )
    Participant.objects.filter(pk=participant.pk).update(last_posted_at=now, last_seen_at=now)
    message.author = actor
    if assess_later:
        events.message_sent(room, message, participant)
        transaction.on_commit(lambda: tasks.assess_message.enqueue(message.pk))
        return Saved(message)
    outcome = _assess(message, session)
    events.message_sent(room, message, participant)
    return Saved(message, show_crisis_resources=outcome.show_crisis_resources, held=outcome.hold)


def _assess(message: Message, session: Session | None) -> safety.Outcome:
    outcome = safety.check_text(
        message.author,
        message.body,
        Context.CHAT,
        source=message,
        source_url=room_url(message.room),
    )
    if outcome.hold:
        message.status = Message.Status.HELD
        message.save(update_fields=["status"])
    if outcome.alert is not None:
        _tell_chairs_of_urgent(session, message)
    return outcome


@transaction.atomic
def assess_message(message_id: int) -> bool:
    """The task worker's half of a socket's post: the safety net reads it (once, whoever runs
    it first); a message to hold is withdrawn from the others' screens, and the author's
    sockets show the crisis lines when the words ask for it. False when already done."""
    message = (
        Message.objects.select_for_update(of=("self",))
        .select_related("room", "author", "session")
        .filter(pk=message_id, assessed_at__isnull=True)
        .first()
    )
    if message is None or message.author is None:
        return False
    message.assessed_at = timezone.now()
    message.save(update_fields=["assessed_at"])
    session = message.session if message.session and message.session.closed_at is None else None
    outcome = _assess(message, session)
    if outcome.hold:
        events.held(message.room, message)
    if outcome.show_crisis_resources:
        events.crisis(message.author_id, message.room_id)
    return True


@transaction.atomic
def hide_message(actor, message: Message) -> Message:
    """A chair or moderator takes a message out of the room."""
    if not access.can_moderate_message(actor, message):
        raise NotFound
    if message.kind != Message.Kind.TEXT:
        raise Refused(_("Only messages can be hidden."))
    message.status = Message.Status.HIDDEN
    message.save(update_fields=["status"])
    events.hidden(message.room, message)
    return message


@transaction.atomic
def toggle_reaction(actor, message: Message, kind: str) -> bool:
    """Support for a message ("I relate"…); a second tap takes it back. True when added."""
    if not access.can_react_to_message(actor, message):
        raise NotFound
    if kind not in Reaction.Kind.values:
        raise Refused(_("Choose one of the offered reactions."))
    ratelimits.consume("chat", actor)
    deleted, _kinds = Reaction.objects.filter(message=message, person=actor, kind=kind).delete()
    if not deleted:
        Reaction.objects.create(message=message, person=actor, kind=kind)
    events.reactions_changed(
        message.room, message, reaction_counts([message.pk]).get(message.pk, {})
    )
    return not deleted


def reaction_counts(message_ids) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {}
    rows = (
        Reaction.objects.filter(message_id__in=list(message_ids))
        .values("message_id", "kind")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts.setdefault(row["message_id"], {})[row["kind"]] = row["n"]
    return counts


@transaction.atomic
def report_message(actor, message: Message, note: str = "") -> Report:
    """A participant reports a message: the room's chairs and the site's moderators are told."""
    if not access.can_report_message(actor, message):
        raise NotFound
    ratelimits.consume("report", actor)
    note = (note or "").strip()[:1_000]
    if note:
        note = clean_text(note, limit=1_000, what=_("Your note"), field="note")
    report = Report.objects.create(message=message, reporter=actor, note=note)
    if note:
        safety.check_text(actor, note, Context.REPORT, source=report)
    session = access.open_session(message.room)
    told = set()
    people = list(safety.with_role(*("moderator", "admin")))
    if session is not None:
        people += [session.chair, *session.co_chairs.all()]
    for person in people:
        if person is None or person.pk in told or person.pk == actor.pk:
            continue
        told.add(person.pk)
        notify(
            person,
            "chat.report",
            about=report,
            params={"room": message.room.name},
            url=room_url(message.room),
        )
    return report


@transaction.atomic
def open_side_conversation(actor, message: Message):
    """A chair opens a private conversation with a message's author (after urgent words, say):
    the groups' one conversation mechanism, about the message."""
    if not access.can_moderate_message(actor, message):
        raise NotFound
    if message.author is None:
        raise Refused(_("This person has left Lantern."))
    if message.author_id == actor.pk:
        raise Refused(_("This is your own message."))
    return conversations.open_conversation(actor, message.author, about=message)


# --- Reading ------------------------------------------------------------------------------------


def _visible(viewer, room: Room, session=access.UNKNOWN):
    """The room's messages `viewer` may see: shown ones, and their own held ones; none of the
    people they blocked."""
    blocked = conversations.blocked_ids(viewer)
    held = Q(status=Message.Status.HELD)
    if not access.can_see_held(viewer, room, session):
        held &= Q(author=viewer)
    query = (
        Message.objects.filter(room=room)
        .filter(Q(status=Message.Status.SHOWN) | held)
        .select_related("author")
    )
    if blocked:
        query = query.exclude(author_id__in=blocked)
    return query


def messages_since(viewer, room: Room, since: int, limit: int = HISTORY_PAGE) -> list[Message]:
    """The messages after sequence number `since` that `viewer` may see, oldest first."""
    return list(_visible(viewer, room).filter(seq__gt=since).order_by("seq")[:limit])


def recent_messages(
    viewer, room: Room, limit: int = HISTORY_PAGE, session=access.UNKNOWN
) -> list[Message]:
    """The last `limit` messages `viewer` may see, oldest first (the room page)."""
    return list(reversed(list(_visible(viewer, room, session).order_by("-seq")[:limit])))


# --- Presence -----------------------------------------------------------------------------------


@transaction.atomic
def joined(person, room: Room) -> Participant:
    """A socket of `person` opened in the room. (The consumer tells the room with a small
    `presence` event, not a state change: a state change makes every socket ask the database
    for the room's state, which 500 people arriving at once must not cost.)"""
    participant = participant_for(room, person)
    Participant.objects.filter(pk=participant.pk).update(
        connections=F("connections") + 1, last_seen_at=timezone.now()
    )
    return participant


@transaction.atomic
def left(person_id: int, room: Room) -> None:
    """A socket closed."""
    Participant.objects.filter(room=room, person_id=person_id, connections__gt=0).update(
        connections=F("connections") - 1
    )


def seen(room_id: int, person_ids) -> None:
    """These people's sockets in the room were heard from (a ping): one UPDATE for all of them
    (the consumer's watcher writes what its sockets heard once a second)."""
    Participant.objects.filter(room_id=room_id, person_id__in=list(person_ids)).update(
        last_seen_at=timezone.now()
    )


# --- Personal data ------------------------------------------------------------------------------


def export_chat(person) -> dict:
    """What a person wrote in live rooms (what is still kept), and the rooms they were in."""
    return {
        "rooms": list(
            Participant.objects.filter(person=person).values_list("room__name", flat=True)
        ),
        "messages": [
            {"room": m.room.name, "at": m.created_at.isoformat(), "text": m.body}
            for m in Message.objects.filter(author=person, kind=Message.Kind.TEXT).select_related(
                "room"
            )
        ],
    }


def erase_chat(person) -> None:
    """Erasure: what they wrote in rooms is deleted (a live room is a conversation, not a
    record); their participation goes with the account."""
    Message.objects.filter(author=person).delete()
