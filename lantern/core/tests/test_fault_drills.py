"""Fault drills: Lantern's processes are killed, and its services taken away, while people use
it. Each drill runs real processes against this test's database (uvicorn serving
`lantern.asgi:application`, `manage.py worker`, a private `redis-server`) and takes well under
half a minute.

- **kill -9 the web server** during a stream of journal entries: every entry that got its 302
  is in the database afterwards (both databases).
- **kill -9 the worker** while it sends an email: after a restart the email goes out exactly
  once (the database queue on SQLite, RQ on PostgreSQL + Redis: whichever this run uses).
- **stop Redis** while people use the site: pages still answer, "I need someone now" still
  works, and once Redis is back the urgent email goes out by itself (a private redis-server, so
  this runs on both databases; the machine's Redis is never touched).
- **the database goes away**: every page answers a calm 503 with the crisis lines in the
  visitor's language, and the site recovers by itself (PostgreSQL: through a TCP proxy the
  test cuts; SQLite: the database's directory moved away and back).
"""

import asyncio
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
import requests
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from rq import Queue, Worker

from lantern.conftest import REPO, log_in
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.recovery.models import JournalEntry
from lantern.safety import services as safety
from lantern.safety.middleware import unavailable_page
from lantern.safety.models import ReachOut

pytestmark = pytest.mark.django_db(transaction=True)
ON_SQLITE = connection.vendor == "sqlite"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
URGENT = "Urgent: someone may need help now"


# --- Processes ----------------------------------------------------------------------------------


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(settings_dict=None) -> str:
    """This test's database, for a process of its own."""
    db = settings_dict or connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    login = quote(db["USER"] or "postgres") + (
        f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    )
    return f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def environment(**changes) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url(), "PYTHONUNBUFFERED": "1"}
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = str(value)
    return env


def wait_until(check, seconds: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    tail = log.read_text()[-3000:] if log and log.exists() else ""
    raise AssertionError(f"gave up after {seconds} s waiting for {what}\n{tail}")


class Process:
    """A process of its own session (so a kill reaches everything it started), its output in
    a log file."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path):
        self.log = log
        with log.open("ab") as out:
            self.popen = subprocess.Popen(
                args,
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill(self) -> None:
        """kill -9 the process and everything it started (as when its machine or container
        dies: RQ's forked work horses are in process groups of their own): no clean-up."""
        for pid in [self.popen.pid, *descendants(self.popen.pid)]:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.popen.wait(timeout=10)

    def stop(self) -> None:
        if self.popen.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.kill()


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


@contextmanager
def running(args: list[str], env: dict[str, str], log: Path):
    process = Process(args, env, log)
    try:
        yield process
    finally:
        process.stop()


class Site:
    def __init__(self, process: Process, url: str):
        self.process, self.url = process, url

    def get(self, path: str, session=None, **kwargs):
        return (session or requests).get(self.url + path, timeout=30, **kwargs)


@contextmanager
def web_server(tmp_path: Path, env: dict[str, str] | None = None, name: str = "web"):
    port = free_port()
    args = [sys.executable, "-m", "uvicorn", "lantern.asgi:application", "--host", "127.0.0.1"]
    args += ["--port", str(port), "--no-access-log", "--log-level", "warning"]
    log = tmp_path / f"{name}.log"
    with running(args, env or environment(), log) as process:
        site = Site(process, f"http://127.0.0.1:{port}")

        def answers():
            try:
                return site.get(reverse("core-manifest")).status_code == 200
            except requests.ConnectionError:
                return False

        wait_until(answers, 30, "the web server to answer", log)
        yield site


@contextmanager
def worker(tmp_path: Path, env: dict[str, str] | None = None, name: str = "worker"):
    args = [sys.executable, "manage.py", "worker", "--pass-every", "1"]
    with running(args, env or environment(), tmp_path / f"{name}.log") as process:
        yield process


def browser(person=None) -> requests.Session:
    """A browser session, signed in as `person` (a session made as `signed_in` makes it)."""
    session = requests.Session()
    if person is not None:
        client = log_in(Client(), person)
        session.cookies.set(
            settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
        )
    return session


def csrf_token(site: Site, session: requests.Session, path: str) -> str:
    return CSRF_FIELD.search(site.get(path, session).text).group(1)


class SlowMailServer:
    """A real SMTP server that can hold a message at RCPT until `release()`: a worker killed
    then has sent nothing (a message counts once the server has it all)."""

    def __init__(self):
        self.messages: list[bytes] = []
        self.reached = threading.Event()
        self.open = threading.Event()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.reached.set()
        while not self.open.is_set():
            await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content)
        return "250 OK"

    def release(self) -> None:
        self.open.set()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


@pytest.fixture
def mail_server():
    server = SlowMailServer()
    server.controller.start()
    try:
        yield server
    finally:
        server.release()
        server.controller.stop()


def with_email(person, address: str):
    person.email, person.notify_email = address, True
    person.save()
    EmailAddress.objects.create(user=person, email=address, verified=True, primary=True)
    return person


# --- kill -9 the web server ---------------------------------------------------------------------


def test_kill_9_the_web_server_during_writes_loses_no_acknowledged_write(people, tmp_path):
    river = people.river
    new_entry = reverse("recovery-journal-new")
    acknowledged: list[str] = []
    cut_off: list[str] = []

    with web_server(tmp_path) as site:
        sessions = [browser(river) for _ in range(4)]
        tokens = [csrf_token(site, session, new_entry) for session in sessions]

        def write(n: int) -> None:
            for i in range(1000):
                words = f"drill entry {n}-{i}"
                try:
                    response = sessions[n].post(
                        site.url + new_entry,
                        data={"csrfmiddlewaretoken": tokens[n], "title": "", "body": words},
                        allow_redirects=False,
                        timeout=15,
                    )
                except requests.RequestException:
                    cut_off.append(words)
                    return
                assert response.status_code == 302, response.text[:500]
                acknowledged.append(words)

        writers = [threading.Thread(target=write, args=(n,)) for n in range(4)]
        for writer in writers:
            writer.start()
        wait_until(lambda: len(acknowledged) >= 30, 30, "30 acknowledged entries", site.process.log)
        site.process.kill()
        for writer in writers:
            writer.join(timeout=30)

    assert len(cut_off) == 4  # every writer was cut off mid-stream
    saved = [entry.body for entry in JournalEntry.objects.filter(member=river)]
    assert set(acknowledged) <= set(saved)
    assert len(saved) <= len(acknowledged) + len(cut_off)  # nothing written twice

    # Started again, it serves what was saved.
    with web_server(tmp_path, name="web-again") as site:
        session = browser(river)
        assert site.get(reverse("recovery-journal"), session).status_code == 200


# --- kill -9 the worker -------------------------------------------------------------------------


def test_kill_9_the_worker_mid_task_and_after_a_restart_it_completes_once(
    people, tmp_path, mail_server
):
    river = with_email(people.river, "river@example.org")
    notification = notify(river, "safety.circle", about=people.sam, actor=people.sam)
    env = environment(EMAIL_URL=mail_server.url)

    with worker(tmp_path, env) as first:
        wait_until(mail_server.reached.is_set, 30, "the worker to be sending", first.log)
        first.kill()  # in the middle of the SMTP conversation
    assert mail_server.messages == []
    notification.refresh_from_db()
    assert notification.emailed_at is None

    mail_server.release()
    with worker(tmp_path, env, name="worker-again") as second:
        wait_until(lambda: mail_server.messages, 30, "the email, after the restart", second.log)
        time.sleep(3)  # a second sending would come in this time
    assert len(mail_server.messages) == 1
    assert b"Someone added you to their circle on Lantern" in mail_server.messages[0]
    notification.refresh_from_db()
    assert notification.emailed_at is not None


# --- Stop Redis ---------------------------------------------------------------------------------


class PrivateRedis:
    """A redis-server of this drill's own, on a free port, with nothing saved to disk."""

    def __init__(self, tmp_path: Path):
        self.port = free_port()
        self.log = tmp_path / "redis.log"
        self.process: Process | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        redis_server = shutil.which("redis-server")
        if redis_server is None:
            pytest.fail("The Redis drill needs redis-server: apt-get install redis-server")
        args = [redis_server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--appendonly", "no", "--dir", str(self.log.parent)]
        self.process = Process(args, dict(os.environ), self.log)
        client = redis.Redis(port=self.port)
        wait_until(lambda: self._pings(client), 10, "redis-server to start", self.log)

    @staticmethod
    def _pings(client) -> bool:
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    def kill(self) -> None:
        self.process.kill()


def test_with_redis_gone_pages_answer_the_crisis_path_works_and_it_all_recovers(
    people, tmp_path, mail_server
):
    mail_server.release()
    jo = with_email(people.jo, "jo@example.org")
    safety.start_shift(jo, "supporter", 8)
    river = people.river
    store = PrivateRedis(tmp_path)
    store.start()
    env = environment(REDIS_URL=store.url, LANTERN_CACHE_PREFIX="drill", EMAIL_URL=mail_server.url)
    try:
        with web_server(tmp_path, env) as site, worker(tmp_path, env) as work:
            session = browser(river)
            assert site.get(reverse("core-home"), session).status_code == 200
            token = csrf_token(site, session, reverse("safety-reach-out-start"))
            listening = redis.Redis(port=store.port)
            wait_until(lambda: Worker.count(connection=listening), 30, "the worker", work.log)

            store.kill()
            for path, who in [
                (reverse("core-home"), session),
                (reverse("safety-help"), None),
                (reverse("meetings-finder"), None),
            ]:
                started = time.monotonic()
                assert site.get(path, who).status_code == 200, path
                assert time.monotonic() - started < 10, f"{path} took too long without Redis"
            response = session.post(
                site.url + reverse("safety-reach-out-start"),
                data={"csrfmiddlewaretoken": token, "message": "please, anyone"},
                allow_redirects=False,
                timeout=30,
            )
            assert response.status_code == 302
            reach_out = ReachOut.objects.get(member=river)
            assert reach_out.status == ReachOut.Status.OPEN
            assert site.get(response.headers["Location"], session).status_code == 200
            assert Notification.objects.filter(recipient=jo, kind="safety.reach_out").exists()
            assert mail_server.messages == []  # the queue is down: nothing sent yet

            store.start()  # back, empty: what was queued meanwhile waited in the database
            wait_until(lambda: mail_server.messages, 30, "jo's urgent email", work.log)
            assert URGENT.encode() in mail_server.messages[0]
            timers = Queue("default", connection=redis.Redis(port=store.port))
            scheduled = timers.scheduled_job_registry.get_job_ids()
            assert any(
                timers.fetch_job(job_id).func_name.endswith("escalate_reach_out")
                for job_id in scheduled
            )
            assert site.get(reverse("core-home"), session).status_code == 200
    finally:
        store.kill()


# --- The database goes away ---------------------------------------------------------------------


def test_the_unavailable_page_touches_no_database_and_speaks_the_visitors_language(
    django_assert_num_queries,
):
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9")
    with django_assert_num_queries(0):
        response = unavailable_page(request)
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"]
    assert '<html lang="es">' in page
    assert "Llama al 911" in page and "988" in page
    english = unavailable_page(RequestFactory().get("/")).content.decode()
    assert "Call 911" in english and "Crisis Text Line" in english


class Proxy:
    """A TCP proxy to PostgreSQL that the test cuts: `down()` drops every connection and refuses
    new ones; `up()` listens again on the same port."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.port = free_port()
        self.sockets: list[socket.socket] = []
        self.listening = threading.Event()

    def up(self) -> None:
        listener = socket.create_server(("127.0.0.1", self.port))
        listener.settimeout(0.1)
        self.listening.set()
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        self.listening.clear()
        time.sleep(0.3)  # the accept loop closes the listener
        for sock in list(self.sockets):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        with listener:
            while self.listening.is_set():
                try:
                    client, _address = listener.accept()
                except TimeoutError:
                    continue
                client.settimeout(None)
                upstream = socket.create_connection(self.target)
                self.sockets += [client, upstream]
                for source, sink in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def database_that_can_go_away(tmp_path: Path):
    """(environment for a server, go_away(), come_back())."""
    if ON_SQLITE:
        home = tmp_path / "db"
        home.mkdir()
        copy = home / "lantern.sqlite3"
        source, target = sqlite3.connect(connection.settings_dict["NAME"]), sqlite3.connect(copy)
        source.backup(target)
        source.close()
        target.close()
        away = tmp_path / "db-away"
        yield (
            environment(DATABASE_URL=f"sqlite:///{copy}"),
            lambda: home.rename(away),
            lambda: away.rename(home),
        )
    else:
        db = connection.settings_dict
        proxy = Proxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
        proxy.up()
        through = {**db, "HOST": "127.0.0.1", "PORT": proxy.port}
        try:
            yield (
                environment(DATABASE_URL=database_url(through), LANTERN_DB_POOL_TIMEOUT=1),
                proxy.down,
                proxy.up,
            )
        finally:
            proxy.down()


def test_with_the_database_gone_every_page_shows_the_crisis_lines_and_it_recovers(
    people, tmp_path, mail_server
):
    mail_server.release()
    safety.start_shift(with_email(people.jo, "jo@example.org"), "supporter", 8)
    session = browser(people.river)
    with database_that_can_go_away(tmp_path) as (env, go_away, come_back):
        env["EMAIL_URL"] = mail_server.url
        with web_server(tmp_path, env) as site, worker(tmp_path, env) as work:
            assert site.get(reverse("safety-help")).status_code == 200
            assert site.get(reverse("core-home"), session).status_code == 200

            go_away()
            for path, who, language in [
                (reverse("safety-help"), None, "en-US,en;q=0.9"),
                (reverse("core-home"), session, "en"),  # the session is in the database
                (reverse("safety-help"), None, "es-MX,es;q=0.8"),
            ]:
                response = site.get(path, who, headers={"Accept-Language": language})
                page = response.text
                assert response.status_code == 503, page[:2000]
                assert "Traceback" not in page and "OperationalError" not in page
                assert 'href="tel:988"' in page
                if language.startswith("es"):
                    assert '<html lang="es">' in page and "Llama al 911" in page
                else:
                    assert "Call 911" in page
            time.sleep(2.5)  # long enough for the worker to find the database gone too

            come_back()
            wait_until(
                lambda: site.get(reverse("safety-help")).status_code == 200,
                30,
                "the site to recover by itself",
                site.process.log,
            )
            assert site.get(reverse("core-home"), session).status_code == 200

            # The worker waited the outage out, and works: "I need someone now" reaches jo.
            assert work.popen.poll() is None
            start = reverse("safety-reach-out-start")
            response = session.post(
                site.url + start,
                data={"csrfmiddlewaretoken": csrf_token(site, session, start), "message": "hi"},
                allow_redirects=False,
                timeout=30,
            )
            assert response.status_code == 302
            wait_until(lambda: mail_server.messages, 30, "jo's urgent email", work.log)
            assert URGENT.encode() in mail_server.messages[0]
