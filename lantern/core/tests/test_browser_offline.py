"""With no connection, a page that cannot load says the phone is offline and shows what still
works (the crisis lines), under its own address and with no one's header: river, signed in,
never sees a signed-out header, and nobody mistakes the crisis page for the page they asked for.
"""

import time

import pytest
from django.test import Client

from lantern.conftest import Page, assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def phone_for(browser, live_server, person=None, language=None) -> Page:
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="en-US", timezone_id="America/Chicago"
    )
    if person is not None:
        session = log_in(Client(), person).cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    if language is not None:
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
    return Page(context, live_server.url)


def until_ready_offline(phone: Page) -> None:
    """The first visit installs the service worker, which keeps the offline page and takes
    charge of the open page. (Polled from here: the page's CSP forbids Playwright's own
    polling, which evaluates strings.)"""
    ready = (
        "async () => navigator.serviceWorker.controller !== null && !!(await"
        " (await caches.open('lantern-v2')).match('/help/?offline=1', {ignoreVary: true}))"
    )
    deadline = time.monotonic() + 20
    while not phone.evaluate(ready):
        assert time.monotonic() < deadline, "the service worker never became ready"
        time.sleep(0.1)


@pytest.mark.parametrize("path", ["/", "/meetings/", "/groups/", "/help/"])
def test_a_signed_in_member_offline_is_told_so_and_given_the_crisis_lines(
    browser, live_server, people, path
):
    phone = phone_for(browser, live_server, people.river)
    try:
        phone.visit("/")
        until_ready_offline(phone)
        phone.context.set_offline(True)
        phone.visit(path)
        assert phone.url == live_server.url + path  # the address they asked for
        assert phone.get_by_role("heading", level=1).inner_text() == "You're offline"
        assert "Here is what works offline" in phone.get_by_role("status").inner_text()
        assert phone.get_by_role("link", name="Call 988").get_attribute("href") == "tel:988"
        assert phone.get_by_role("link", name="Call 911").is_visible()
        # No header of anyone: neither river's menu nor a visitor's "Sign in".
        assert phone.get_by_text("Sign in").count() == 0
        assert phone.locator("details.menu").count() == 0
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(phone)
    finally:
        phone.context.set_offline(False)
        phone.context.close()


def test_the_offline_page_is_in_the_visitors_language(browser, live_server):
    phone = phone_for(browser, live_server, language="es")
    try:
        phone.visit("/meetings/")
        until_ready_offline(phone)
        phone.context.set_offline(True)
        phone.visit("/meetings/")
        assert phone.locator("html").get_attribute("lang") == "es"
        assert phone.get_by_role("link", name="Llama al 988").get_attribute("href") == "tel:988"
    finally:
        phone.context.set_offline(False)
        phone.context.close()


def test_online_the_pages_are_the_real_ones(browser, live_server, people):
    phone = phone_for(browser, live_server, people.river)
    try:
        phone.visit("/")
        until_ready_offline(phone)
        phone.visit("/groups/")
        assert phone.get_by_role("heading", level=1).inner_text() != "You're offline"
        assert phone.locator("details.menu").count() == 1
    finally:
        phone.context.close()
