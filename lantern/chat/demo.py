"""Demo rooms: a standing late-night room of the "Early recovery" group, and "Late Night
Online" held in Lantern, open now with morgan in the chair and a few messages. Idempotent."""

from django.contrib.auth import get_user_model

from lantern.community.models import Space
from lantern.meetings.models import Meeting

from . import access, services
from .models import Room

FORMAT = (
    "Welcome to Late Night Online. This is an open meeting: anyone who wants to be here is "
    "welcome.\n\n"
    "We share one at a time: raise your hand and the chair will call on you. Please keep "
    "shares to about three minutes, and speak from your own experience.\n\n"
    "What is said here stays here: this room is cleared when the meeting ends."
)
LATE_NIGHT = [
    ("nightowl", "Can't sleep again. Day 12. Anyone else up?"),
    ("river", "Up here too. Day 94 and some nights are still like this. Glad you wrote."),
    ("jo", "Evening both. Tea and a walk around the block helped me on nights like this."),
    ("nightowl", "Kettle's on. Thanks for being here."),
]
MEETING = [
    ("river", "Thanks for chairing tonight, morgan."),
    ("sam", "Hi all, sam here, glad to be here."),
]


def seed() -> None:
    people = {
        u.handle: u
        for u in get_user_model().objects.filter(
            handle__in=["river", "sam", "jo", "morgan", "nightowl", "alex"]
        )
    }
    if len(people) < 6:
        return
    alex, morgan = people["alex"], people["morgan"]
    space = Space.objects.filter(slug="early-recovery").first()
    if space is not None and not Room.objects.filter(slug="late-night").exists():
        room = services.create_room(
            alex,
            "Late-night room",
            "late-night",
            space=space,
            description="For the hours when the forums are too slow. Open all night.",
        )
        for handle, body in LATE_NIGHT:
            services.post_message(people[handle], room, body)
    meeting = Meeting.objects.filter(slug="late-night-online").first()
    if meeting is not None and not Room.objects.filter(meeting=meeting).exists():
        room = services.create_room(
            alex,
            "Late Night Online",
            "late-night-online",
            meeting=meeting,
            history=Room.History.CLEAR,
            description="The Late Night Online meeting, held here in Lantern.",
        )
        room.hosts.add(morgan)
        session = services.open_session(morgan, room, FORMAT)
        for handle, body in MEETING:
            services.post_message(people[handle], room, body)
        services.raise_hand(people["river"], session)
        if access.open_session(room) is not None:
            services.set_queue(morgan, session, True)
