"""With REDIS_URL set, two separate server processes serve the same room: a message sent through
one reaches the sockets connected to the other, through channels-redis. Runs against the Redis
of CI's PostgreSQL + Redis run (REDIS_URL), or a local one on 127.0.0.1:6379; skipped when no
Redis answers."""

import json
import os
import time
import uuid
from contextlib import ExitStack

import pytest
import redis
from websockets.sync.client import connect

from .servers import Server
from .sockets import session_key

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def two_servers():
    if not redis_answers():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    env = {"REDIS_URL": REDIS_URL, "LANTERN_CACHE_PREFIX": f"chat-test-{uuid.uuid4().hex[:8]}"}
    servers = []
    try:
        servers.append(Server(env))
        servers.append(Server(env))
        yield servers
    finally:
        for server in servers:
            server.stop()


def open_socket(server, room, person):
    return connect(
        f"ws://127.0.0.1:{server.port}/ws/chat/{room.slug}/",
        origin=server.url,
        additional_headers={"Cookie": f"sessionid={session_key(person)}"},
        open_timeout=10,
    )


def wait_for(ws, kind: str, timeout: float = 10) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no {kind} frame within {timeout} s")
        frame = json.loads(ws.recv(timeout=remaining))
        if frame["type"] == kind:
            return frame


def test_a_message_sent_through_one_process_reaches_a_socket_on_the_other(
    people, room, two_servers
):
    first, second = two_servers
    with (
        open_socket(first, room, people.river) as river,
        open_socket(second, room, people.sam) as sam,
    ):
        wait_for(river, "ready")
        wait_for(sam, "ready")
        sam.send(json.dumps({"type": "post", "body": "Hello from the other process"}))
        assert wait_for(sam, "ack")["seq"] == 1
        frame = wait_for(river, "message")
        assert frame["body"] == "Hello from the other process"
        assert frame["seq"] == 1 and frame["author"] == "sam"
        # and back the other way
        river.send(json.dumps({"type": "post", "body": "Heard you"}))
        assert wait_for(sam, "message")["body"] == "Hello from the other process"  # own echo
        back = wait_for(sam, "message")
        assert back["body"] == "Heard you" and back["seq"] == 2


def test_every_socket_on_both_processes_gets_each_message_once_in_order(people, room, two_servers):
    """Each process's fan-out takes the room's events from Redis once and hands them to all of
    its sockets: three on each side here, posting from both sides."""
    who = [people.river, people.sam, people.jo]
    with ExitStack() as stack:
        sockets = [
            stack.enter_context(open_socket(server, room, person))
            for server in two_servers
            for person in who
        ]
        for ws in sockets:
            wait_for(ws, "ready")
        for n in range(6):
            poster = sockets[0] if n % 2 == 0 else sockets[4]
            poster.send(json.dumps({"type": "post", "body": f"share {n}"}))
        for ws in sockets:
            # Each post is assessed by the safety net first: slow when the machine is busy.
            frames = [wait_for(ws, "message", timeout=30) for _ in range(6)]
            assert [f["seq"] for f in frames] == [1, 2, 3, 4, 5, 6]
            assert sorted(f["body"] for f in frames) == [f"share {n}" for n in range(6)]
            with pytest.raises((TimeoutError, AssertionError)):  # no seventh message
                wait_for(ws, "message", timeout=0.3)
