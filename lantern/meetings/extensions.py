"""What other apps add to meetings, registered from their AppConfig.ready(): meetings imports no
app that builds on it (chat holds meetings in its live rooms and says so here).

    extensions.held_in("chat", services.meeting_room_urls)

`room_urls(meeting_ids) -> {meeting_id: path}`: the meetings among `meeting_ids` held in a
Lantern room, with the room's path (one query for a whole list).
"""

from collections.abc import Callable

_rooms: dict[str, Callable] = {}


def held_in(name: str, room_urls: Callable) -> None:
    _rooms[name] = room_urls


def room_urls(meeting_ids) -> dict[int, str]:
    found: dict[int, str] = {}
    ids = list(meeting_ids)
    for name in sorted(_rooms):
        found.update(_rooms[name](ids))
    return found
