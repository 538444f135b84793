"""The supporter on duty, on three phones at 360 px (issue 13): river reaches out and leaves a
number; jo, on duty, finds "river needs someone now" first on whatever page she has open, with a
count; she answers, sees the plan river shares with her and a link to call river, and hands off
to casey, a peer specialist on duty, who takes over. Axe finds nothing on any page."""

import re

import pytest

from lantern.conftest import _phone, assert_accessible
from lantern.recovery import services as recovery
from lantern.safety import services
from lantern.safety.models import ReachOut

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
REACH_OUT = re.compile(r".*/safety/reach-outs/\d+/$")


@pytest.fixture
def third_phone(browser, live_server):
    yield from _phone(browser, live_server)


def banner(page):
    return page.get_by_role("region", name=re.compile("needs? someone now"))


def test_a_supporter_on_duty_answers_calls_and_hands_off(people, phone, second_phone, third_phone):
    services.start_shift(people.jo, "supporter", 4)
    services.start_shift(people.casey, "specialist", 4)
    recovery.save_plan_item(people.river, kind="reason", text="My daughter")
    recovery.grant_access(people.river, "jo", ["plan"])
    river, jo, casey = phone, second_phone, third_phone

    jo.sign_in("jo")
    jo.visit("/groups/")  # jo is reading the groups when river reaches out
    assert banner(jo).count() == 0

    river.sign_in("river")
    river.visit("/safety/reach-out/")
    river.get_by_label("Anything you want them to know?").fill("Bad night. Can someone call?")
    river.get_by_label("A number to call you on").fill("312 555 0100")
    assert_accessible(river)
    river.get_by_role("button", name="Send").click()
    river.wait_for_url(REACH_OUT)
    assert river.get_by_text("You gave 312 555 0100 for a call.").is_visible()

    # Whatever page jo opens next, river comes first, with how many are waiting.
    for path in ("/groups/", "/recovery/", "/"):
        jo.visit(path)
        waiting = banner(jo)
        assert waiting.get_by_role("heading").inner_text() == "1 person needs someone now"
        assert "river needs someone now · just now" in waiting.inner_text()
        box = waiting.bounding_box()
        assert box["y"] < 300, path  # on the first screen, above the page's own content
        assert_accessible(jo)
    jo.screenshot_to_docs("reach-out-banner-360")
    assert jo.evaluate("document.documentElement.scrollWidth") <= 360

    waiting.get_by_role("link", name="Answer river").click()
    jo.wait_for_url(REACH_OUT)
    jo.get_by_role("button", name="I'll talk with them").click()
    jo.get_by_text("You are with river.").wait_for()
    assert banner(jo).count() == 0  # claimed: the banner is gone
    call = jo.get_by_role("link", name="Call river: 312 555 0100")
    assert call.get_attribute("href") == "tel:3125550100"
    assert jo.get_by_role("link", name="Recovery plan").is_visible()
    assert_accessible(jo)
    jo.screenshot_to_docs("reach-out-responder-360")
    jo.get_by_label("Message").fill("I'm here. I'll call you in 2 minutes.")
    jo.get_by_role("button", name="Send").click()
    jo.get_by_text("I'll call you in 2 minutes.").wait_for()

    # What river shares with jo, one tap away (and river will see that jo looked).
    jo.get_by_role("link", name="Recovery plan").click()
    jo.wait_for_url("**/recovery/shared/river/plan/")
    assert jo.get_by_text("My daughter").is_visible()
    jo.go_back()
    jo.wait_for_url(REACH_OUT)

    # A warm hand-off to a peer specialist.
    jo.get_by_text("Hand off to a peer specialist").click()
    jo.get_by_label("What should the specialist know? They both read this.").fill(
        "She talked about pills. I'm staying with her."
    )
    assert_accessible(jo)
    jo.get_by_role("button", name="Ask a peer specialist to take over").click()
    jo.get_by_text("The peer specialists on duty are told.").wait_for()
    assert jo.get_by_text("Stay with them until one does.").is_visible()

    casey.sign_in("casey")  # lands on the home page
    taking_over = banner(casey)
    assert "jo asks a peer specialist to take over with river" in taking_over.inner_text()
    assert_accessible(casey)
    taking_over.get_by_role("link", name="Take over with river").click()
    casey.wait_for_url(REACH_OUT)
    assert casey.get_by_text("She talked about pills.").is_visible()
    casey.get_by_role("button", name="Take over from jo").click()
    casey.get_by_text("You are with river.").wait_for()
    assert casey.get_by_role("link", name="Call river: 312 555 0100").is_visible()
    assert_accessible(casey)

    river.get_by_text("casey is with you.").wait_for(timeout=10_000)  # htmx, by itself
    assert river.get_by_text("asked a peer specialist to take over.").is_visible()
    reach_out = ReachOut.objects.get()
    assert reach_out.claimed_by == people.casey and reach_out.phone == "312 555 0100"
    river.get_by_role("button", name="I'm OK now, close this").click()
    river.get_by_text("This conversation is closed.").wait_for()
    reach_out.refresh_from_db()
    assert reach_out.phone == ""
