"""On a phone: a newcomer asks for a mentor, sees ranked suggestions with the reasons, and a
mentor accepts; then the newcomer says they are coming to a full event, is put on the
waitlist, and gets the place when someone cancels. Axe finds nothing on any page."""

import re

import pytest
from django.urls import reverse

from lantern.conftest import assert_accessible
from lantern.events import services as events
from lantern.events.tests.helpers import make_event

from .helpers import profile_for, supporter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_newcomer_finds_a_mentor_and_gets_a_place_at_a_full_event(people, phone, second_phone):
    profile_for(
        people.jo,
        experience=("parenting", "young-adult"),
        availability=("weekday-evenings",),
        about="Sober since my twenties.",
    )
    supporter("kit", pathways=("smart",), experience=())
    event = make_event(people.jo, title="Sober bowling night", capacity=1)
    events.rsvp(people.sam, event)
    river, jo = phone, second_phone

    river.sign_in("river")
    river.visit(reverse("mentorship-home"))
    assert_accessible(river)
    river.get_by_role("link", name="Find a mentor").click()
    river.wait_for_url("**" + reverse("mentorship-ask"))
    assert_accessible(river)
    river.get_by_label("English").check()
    river.get_by_label("12-step").check()
    river.get_by_label("parenting in recovery").check()
    river.get_by_label("weekday evenings").check()
    river.get_by_role("button", name="Show me mentors").click()
    river.wait_for_url("**" + reverse("mentorship-suggestions"))
    assert_accessible(river)
    cards = river.locator("ol.suggestions > li")
    assert cards.count() == 2
    assert "jo" in cards.nth(0).inner_text()  # best fit first
    assert "Knows parenting in recovery from the inside" in cards.nth(0).inner_text()
    assert "Free when you are: weekday evenings" in cards.nth(0).inner_text()
    assert river.evaluate("document.documentElement.scrollWidth") <= 360
    river.screenshot_to_docs("mentorship-360")
    cards.nth(0).get_by_role("link", name="More about jo, and ask").click()
    assert_accessible(river)
    river.get_by_label("A few words to them (optional)").fill("Hi jo, I'm 9 days in.")
    river.get_by_role("button", name="Ask jo to mentor me").click()
    river.get_by_text("We told jo.").wait_for()
    assert_accessible(river)

    jo.sign_in("jo")
    jo.visit(reverse("mentorship-home"))
    assert_accessible(jo)
    jo.get_by_role("link", name="river").click()
    jo.get_by_text("I'm 9 days in.").wait_for()
    jo.get_by_role("button", name="Yes, I will mentor them").click()
    jo.get_by_text("You can write to each other now.").wait_for()
    assert jo.get_by_role("link", name="Write to river").is_visible()
    assert_accessible(jo)

    river.reload()
    river.get_by_text("Mentoring", exact=True).wait_for()
    river.get_by_role("link", name="Write to jo").click()
    river.wait_for_url(re.compile(r".*/messages/\d+/"))

    # The event: full, so river joins the waitlist
    river.visit(reverse("events-list"))
    assert_accessible(river)
    river.get_by_role("link", name="Sober bowling night").click()
    river.get_by_role("button", name="Join the waitlist").click()
    river.get_by_text("You are on the waitlist (number 1).").wait_for()
    assert_accessible(river)
    river.screenshot_to_docs("events-360")
    events.cancel_rsvp(people.sam, event)  # sam can't come after all
    river.reload()
    river.get_by_text("You are going.").wait_for()
    river.visit(reverse("core-notifications"))
    river.get_by_text("A place opened up: you are going to “Sober bowling night”").wait_for()
    assert_accessible(river)
