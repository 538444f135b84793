"""Serving under load: many members writing at once get their answer, and what they were told was
saved is saved; a process never holds more database connections than its pool.

These start the real server (`uvicorn lantern.asgi:application`, as `make run` does) on a
loopback port, against this test's database, and send it real HTTP from many members at once.
"""

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from importlib import import_module
from pathlib import Path

import aiohttp
import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.urls import reverse

from lantern.accounts.models import User
from lantern.community import services as community
from lantern.community.models import Post, Space
from lantern.conftest import make_person
from lantern.core.serving import limit_http

REPO = Path(__file__).resolve().parents[3]


def run(coroutine):
    """Run a coroutine to the end on a loop of its own (browser tests leave Playwright's loop
    running in the test thread, where `asyncio.run` refuses to start another)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


MEMBERS = 200
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_at_most_n_requests_run_at_once_and_the_rest_wait_their_turn():
    running = peak = 0

    async def slow_app(scope, receive, send):
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    app = limit_http(slow_app, 4)
    answered = []

    async def one_request():
        async def send(message):
            if message["type"] == "http.response.start":
                answered.append(message["status"])

        await app({"type": "http"}, None, send)

    async def crowd():
        await asyncio.gather(*(one_request() for _ in range(50)))

    run(crowd())
    assert answered == [200] * 50  # nobody turned away
    assert peak == 4


def test_websockets_are_not_held_back_by_the_http_limit():
    entered = []

    async def app(scope, receive, send):
        entered.append(scope["type"])
        await asyncio.sleep(0.05)

    limited = limit_http(app, 1)

    async def both():
        await asyncio.gather(*(limited({"type": "websocket"}, None, None) for _ in range(5)))

    started = time.perf_counter()
    run(both())
    assert entered == ["websocket"] * 5
    assert time.perf_counter() - started < 0.2  # side by side, not one after another


# --- A real server ------------------------------------------------------------------------------


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


class Server:
    """`uvicorn lantern.asgi:application` in a subprocess, on this test's database."""

    def __init__(self, **env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "LANTERN_ALLOWED_HOSTS": "127.0.0.1",
            "LANTERN_SITE_URL": self.url,
            **env,
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "lantern.asgi:application",
                "--port",
                str(self.port),
                "--no-access-log",
            ],
            cwd=REPO,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with closing(socket.socket()) as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        self.stop()
        raise AssertionError("the server did not start")

    def stop(self) -> str:
        self.process.terminate()
        try:
            _out, err = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _out, err = self.process.communicate()
        return err or ""


def session_cookie(user: User) -> dict:
    """A signed-in session for `user`, as the sign-in form would leave it."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {settings.SESSION_COOKIE_NAME: session.session_key}


async def reply_as(base: str, cookies: dict, thread_path: str, text: str) -> int:
    jar = aiohttp.CookieJar(unsafe=True)
    jar.update_cookies(cookies)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=timeout) as session:
        async with session.get(base + thread_path) as page:
            token = CSRF.search(await page.text()).group(1)
        async with session.post(
            base + thread_path + "reply/",
            data={"csrfmiddlewaretoken": token, "body": text},
            headers={"Referer": base + thread_path},
            allow_redirects=False,
        ) as answer:
            return answer.status


@pytest.mark.django_db(transaction=True)
def test_many_members_replying_at_once_all_get_their_answer_and_every_reply_is_saved():
    space = Space.objects.create(slug="late-night", name="Late night", description="Open")
    members = [make_person(f"member{i:03d}", ["member"]) for i in range(MEMBERS)]
    opener = members[0]
    community.join_space(opener, space)
    thread = community.start_thread(opener, space, "Still up", "Anyone else awake?").obj.thread
    for member in members[1:]:
        community.join_space(member, space)
    cookies = [session_cookie(member) for member in members]
    thread_path = reverse("community-thread", args=[space.slug, thread.pk])
    server = Server()
    try:

        async def everyone_replies():
            return await asyncio.gather(
                *(
                    reply_as(server.url, c, thread_path, f"Here with you, from member {i}.")
                    for i, c in enumerate(cookies)
                )
            )

        answers = run(everyone_replies())
    finally:
        log = server.stop()
    assert answers == [302] * MEMBERS, log[-3000:]
    saved = set(Post.objects.filter(thread=thread, opening=False).values_list("body", flat=True))
    assert saved == {f"Here with you, from member {i}." for i in range(MEMBERS)}
    assert "database is locked" not in log


@pytest.mark.django_db(transaction=True)
def test_a_busy_process_holds_no_more_database_connections_than_its_pool():
    if connection.vendor != "postgresql":
        pytest.skip("connection counting is PostgreSQL's (SQLite has no server)")
    member = make_person("crowd", ["member"])
    cookies = session_cookie(member)
    # The server's connections carry a name of their own: this test process keeps pooled
    # connections to the same database from earlier tests, which must not be counted.
    server = Server(
        LANTERN_HTTP_CONCURRENCY="4", LANTERN_DB_POOL_SIZE="4", PGAPPNAME="lantern-pool-test"
    )
    peak = 0
    try:

        async def crowd():
            nonlocal peak
            jar = aiohttp.CookieJar(unsafe=True)
            jar.update_cookies(cookies)
            async with aiohttp.ClientSession(cookie_jar=jar) as session:

                async def one():
                    async with session.get(server.url + reverse("core-notifications")) as r:
                        return r.status

                async def watch():
                    nonlocal peak
                    for _ in range(20):
                        with connection.cursor() as cursor:
                            cursor.execute(
                                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                                "AND application_name = 'lantern-pool-test'",
                                [connection.settings_dict["NAME"]],
                            )
                            peak = max(peak, cursor.fetchone()[0])
                        await asyncio.sleep(0.05)

                statuses = await asyncio.gather(*(one() for _ in range(150)), watch())
                return statuses[:-1]

        statuses = run(crowd())
    finally:
        log = server.stop()
    assert statuses == [200] * 150, log[-3000:]
    assert 0 < peak <= 4
