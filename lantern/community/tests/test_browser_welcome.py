"""On a phone: a newcomer joins a group and posts for the first time; a supporter finds the post
in "Welcome newcomers" and replies; the newcomer is told. Axe finds nothing on any page."""

import re

import pytest

from lantern.community import services
from lantern.conftest import assert_accessible

THREAD = re.compile(r"/groups/early-days/t/\d+/")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_newcomers_first_post_is_welcomed_by_a_supporter(spaces, people, phone, second_phone):
    early = spaces["early"]
    early.guidelines = "Share your own experience. What is said here stays here."
    early.save()
    services.join_space(people.sam, early)
    services.start_thread(people.jo, early, "Read this first: how this group works", "Welcome!")
    services.start_thread(
        people.sam, early, "Two weeks out of treatment", "What helped you with **evenings**?"
    )
    river, jo = phone, second_phone

    river.sign_in("river")
    river.visit("/groups/")  # "Groups" in the header's menu
    assert_accessible(river)
    river.get_by_role("link", name="Early days").click()
    river.get_by_role("button", name="Join this group").click()
    river.get_by_text("Welcome to Early days.").wait_for()
    assert_accessible(river)
    river.screenshot_to_docs("community-360")
    assert river.evaluate("document.documentElement.scrollWidth") <= 360
    river.get_by_role("link", name="Start a thread").click()
    assert_accessible(river)
    river.get_by_label("Title").fill("Hi, I'm new")
    river.get_by_label("What would you like to share?").fill(
        "Day 9. I don't really know anyone here yet."
    )
    river.get_by_role("button", name="Post").click()
    river.wait_for_url("**/groups/early-days/t/*/")
    assert river.get_by_text("newcomer").first.is_visible()
    assert_accessible(river)

    jo.sign_in("jo")
    jo.visit("/groups/")
    jo.get_by_role("link", name="Welcome newcomers").click()
    jo.wait_for_url("**/groups/welcome/")
    assert_accessible(jo)
    waiting = jo.get_by_role("listitem").filter(has_text="Hi, I'm new")
    assert "waiting" in waiting.inner_text()
    waiting.get_by_role("link", name="Hi, I'm new").click()
    jo.wait_for_url(THREAD)
    jo.get_by_label("Your reply").fill("Welcome, river. Day 9 is a big deal. I'm glad you're here.")
    jo.get_by_role("button", name="Reply", exact=True).click()
    jo.get_by_text("Day 9 is a big deal").wait_for()
    assert_accessible(jo)
    jo.visit("/groups/welcome/")
    assert jo.get_by_role("link", name="Hi, I'm new").count() == 0

    river.visit("/")
    river.visit("/notifications/")  # "Notifications 1 unread" in the header's menu
    river.get_by_role("button", name="jo replied to “Hi, I'm new”").click()
    river.wait_for_url(THREAD)
    assert river.get_by_text("I'm glad you're here.").is_visible()
    assert_accessible(river)
