"""Live rooms (lantern/chat): `table(bare_ms)` returns the markdown rows `bench/run.py` writes to
docs/benchmarks.md. Called after run.py has set Django up on the bench database.

- The room page (60 messages, handles hidden) against the bare view, in process, as the other
  page rows are measured.
- Delivery: BENCH_CHAT_CLIENTS (500) sockets in one room of one real server process
  (`uvicorn lantern.asgi:application`, one worker, as `manage.py serve` runs each process),
  receiving 10 messages a second for BENCH_CHAT_SECONDS (10) seconds, posted over the socket by
  25 people in turn (the "chat" rate limit is per person). The delay from sending a message to
  each socket receiving it, p50 and p99, against a minimal Channels echo consumer (a group of
  the same number of sockets, the same sending pattern) served by a process of its own in the
  same run.
- Idle connections: BENCH_CHAT_IDLE (1,000) sockets held open in the room by that one process;
  the growth of its resident memory per connection, and how many connections a GB holds.

Clients run in this process on one event loop (the `websockets` package), so the server and the
clients share the machine: the figures are an upper bound on what the server itself costs.
"""

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from contextlib import closing, suppress
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLIENTS = int(os.environ.get("BENCH_CHAT_CLIENTS", "500"))
SECONDS = float(os.environ.get("BENCH_CHAT_SECONDS", "10"))
IDLE = int(os.environ.get("BENCH_CHAT_IDLE", "1000"))
RATE = 10  # messages a second
SENDERS = 25
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "300"))


# --- The baseline: a minimal Channels echo consumer, served by its own process --------------


def _build_echo():
    import django

    django.setup()
    from channels.generic.websocket import AsyncWebsocketConsumer
    from channels.routing import ProtocolTypeRouter, URLRouter
    from django.urls import path

    class Echo(AsyncWebsocketConsumer):
        """Joins one group; a frame from any socket goes to every socket in it."""

        async def connect(self):
            await self.channel_layer.group_add("bench-echo", self.channel_name)
            await self.accept()

        async def disconnect(self, code):
            await self.channel_layer.group_discard("bench-echo", self.channel_name)

        async def receive(self, text_data=None, bytes_data=None):
            await self.channel_layer.group_send(
                "bench-echo", {"type": "echo.frame", "text": text_data}
            )

        async def echo_frame(self, event):
            await self.send(text_data=event["text"])

    return ProtocolTypeRouter({"websocket": URLRouter([path("ws/echo/", Echo.as_asgi())])})


_echo = None


async def echo_application(scope, receive, send):
    """The echo server's ASGI app (uvicorn bench.chat_bench:echo_application)."""
    global _echo
    if _echo is None:
        _echo = _build_echo()
    return await _echo(scope, receive, send)


# --- Servers ------------------------------------------------------------------------------------


def _free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    def __init__(self, app: str, app_dir: Path):
        self.port = _free_port()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lantern.settings", "LANTERN_DB_POOL": "0"}
        env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                app,
                "--app-dir",
                str(app_dir),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{app} did not start")

    def rss_kb(self) -> int:
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# --- Clients ------------------------------------------------------------------------------------


async def _open(url: str, cookie: str | None, origin: str):
    from websockets.asyncio.client import connect

    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    return await connect(
        url, origin=origin, additional_headers=headers, max_queue=None, open_timeout=120
    )


async def _deliveries(url: str, origin: str, cookies: list, sender_cookies: list, frame_of):
    """Open the listening sockets, send RATE messages a second, and return every delay (ms)
    from a send to a socket receiving it."""
    listeners = []
    for start in range(0, len(cookies), 50):  # connect in batches, as people arrive
        batch = cookies[start : start + 50]
        listeners += await asyncio.gather(*(_open(url, c, origin) for c in batch))
    senders = [await _open(url, c, origin) for c in sender_cookies]
    # Warm the server up (templates, the safety net's model) and let the arrivals settle.
    for n, sender in enumerate(senders[:5]):
        await sender.send(frame_of(f"warm-up {n}"))
        await asyncio.sleep(0.5)
    await asyncio.sleep(3)
    delays: list[float] = []
    expected = int(RATE * SECONDS)
    done = asyncio.Event()

    async def listen(ws):
        seen = 0
        async for raw in ws:
            text = raw if isinstance(raw, str) else raw.decode()
            if "bench:" not in text:
                continue
            data = json.loads(text)
            body = data.get("body") if isinstance(data, dict) else None
            if not body or not body.startswith("bench:"):
                continue
            delays.append((time.perf_counter() - float(body[6:])) * 1000)
            seen += 1
            if seen >= expected:
                done.set()
                return

    async def drain(ws):
        async for _raw in ws:
            pass

    tasks = [asyncio.create_task(listen(ws)) for ws in listeners]
    drains = [asyncio.create_task(drain(ws)) for ws in senders]
    for n in range(expected):
        await senders[n % len(senders)].send(frame_of(f"bench:{time.perf_counter()!r}"))
        await asyncio.sleep(1 / RATE)
    with suppress(TimeoutError):
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=30)
    for task in tasks + drains:
        task.cancel()
    for ws in listeners + senders:
        await ws.close()
    return delays, expected * len(listeners)


async def _hold_idle(urls: list, origin: str, cookies: list, server) -> tuple[int, float]:
    """Open the idle sockets, spread over `urls` (rooms of a few hundred, as a site has)."""
    before = server.rss_kb()
    sockets = []
    for start in range(0, len(cookies), 50):
        batch = cookies[start : start + 50]
        url = urls[(start // 200) % len(urls)]
        sockets += await asyncio.gather(*(_open(url, c, origin) for c in batch))
    await asyncio.sleep(3)
    after = server.rss_kb()
    for ws in sockets:
        await ws.close()
    return len(sockets), (after - before) / max(len(sockets), 1)


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


# --- The table ----------------------------------------------------------------------------------


def _people(count: int, prefix: str) -> list:
    """`count` bench members with a signed-in session each: their session keys."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user_model = get_user_model()
    existing = {u.handle: u for u in user_model.objects.filter(handle__startswith=prefix)}
    missing = [f"{prefix}{n}" for n in range(count) if f"{prefix}{n}" not in existing]
    user_model.objects.bulk_create(
        [user_model(handle=h, password="!") for h in missing], batch_size=1000
    )
    people = list(user_model.objects.filter(handle__startswith=prefix).order_by("pk")[:count])
    keys = []
    for person in people:
        store = SessionStore()
        store["_auth_user_id"] = str(person.pk)
        store["_auth_user_backend"] = "allauth.account.auth_backends.AuthenticationBackend"
        store["_auth_user_hash"] = person.get_session_auth_hash()
        store.create()
        keys.append(store.session_key)
    return keys


def _page_row(bare_ms: float) -> str:
    import gzip

    from django.test import Client

    from lantern.accounts.models import User
    from lantern.chat import services
    from lantern.chat.models import Room

    morgan = User.objects.get(handle="morgan")
    room = Room.objects.filter(slug="bench-page").first() or services.create_room(
        User.objects.get(handle="alex"), "Bench page", "bench-page", hide_handles=True
    )
    room.hosts.add(morgan)
    authors = list(User.objects.filter(handle__in=["river", "sam", "jo", "nightowl", "dawn"]))
    from lantern.chat.models import Message

    have = room.messages.count()
    for n in range(have, 60):
        Message.objects.create(
            room=room, seq=n + 1, author=authors[n % len(authors)], body=f"A share, number {n}."
        )
    Room.objects.filter(pk=room.pk).update(last_seq=max(60, room.last_seq))
    client = Client()
    client.force_login(User.objects.get(handle="river"))
    path = room.get_absolute_url()
    for _ in range(20):
        client.get(path)
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    times.sort()
    p50, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
    size, packed = len(response.content), len(gzip.compress(response.content))
    return (
        f"| room page, 60 messages (handles hidden) | {p50:.2f} ms p50, {p95:.2f} ms p95 "
        f"| {p95 / bare_ms:.0f}× the bare view's p95 ({bare_ms:.2f} ms) "
        f"| {size:,} B HTML, {packed:,} B gzip |"
    )


def table(bare_ms: float) -> str:
    from lantern.accounts.models import User
    from lantern.chat import services
    from lantern.chat.models import Room

    rows = [
        "| measure | result | against the baseline | notes |",
        "| --- | ---: | ---: | --- |",
        _page_row(bare_ms),
    ]
    alex = User.objects.get(handle="alex")
    room = Room.objects.filter(slug="bench-live").first() or services.create_room(
        alex, "Bench live", "bench-live"
    )
    room.messages.all().delete()
    idle_rooms = [
        Room.objects.filter(slug=f"bench-idle-{n}").first()
        or services.create_room(alex, f"Bench idle {n}", f"bench-idle-{n}")
        for n in range(max(1, IDLE // 200))
    ]
    keys = _people(max(CLIENTS, IDLE) + SENDERS, "bench-chat-")
    listeners, sender_keys = keys[:CLIENTS], keys[-SENDERS:]

    lantern = _Server("lantern.asgi:application", REPO)
    echo = _Server("chat_bench:echo_application", REPO / "bench")
    try:
        origin = f"http://127.0.0.1:{lantern.port}"
        room_url = f"ws://127.0.0.1:{lantern.port}/ws/chat/{room.slug}/"
        delays, wanted = asyncio.run(
            _deliveries(
                room_url,
                origin,
                listeners,
                sender_keys,
                lambda body: json.dumps({"type": "post", "body": body}),
            )
        )
        echo_url = f"ws://127.0.0.1:{echo.port}/ws/echo/"
        echo_delays, echo_wanted = asyncio.run(
            _deliveries(
                echo_url,
                f"http://127.0.0.1:{echo.port}",
                [None] * CLIENTS,
                [None] * SENDERS,
                lambda body: json.dumps({"body": body}),
            )
        )
        idle_urls = [f"ws://127.0.0.1:{lantern.port}/ws/chat/{r.slug}/" for r in idle_rooms]
        held, per_connection_kb = asyncio.run(_hold_idle(idle_urls, origin, keys[:IDLE], lantern))
    finally:
        lantern.stop()
        echo.stop()
    p50, p99 = _percentile(delays, 0.5), _percentile(delays, 0.99)
    e50, e99 = _percentile(echo_delays, 0.5), _percentile(echo_delays, 0.99)
    rows.append(
        f"| delivery to {CLIENTS} sockets in one room, {RATE} messages/s for {SECONDS:.0f} s, "
        f"one process | {p50:.1f} ms p50, {p99:.1f} ms p99 "
        f"| echo consumer {e50:.1f} ms p50, {e99:.1f} ms p99 ({p99 / e99:.1f}× at p99) "
        f"| {len(delays):,} of {wanted:,} deliveries (echo {len(echo_delays):,} of "
        f"{echo_wanted:,}); aim: p99 under 150 ms |"
    )
    per_gb = (1024 * 1024) / per_connection_kb if per_connection_kb > 0 else float("inf")
    rows.append(
        f"| idle sockets held by one process | {held:,} open, {per_connection_kb:.1f} KB each "
        f"| {per_gb:,.0f} connections per GB | resident memory growth; aim: 5,000 per GB |"
    )
    return "\n".join(rows)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{REPO / 'var' / 'bench.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lantern.settings"
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
    print(table(float(os.environ.get("BENCH_BARE_MS", "1.0"))))
