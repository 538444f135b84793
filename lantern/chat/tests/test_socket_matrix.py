"""The access matrix for the WebSocket route, which `core/tests/test_access_matrix.py` cannot
reach (it requests the project's URL names over HTTP; `ws/chat/<slug>/` is routed by Channels in
lantern/asgi.py). The same room and the same answers as the `chat-room` entry of matrix.py:
anonymous visitors and people outside the room are refused the handshake."""

import pytest

from lantern.chat.models import Room
from lantern.core.tests.matrix import WHO

from . import matrix
from .sockets import connect, db, run, session_key

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_socket_answers_each_person_as_the_room_page_does(people):
    made = matrix.records(people)
    room = Room.objects.get(slug=made["chat_room"])
    _method, _kwargs, answers = matrix.MATRIX["chat-room"]
    by_handle = {person.handle: person for person in people}

    async def scenario():
        failures = []
        for who in WHO:
            key = None if who == "anon" else await db(session_key, by_handle[who])
            socket, accepted, _code = await connect(room, key)
            if accepted != (answers[who] == 200):
                failures.append(f"{who}: accepted={accepted}, page answers {answers[who]}")
            if accepted:
                await socket.close()
        assert failures == []

    run(scenario)
