"""Helpers for driving the live room's WebSocket in tests, against the real ASGI application
(origin check, session authentication, routing): `channels.testing.WebsocketCommunicator`."""

import asyncio
import json
import threading
from urllib.parse import unquote, urlparse

from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from channels.db import database_sync_to_async
from django.conf import settings
from django.db import connections
from django.test import Client

from lantern.asgi import application
from lantern.conftest import log_in


def session_key(person) -> str:
    """A real signed-in session for `person` (staff with two-factor passed), as a browser has."""
    client = log_in(Client(), person)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


class WebsocketCommunicator(ApplicationCommunicator):
    """channels.testing's communicator, which cannot be imported without daphne (its package
    imports the live-server test case): the same few lines on asgiref's communicator."""

    def __init__(self, application, path: str, headers=None):
        parsed = urlparse(path)
        scope = {
            "type": "websocket",
            "path": unquote(parsed.path),
            "query_string": parsed.query.encode(),
            "headers": headers or [],
            "subprotocols": [],
        }
        super().__init__(application, scope)

    async def connect(self, timeout: float = 1):
        await self.send_input({"type": "websocket.connect"})
        response = await self.receive_output(timeout)
        if response["type"] == "websocket.close":
            return False, response.get("code", 1000)
        return True, response.get("subprotocol")

    async def send_to(self, text_data=None, bytes_data=None):
        if text_data is not None:
            await self.send_input({"type": "websocket.receive", "text": text_data})
        else:
            await self.send_input({"type": "websocket.receive", "bytes": bytes_data})

    async def receive_from(self, timeout: float = 1):
        response = await self.receive_output(timeout)
        assert response["type"] == "websocket.send", response
        return response.get("text", response.get("bytes"))

    async def disconnect(self, code: int = 1000, timeout: float = 1):
        await self.send_input({"type": "websocket.disconnect", "code": code})
        await self.wait(timeout)


class Socket:
    def __init__(self, communicator):
        self.c = communicator

    async def send(self, frame) -> None:
        if isinstance(frame, str | bytes):
            if isinstance(frame, bytes):
                await self.c.send_to(bytes_data=frame)
            else:
                await self.c.send_to(text_data=frame)
        else:
            await self.c.send_to(text_data=json.dumps(frame))

    async def receive(self, timeout: float = 3) -> dict:
        return json.loads(await self.c.receive_from(timeout=timeout))

    async def until(self, kind: str, timeout: float = 3) -> tuple[dict, list[dict]]:
        """Frames up to and including the first of `kind`: (that frame, the ones before)."""
        seen = []
        while True:
            frame = await self.receive(timeout)
            if frame["type"] == kind:
                return frame, seen
            seen.append(frame)

    async def messages_until_ready(self) -> list[dict]:
        _ready, before = await self.until("ready")
        return [f for f in before if f["type"] == "message"]

    async def next_message(self, timeout: float = 3) -> dict:
        frame, _before = await self.until("message", timeout)
        return frame

    async def nothing(self, timeout: float = 0.3) -> bool:
        return await self.c.receive_nothing(timeout=timeout)

    async def quiet_messages(self, timeout: float = 0.3) -> list[dict]:
        """Every frame that arrives within `timeout` of silence, messages only."""
        frames = []
        while not await self.c.receive_nothing(timeout=timeout):
            frames.append(json.loads(await self.c.receive_from()))
        return [f for f in frames if f["type"] == "message"]

    async def closed(self, timeout: float = 3) -> int:
        """Wait for the server to close the socket; its close code."""
        while True:
            output = await self.c.receive_output(timeout)
            if output["type"] == "websocket.close":
                return output.get("code")

    async def close(self) -> None:
        await self.c.disconnect()


async def connect(room, key: str | None = None, *, since=None, origin="http://localhost"):
    """Open a socket to `room`; (Socket, accepted, close code)."""
    headers = [(b"host", b"localhost")]
    if origin:
        headers.append((b"origin", origin.encode()))
    if key:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={key}".encode()))
    path = f"/ws/chat/{room.slug}/"
    if since is not None:
        path += f"?since={since}"
    communicator = WebsocketCommunicator(application, path, headers=headers)
    accepted, code = await communicator.connect(timeout=5)
    return Socket(communicator), accepted, code


async def enter(room, person, *, since=None):
    """`person` opens a socket and waits until the catch-up is done and the state has come."""
    key = await database_sync_to_async(session_key)(person)
    socket, accepted, _code = await connect(room, key, since=since)
    assert accepted, f"{person} was refused"
    await socket.until("state")
    return socket


def db(fn, *args, **kwargs):
    """Run a synchronous database call from a test's event loop."""
    return database_sync_to_async(fn)(*args, **kwargs)


async def settle(seconds: float = 0.05) -> None:
    await asyncio.sleep(seconds)


def run(scenario) -> None:
    """Run an async test scenario to the end, in a thread of its own: the browser tests'
    Playwright keeps an event loop in the test thread, where `async_to_sync` cannot run. The
    scenario's database calls use that thread's connection (tests are transactional)."""
    failure = []

    def target():
        try:
            async_to_sync(scenario)()
        except BaseException as error:  # handed to the test thread
            failure.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
