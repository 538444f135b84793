"""Live rooms' records for the access matrix (lantern/core/tests/test_access_matrix.py): a room
of a group jo moderates, by invitation, with river invited and a meeting open with jo in the
chair, so sam and casey must never reach it; river's message in it. POSTs without a form are
refused without changing anything (a message and back to the room, or the form with 400).
The WebSocket route is not a URL name; `test_socket_matrix.py` checks it for the same people.
Closing the meeting and hiding the message come last: they change the records."""

from lantern.chat import services
from lantern.chat.models import Room
from lantern.community.models import Membership, Space
from lantern.core.tests.matrix import only, signed_in

IN_ROOM = ("river", "jo", "morgan", "alex")  # invited, host and chair, site moderators
RUNS = ("jo", "morgan", "alex")  # the chair, and the site's moderators

MATRIX = {
    "chat-rooms": ("get", None, signed_in()),
    "chat-room-new": ("get", None, only(200, "morgan", "alex")),
    "chat-room": ("get", {"slug": "chat_room"}, only(200, *IN_ROOM)),
    "chat-room-settings": ("get", {"slug": "chat_room"}, only(200, *RUNS)),
    "chat-post": ("post", {"slug": "chat_room"}, only(400, *IN_ROOM)),
    "chat-hand": ("post", {"slug": "chat_room"}, only(302, *IN_ROOM)),
    "chat-open": ("post", {"slug": "chat_room"}, only(302, *RUNS)),  # already open: a message
    "chat-pin": ("post", {"slug": "chat_room"}, only(302, *RUNS)),
    "chat-queue": ("post", {"slug": "chat_room"}, only(302, *RUNS)),
    "chat-slow": ("post", {"slug": "chat_room"}, only(302, *RUNS)),
    "chat-floor": ("post", {"slug": "chat_room"}, only(302, *RUNS)),
    "chat-floor-end": ("post", {"slug": "chat_room"}, only(302, *RUNS)),
    "chat-mute": ("post", {"slug": "chat_room"}, only(302, *RUNS)),  # nobody named
    "chat-unmute": ("post", {"slug": "chat_room"}, only(302, *RUNS)),
    "chat-remove": ("post", {"slug": "chat_room"}, only(302, *RUNS)),
    "chat-co-chair": ("post", {"slug": "chat_room"}, only(302, *RUNS)),
    "chat-message": ("get", {"pk": "chat_message"}, only(200, *IN_ROOM)),
    "chat-react": ("post", {"pk": "chat_message"}, only(302, *IN_ROOM)),  # no kind chosen
    "chat-report": ("post", {"pk": "chat_message"}, only(302, *RUNS)),  # not one's own
    "chat-side": ("post", {"pk": "chat_message"}, only(302, *RUNS)),
    "chat-hide": ("post", {"pk": "chat_message"}, only(302, *RUNS)),
    "chat-close": ("post", {"slug": "chat_room"}, only(302, *RUNS)),
    "api:chat-api-rooms": ("get", None, signed_in(200, anon=401)),
    "api:chat-api-messages": ("get", {"slug": "chat_room"}, {**only(200, *IN_ROOM), "anon": 401}),
    # no body: refused before the room is looked up, whoever asks
    "api:chat-api-post": ("post", {"slug": "chat_room"}, signed_in(400, anon=401)),
}


def records(people) -> dict:
    space = Space.objects.create(slug="matrix-chat", name="Chat", description="For the room")
    Membership.objects.create(space=space, person=people.jo, role=Membership.Role.MODERATOR)
    room = services.create_room(
        people.alex, "Matrix room", "matrix-room", space=space, entry=Room.Entry.INVITED
    )
    services.invite(people.alex, room, people.river)
    services.open_session(people.jo, room, "The format")
    message = services.post_message(people.river, room, "Hello from river").obj
    return {"chat_room": room.slug, "chat_message": message.pk}
