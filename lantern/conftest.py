"""Shared test fixtures. Every test file can use these.

The people (fixture `people`), one per role, the same in every test so tests read as stories:

    river   a member (the one whose records we protect)
    sam     another member (must never reach river's records)
    jo      a supporter (a volunteer peer; also a member)
    casey   a peer recovery specialist (staff; two-factor on)
    morgan  a moderator (also a member; two-factor on)
    alex    an administrator (two-factor on)

Everyone's password is PASSWORD. Tests sign people in with `signed_in(person)` (Django's
`force_login`, with the session marked as having passed two-factor for staff, as allauth marks
it); only the sign-in and two-factor tests go through the real forms (`sign_in`).

Browser tests write their screenshots under var/screenshots/; with LANTERN_SCREENSHOTS=1 they
refresh the README's screenshots in docs/screenshots/ instead (on purpose, never by `make test`).
"""

import os
import socket
import time
from contextlib import closing
from dataclasses import dataclass
from email import message_from_bytes
from pathlib import Path

import django_rq
import pytest
from aiosmtpd.controller import Controller
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django_tasks_rq.backend import Job
from playwright.sync_api import sync_playwright
from rq import SimpleWorker

from lantern.accounts import services
from lantern.accounts.models import Role, User
from lantern.core import site

PASSWORD = "a-long-demo-passphrase-2026"
REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = (
    REPO / "docs" / "screenshots"
    if os.environ.get("LANTERN_SCREENSHOTS") == "1"
    else REPO / "var" / "screenshots"
)

TOTP_SECRETS = {
    "casey": "JBSWY3DPEHPK3PXPCASEYTESTSECRET2",
    "morgan": "JBSWY3DPEHPK3PXPMORGANTESTSECRET",
    "alex": "JBSWY3DPEHPK3PXPALEXTESTSECRET22",
}
ROLES = {
    "river": [Role.MEMBER],
    "sam": [Role.MEMBER],
    "jo": [Role.MEMBER, Role.SUPPORTER],
    "casey": [Role.SPECIALIST],
    "morgan": [Role.MEMBER, Role.MODERATOR],
    "alex": [Role.ADMIN],
}


def pytest_configure(config):
    # Argon2 is deliberately slow; tests that check hashing switch it back on.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits, used TOTP codes and the site's settings live in the cache (the settings also
    for a second in the process); each test starts clean."""
    cache.clear()
    site.forget()
    yield
    cache.clear()
    site.forget()


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A Spanish request leaves its language active in the thread; the next test starts in
    the site's default language whatever the last one did."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class People:
    river: User
    sam: User
    jo: User
    casey: User
    morgan: User
    alex: User

    def __iter__(self):
        return iter([self.river, self.sam, self.jo, self.casey, self.morgan, self.alex])


def make_person(handle: str, roles) -> User:
    user = User.objects.create_user(handle, PASSWORD)
    services.record_consents(user, guidelines=True, privacy=True)
    if handle in TOTP_SECRETS:
        TOTP.activate(user, TOTP_SECRETS[handle])
    for role in roles:
        services.grant_role(user, role, by=None)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def people(db) -> People:
    return People(**{handle: make_person(handle, roles) for handle, roles in ROLES.items()})


def totp_code(handle: str, offset: int = 0) -> str:
    return format_hotp_value(hotp_value(TOTP_SECRETS[handle], int(time.time()) // 30 + offset))


def sign_in(client, user: User, password: str = PASSWORD):
    """Sign in through the real forms: password, then the two-factor code for staff."""
    response = client.post("/accounts/login/", {"login": user.handle, "password": password})
    if user.handle in TOTP_SECRETS:
        assert response.status_code == 302, response.content[:500]
        assert response["Location"].startswith("/accounts/2fa/authenticate/")
        response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(user.handle)})
    assert response.status_code == 302, response.content[:500]
    return client


def log_in(client, user: User):
    """Sign `user` in without the forms: Django's `force_login`, and for staff the session mark
    allauth leaves after the two-factor step (staff pages refuse a session without it)."""
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    if user.handle in TOTP_SECRETS:
        session = client.session
        session["account_authentication_methods"] = [
            {"method": "password", "at": time.time(), "username": user.handle},
            {"method": "mfa", "at": time.time(), "type": "totp"},
        ]
        session.save()
    return client


@pytest.fixture
def signed_in(client):
    """`signed_in(user)` returns a test client signed in as that person."""

    def make(user):
        return log_in(Client(), user)

    return make


def run_tasks() -> None:
    """Run the task worker until the queue is empty, as `make run` does in the background."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_db"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    else:
        # Deferred tasks whose time has come (by this process's clock, which tests may move)
        # go into the queue, as RQ's scheduler would do.
        queue = django_rq.get_queue("default", job_class=Job)
        registry = queue.scheduled_job_registry
        for job_id in registry.get_jobs_to_schedule(int(time.time())):
            job = queue.fetch_job(job_id)
            registry.remove(job_id)
            if job is not None:
                queue.enqueue_job(job)
        # SimpleWorker runs jobs in this process, so they see this test's database.
        worker = django_rq.get_worker("default", worker_class=SimpleWorker, job_class=Job)
        worker.work(burst=True)


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost; mail sent through Django's SMTP backend lands in
    `smtp_server.messages` (email.message.Message objects)."""

    class Sink:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            message = message_from_bytes(envelope.content)
            message["X-Rcpt-To"] = ", ".join(envelope.rcpt_tos)
            self.messages.append(message)
            return "250 OK"

    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield sink
    finally:
        controller.stop()


# --- Browser tests -------------------------------------------------------------------------------
# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run there
# unless told it is safe (it is: the test thread is not serving requests).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("LANTERN_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Page:
    """A phone-sized page that records every request and console error, so a test can fail on
    a request that leaves the site or a Content-Security-Policy violation."""

    def __init__(self, context, base_url):
        self.context = context
        self.base_url = base_url
        self.page = context.new_page()
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console",
            lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
        )

    def __getattr__(self, name):
        return getattr(self.page, name)

    def visit(self, path: str):
        return self.page.goto(self.base_url + path)

    def sign_in(self, handle: str, password: str = PASSWORD):
        """Through the real forms, as a person would: password, then the code for staff."""
        self.visit("/accounts/login/")
        self.page.get_by_label("Handle").fill(handle)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign In").click()
        if handle in TOTP_SECRETS:
            self.page.wait_for_url("**/accounts/2fa/authenticate/")
            self.page.get_by_label("Code").fill(totp_code(handle))
            self.page.get_by_role("button", name="Sign In").click()
        self.page.wait_for_url(self.base_url + "/")

    def foreign_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if not url.startswith((self.base_url + "/", "data:", "blob:")) and url != self.base_url
        ]

    def screenshot_to_docs(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _phone(browser, live_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 780},
        device_scale_factor=1,
        locale="en-US",
        timezone_id="America/Chicago",
    )
    page = Page(context, live_server.url)
    yield page
    try:
        assert page.foreign_requests() == [], "the page made requests to other sites"
        csp = [e for e in page.console_errors if "Content Security Policy" in e]
        assert csp == [], "the page broke its Content-Security-Policy"
    finally:
        context.close()


@pytest.fixture
def phone(browser, live_server):
    """A 360 px wide page on the live test server."""
    yield from _phone(browser, live_server)


@pytest.fixture
def second_phone(browser, live_server):
    """Another person's phone, for journeys between two people."""
    yield from _phone(browser, live_server)


AXE_SOURCE = REPO / "node_modules" / "axe-core" / "axe.min.js"


def assert_accessible(page) -> None:
    """Run axe-core (from the npm registry, installed by `make test`) in the page and fail on any
    WCAG 2.2 A/AA violation. Injected through the DevTools protocol, so the page's CSP stays on."""
    if not AXE_SOURCE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    raw = getattr(page, "page", page)
    raw.evaluate(AXE_SOURCE.read_text())
    violations = raw.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
            return result.violations.map(v => ({id: v.id, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    assert violations == [], f"accessibility violations on {raw.url}: {violations}"
