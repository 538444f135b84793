"""Live rooms (lantern/chat): `table(bare_ms)` returns the markdown rows `bench/run.py` writes to
docs/benchmarks.md. Called after run.py has set Django up on the bench database.

- The room page (60 messages, handles hidden) against the bare view, in process, as the other
  page rows are measured.
- Delivery: BENCH_CHAT_CLIENTS (500) sockets in one room of one real server process
  (`uvicorn lantern.asgi:application`, one worker, as `manage.py serve` runs each process),
  receiving 10 messages a second for BENCH_CHAT_SECONDS (10) seconds, posted over the socket by
  25 people in turn (the "chat" rate limit is per person), while every socket pings every 25
  seconds as the room's script does (20 pings a second, each read from the database). The
  delay from sending a message to each socket receiving it, p50 and p99, against a minimal
  Channels echo consumer (a group of the same number of sockets, the same sending pattern)
  served by a process of its own in the same run.
- Idle connections: BENCH_CHAT_IDLE (1,000) sockets held open in the room by that one process;
  the growth of its resident memory per connection, and how many connections a GB holds.

The clients run in a process of their own (`chat_clients.py`: a minimal WebSocket client that
reads each frame's number and send time from its bytes, offering compression as browsers do),
so they do not share an interpreter or an event loop with the server. The row says how much of
a core the server and the clients used while messages were sent, how many deliveries arrived
(each message once per socket, numbers only going up), and the machine's load average: the
machine is shared, and a server that gets half a core falls behind where one that gets a whole
core does not.
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import time
from contextlib import closing
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


class _Clients:
    """The load generator (`chat_clients.py`) in a process of its own; JSON lines both ways."""

    def __init__(self, params: dict):
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("chat_clients.py"))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        self.tell(json.dumps(params))

    def tell(self, line: str) -> None:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def expect(self, event: str) -> dict:
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(10)
            raise RuntimeError(f"the load generator stopped before {event!r}")
        said = json.loads(line)
        assert said["event"] == event, (event, said)
        return said

    def finish(self) -> None:
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _deliveries(
    server, path: str, cookies: list, sender_cookies: list, frame: str, ping: str | None = None
) -> dict:
    """Open the listening sockets, send RATE messages a second, and return every delay (ms)
    from a send to a socket receiving it, with the server's and the clients' CPU time. With
    `ping`, each listening socket also sends that frame every 25 seconds, as a page does."""
    clients = _Clients(
        {
            "mode": "deliveries",
            "host": "127.0.0.1",
            "port": server.port,
            "origin": f"http://127.0.0.1:{server.port}",
            "paths": [path],
            "listeners": cookies,
            "senders": sender_cookies,
            "frame": frame,
            "rate": RATE,
            "seconds": SECONDS,
            "ping": ping,
        }
    )
    clients.expect("open")
    clients.expect("start")
    cpu = _cpu_seconds(server.process.pid)
    clients.expect("end")
    cpu = _cpu_seconds(server.process.pid) - cpu
    result = clients.expect("result")
    clients.finish()
    result["server_cpu_s"] = cpu
    return result


def _hold_idle(server, paths: list, cookies: list) -> tuple[int, float]:
    """Open the idle sockets, spread over `paths` (rooms of a few hundred, as a site has): the
    growth of the server's resident memory while the second half opens, per socket (the first
    half pays for the process's first use of each code path)."""
    clients = _Clients(
        {
            "mode": "idle",
            "host": "127.0.0.1",
            "port": server.port,
            "origin": f"http://127.0.0.1:{server.port}",
            "paths": paths,
            "per_path": 200,
            "listeners": cookies,
        }
    )
    half = clients.expect("half")["sockets"]
    time.sleep(3)
    before = server.rss_kb()
    clients.tell("more")
    held = clients.expect("open")["sockets"]
    time.sleep(3)
    after = server.rss_kb()
    clients.tell("close")
    clients.expect("result")
    clients.finish()
    return held, (after - before) / max(held - half, 1)


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


def _ratio(ours: float, theirs: float) -> str:
    if ours >= theirs:
        return f"{ours / theirs:.1f}× the echo's"
    return f"1/{theirs / ours:,.0f} of the echo's"


def _delivery_row(ours: dict, theirs: dict, load: float) -> str:
    p50, p99 = _percentile(ours["delays"], 0.5), _percentile(ours["delays"], 0.99)
    e50, e99 = _percentile(theirs["delays"], 0.5), _percentile(theirs["delays"], 0.99)

    def cpu(result) -> str:
        window = result["window_s"]
        return (
            f"server {result['server_cpu_s'] / window:.0%} of a core, "
            f"clients {result['client_cpu_s'] / window:.0%}"
        )

    return (
        f"| delivery to {CLIENTS} sockets in one room, {RATE} messages/s for {SECONDS:.0f} s, "
        f"one process | {p50:.1f} ms p50, {p99:.1f} ms p99 "
        f"| echo consumer {e50:.1f} ms p50, {e99:.1f} ms p99 ({_ratio(p99, e99)} at p99) "
        f"| {len(ours['delays']):,} of {ours['wanted']:,} deliveries, "
        f"{ours['duplicates']} duplicated, {ours['out_of_order']} out of order "
        f"(echo {len(theirs['delays']):,} of {theirs['wanted']:,}); {cpu(ours)} "
        f"(echo: {cpu(theirs)}); load average {load:.1f}; aim: p99 under 150 ms |"
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
        ours = _deliveries(
            lantern,
            f"/ws/chat/{room.slug}/",
            listeners,
            sender_keys,
            json.dumps({"type": "post", "body": "{body}"}),
            ping=json.dumps({"type": "ping"}),
        )
        theirs = _deliveries(
            echo, "/ws/echo/", [None] * CLIENTS, [None] * SENDERS, json.dumps({"body": "{body}"})
        )
        idle_paths = [f"/ws/chat/{r.slug}/" for r in idle_rooms]
        held, per_connection_kb = _hold_idle(lantern, idle_paths, keys[:IDLE])
    finally:
        lantern.stop()
        echo.stop()
    rows.append(_delivery_row(ours, theirs, os.getloadavg()[0]))
    per_gb = (1024 * 1024) / per_connection_kb if per_connection_kb > 0 else float("inf")
    rows.append(
        f"| idle sockets held by one process | {held:,} open, {per_connection_kb:.1f} KB each "
        f"| {per_gb:,.0f} connections per GB | resident memory growth while the second "
        f"{held - held // 2:,} open, with compression as browsers ask for it; "
        f"aim: 5,000 per GB |"
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
