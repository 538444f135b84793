"""A room's state beside its messages (the session, the pinned format, the share queue, the
floor, who is here): read once per change and shared by every socket, each shaping it for its
viewer, so a change in a room of 500 costs one set of queries, not 500."""

from django.utils import timezone
from django.utils.translation import gettext as _

from . import access
from .models import PRESENCE_WINDOW, Participant, Room, Session


def numbers_of(room: Room, person_ids) -> dict[int, int]:
    return dict(
        Participant.objects.filter(room=room, person_id__in=list(person_ids)).values_list(
            "person_id", "number"
        )
    )


def present(room: Room) -> list[Participant]:
    """Who is in the room now: a socket open and heard from lately."""
    since = timezone.now() - PRESENCE_WINDOW
    return list(
        Participant.objects.filter(room=room, connections__gt=0, last_seen_at__gte=since)
        .select_related("person")
        .order_by("number")
    )


def present_count(room: Room) -> int:
    since = timezone.now() - PRESENCE_WINDOW
    return Participant.objects.filter(room=room, connections__gt=0, last_seen_at__gte=since).count()


PRESENT_LIST_MAX = 100  # people named in the "here now" list (the count is always right)


def _person(person, number) -> dict:
    return {"id": person.pk, "handle": person.handle, "number": number}


def public_state(room: Room, session: Session | None = None) -> dict:
    """The room's state as everyone shares it (people as id, handle and number): computed once
    per change and sent to every socket, which shapes it for its viewer (`shape_state`)."""
    session = access.open_session(room) if session is None else session
    here = present(room)
    numbers = {p.person_id: p.number for p in here}
    state = {
        "open": session is not None,
        "standing": room.meeting_id is None,
        "pinned": session.pinned if session else "",
        "queue_on": bool(session and session.queue_on),
        "slow_seconds": session.slow_seconds if session else 0,
        "present_count": len(here),
        "present": [_person(p.person, p.number) for p in here[:PRESENT_LIST_MAX]],
        "queue": [],
        "floor": None,
        "chairs": [],
    }
    if session is not None:
        hands = list(session.hands.waiting().select_related("person"))
        missing = {h.person_id for h in hands} - set(numbers)
        if session.floor_id:
            missing.add(session.floor_id)
        numbers.update(numbers_of(room, missing))
        state["queue"] = [_person(h.person, numbers.get(h.person_id)) for h in hands]
        if session.floor is not None:
            state["floor"] = _person(session.floor, numbers.get(session.floor_id))
        state["chairs"] = sorted(session.chair_ids())
    return state


def shape_state(state: dict, viewer_id: int, *, show_handles: bool, moderates: bool) -> dict:
    """The shared state as one viewer sees it: numbers instead of handles unless they may see
    them (chairs may), and what they may do now (a chair's mute is checked when they post)."""
    can_run = state["open"] and (moderates or viewer_id in state["chairs"])
    show = show_handles or can_run

    def named(person):
        if person is None:
            return None
        if show or person["id"] == viewer_id:
            return {"id": person["id"], "name": person["handle"]}
        return {"id": person["id"], "name": _("Participant %(number)s") % person}

    floor = state["floor"]
    queue_ids = {p["id"] for p in state["queue"]}
    return {
        "open": state["open"],
        "pinned": state["pinned"],
        "queue_on": state["queue_on"],
        "slow_seconds": state["slow_seconds"],
        "present_count": state["present_count"],
        "present": [named(p) for p in state["present"]],
        "queue": [named(p) for p in state["queue"]],
        "floor": named(floor),
        "chairs": state["chairs"],
        "can_run": can_run,
        "can_post": (state["open"] or state["standing"])
        and (not state["queue_on"] or can_run or (floor is not None and floor["id"] == viewer_id)),
        "hand_raised": viewer_id in queue_ids or (floor is not None and floor["id"] == viewer_id),
    }


def room_state(viewer, room: Room, session: Session | None = None) -> dict:
    """What the page and a new socket show beside the messages, exactly for this viewer."""
    session = access.open_session(room) if session is None else session
    state = shape_state(
        public_state(room, session),
        viewer.pk,
        show_handles=access.can_see_handles(viewer, room, session),
        moderates=access.moderates_room(viewer, room),
    )
    state["can_post"] = access.why_cannot_post(viewer, room, session) == ""
    return state
