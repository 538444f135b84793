"""The main journey at 360 px, two people on two phones, on a real ASGI server (pytest-django's
live server cannot speak WebSocket): jo opens the meeting and turns the share queue on; river
raises a hand, gets the floor and shares, and jo sees it without reloading; river's connection
drops while jo speaks, and comes back with every message once and in order."""

import re

import pytest
from playwright.sync_api import expect

from lantern.conftest import Page, assert_accessible

from .servers import Server
from .sockets import session_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def server():
    running = Server()
    yield running
    running.stop()


def phone_on(browser, server, person):
    """A 360 px phone signed in as `person` (a real session, as `signed_in` makes: the server
    process does not know the test run's fast password hasher)."""
    context = browser.new_context(
        viewport={"width": 360, "height": 780},
        device_scale_factor=1,
        locale="en-US",
        timezone_id="America/Chicago",
    )
    context.add_cookies([{"name": "sessionid", "value": session_key(person), "url": server.url}])
    return Page(context, server.url)


def check_and_close(page):
    try:
        assert page.foreign_requests() == [], "the page made requests to other sites"
        csp = [e for e in page.console_errors if "Content Security Policy" in e]
        assert csp == [], "the page broke its Content-Security-Policy"
    finally:
        page.context.close()


def seqs(page) -> list[int]:
    return [
        int(s)
        for s in page.locator("#messages li").evaluate_all(
            "items => items.map(li => li.dataset.seq)"
        )
    ]


def test_a_chaired_meeting_on_two_phones(browser, server, people, meeting_room):
    chair = phone_on(browser, server, people.jo)
    member = phone_on(browser, server, people.river)
    try:
        room_path = meeting_room.get_absolute_url()
        chair.visit(room_path)
        chair.get_by_label("Format and readings (optional)").fill(
            "Welcome to Late Night Online. We share one at a time."
        )
        chair.get_by_role("button", name="Open the meeting").click()
        expect(chair.locator("#pinned")).to_contain_text("We share one at a time.")
        chair.get_by_role("button", name="Turn the share queue on").click()
        expect(chair.locator("#live-status")).to_contain_text("Live")

        member.visit(room_path)
        expect(member.locator("#pinned")).to_contain_text("We share one at a time.")
        expect(member.locator("#live-status")).to_contain_text("Live")
        member.get_by_role("button", name="Raise my hand to share").click()
        expect(member.get_by_role("button", name="Lower my hand")).to_be_visible()
        # The chair sees the raised hand live, and calls on river.
        expect(chair.locator("#queue")).to_contain_text("river")
        chair.get_by_role("button", name="Call on the next person").click()
        expect(chair.locator("#floor")).to_contain_text("river has the floor.")
        expect(member.locator("#floor")).to_contain_text("river has the floor.")
        expect(member.get_by_role("button", name="I am done sharing")).to_be_visible()
        member.get_by_label("Your message").fill("I'm river. Day 94, and grateful to be here.")
        member.get_by_role("button", name="Send").click()
        # In real time on the chair's phone: no reload.
        expect(chair.locator("#messages")).to_contain_text("Day 94, and grateful to be here.")
        expect(member.get_by_label("Your message")).to_have_value("")
        assert_accessible(member)
        assert_accessible(chair)

        # river's connection drops for a few seconds while the chair speaks.
        member.evaluate("document.getElementById('chat').chatDrop(4000)")
        expect(member.locator("#live-status")).to_contain_text("Reconnecting")
        for words in ("Thank you, river.", "Who else would like to share?"):
            chair.get_by_label("Your message").fill(words)
            chair.get_by_role("button", name="Send").click()
            expect(chair.locator("#messages")).to_contain_text(words)
        expect(member.locator("#live-status")).to_contain_text("Live", timeout=15_000)
        expect(member.locator("#messages")).to_contain_text("Who else would like to share?")
        numbers = seqs(member)
        assert numbers == sorted(set(numbers)), "no message twice, all in order"
        assert numbers == list(range(numbers[0], numbers[-1] + 1)), "no gaps"
        assert numbers == seqs(chair)
        texts = member.locator("#messages li").all_inner_texts()
        assert sum("Thank you, river." in t for t in texts) == 1
        assert any(re.search("Who else would like to share", t) for t in texts)
        member.screenshot_to_docs("chat-meeting")
        # The other pages of the journey: the room list and a message's page.
        chair.visit("/rooms/")
        expect(chair.get_by_role("link", name="Late Night Online")).to_be_visible()
        assert_accessible(chair)
        chair.visit(room_path)
        chair.locator("#messages li:not(.notice) a").first.click()
        expect(chair.get_by_role("button", name="Talk with the author privately")).to_be_visible()
        assert_accessible(chair)
    finally:
        check_and_close(member)
        check_and_close(chair)
