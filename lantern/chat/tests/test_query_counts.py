"""The room list and the room page ask the database a bounded number of times, however many
rooms, messages, authors and reactions: each page shows more rows than its query budget, so a
query per row (an N+1) would break it."""

from datetime import timedelta

from django.utils import timezone

from lantern.accounts.models import User
from lantern.chat import services
from lantern.chat.models import Message, Participant, Reaction, Room
from lantern.conftest import PASSWORD

ROWS = 30  # more rows than any budget below
BUDGET = 25  # queries, whatever the number of rows (the layout's own included)


def _crowd():
    joined = timezone.now() - timedelta(days=400)
    people = [User.objects.create_user(f"member{n:02}", PASSWORD) for n in range(ROWS)]
    User.objects.filter(pk__in=[p.pk for p in people]).update(date_joined=joined)
    return people


def test_the_room_list(people, signed_in, space, django_assert_max_num_queries):
    for n in range(ROWS):
        services.create_room(people.morgan, f"Room {n:02}", f"room-{n:02}", space=space)
    for n in range(0, ROWS, 3):
        services.open_session(people.morgan, Room.objects.get(slug=f"room-{n:02}"))
    river = signed_in(people.river)
    with django_assert_max_num_queries(BUDGET):
        page = river.get("/rooms/")
    assert page.status_code == 200
    assert page.content.decode().count('class="card"') >= ROWS


def test_the_room_page(people, signed_in, session, django_assert_max_num_queries):
    room = session.room
    room.hide_handles = True
    room.save()
    crowd = _crowd()
    for n, person in enumerate(crowd):
        participant = Participant.objects.create(room=room, person=person, number=n + 10)
        Participant.objects.filter(pk=participant.pk).update(connections=1)
        message = Message.objects.create(
            room=room, session=session, seq=n + 100, author=person, body=f"Share {n}"
        )
        Reaction.objects.create(message=message, person=people.jo, kind=Reaction.Kind.RELATE)
    Room.objects.filter(pk=room.pk).update(last_seq=ROWS + 100)
    for person in crowd[:5]:
        services.raise_hand(person, session)
    sam = signed_in(people.sam)
    with django_assert_max_num_queries(BUDGET):
        page = sam.get(room.get_absolute_url())
    text = page.content.decode()
    assert text.count("Share ") == ROWS
    assert "Participant 10" in text and "member00" not in text
    jo = signed_in(people.jo)  # the chair: handles, controls
    with django_assert_max_num_queries(BUDGET + 5):
        page = jo.get(room.get_absolute_url())
    assert "member00" in page.content.decode()
