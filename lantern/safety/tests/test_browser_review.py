"""On two phones (360 px): river posts in a group words the safety net is unsure about; river
sees the crisis lines at once; jo, a supporter on duty, finds the post in "Needs a look",
reaches out, and river gets the message. Axe finds nothing on any page."""

import pytest

from lantern.community import services as community
from lantern.community.models import Space
from lantern.conftest import assert_accessible
from lantern.safety import services
from lantern.safety.models import ReviewItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Review, not urgent: see test_review_queue.py (a thread is assessed with its title).
POST_TITLE = "Update"
REVIEW_TEXT = "I don't know why I keep trying anymore."


def test_a_post_that_needs_a_look_reaches_a_peer_on_duty(people, phone, second_phone):
    early = Space.objects.create(slug="early-days", name="Early days", description="First weeks")
    community.join_space(people.river, early)
    services.start_shift(people.jo, "supporter", 4)
    river, jo = phone, second_phone

    river.sign_in("river")
    river.visit(early.get_absolute_url())
    river.get_by_role("link", name="Start a thread").click()
    river.get_by_label("Title").fill(POST_TITLE)
    river.get_by_label("What would you like to share?").fill(REVIEW_TEXT)
    river.get_by_role("button", name="Post").click()
    river.wait_for_url("**/groups/early-days/t/*/")
    # The writer sees the crisis lines at once, first on the page, and the post is published.
    offer = river.get_by_role("region", name="You don't have to carry this alone")
    assert offer.is_visible()
    assert offer.get_by_role("link", name="Call 988").is_visible()
    assert river.get_by_text(REVIEW_TEXT).is_visible()
    assert_accessible(river)
    assert ReviewItem.objects.filter(author=people.river, status="open").count() == 1

    jo.sign_in("jo")
    jo.get_by_text("Menu").click()
    jo.get_by_role("link", name="Needs a look").click()
    jo.wait_for_url("**/safety/review/")
    item = jo.get_by_role("listitem").filter(has_text=REVIEW_TEXT)
    assert "Group post by river" in item.inner_text()
    assert "Early days: “Update”" in item.inner_text()
    assert "Look by" in item.inner_text()
    assert item.get_by_role("button", name="Looks fine").is_visible()
    assert item.get_by_role("button", name="Raise to urgent").is_visible()
    assert_accessible(jo)
    assert jo.evaluate("document.documentElement.scrollWidth") <= 360
    jo.screenshot_to_docs("needs-a-look-360")
    item.get_by_label("A first message to river").fill(
        "Hi river, I read your post. I've been there. Want to talk for a bit?"
    )
    item.get_by_role("button", name="Reach out to river").click()
    jo.wait_for_url("**/messages/*/")
    jo.get_by_text("I've been there. Want to talk for a bit?").wait_for()
    assert_accessible(jo)
    jo.visit("/safety/review/")
    assert jo.get_by_text("Nothing needs a look right now.").is_visible()

    river.visit("/notifications/")
    river.get_by_role("button", name="New message from jo").click()
    river.wait_for_url("**/messages/*/")
    assert river.get_by_text("I've been there. Want to talk for a bit?").is_visible()
    assert_accessible(river)
