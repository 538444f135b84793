"""“I need someone now” in two phones: river asks, jo (a supporter on duty) answers."""

import pytest

from lantern.conftest import assert_accessible
from lantern.safety import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_reaches_out_and_a_peer_on_duty_answers(people, phone, second_phone):
    services.start_shift(people.jo, "supporter", 4)
    river, jo = phone, second_phone

    river.sign_in("river")
    # One tap from the home page: no form to fill in first.
    river.get_by_role("button", name="I need someone now").click()
    river.wait_for_url("**/safety/reach-outs/*/")
    assert river.get_by_role("status").first.inner_text().startswith("We have told people")
    assert river.get_by_role("link", name="Call 988").is_visible()
    assert_accessible(river)
    river.screenshot_to_docs("reach-out-waiting-360")

    jo.sign_in("jo")
    jo.visit("/notifications/")  # "Notifications 1 unread" in the header's menu
    jo.get_by_role("button", name="river needs someone now").click()
    jo.wait_for_url("**/safety/reach-outs/*/")
    jo.get_by_role("button", name="I'll talk with them").click()
    jo.get_by_label("Message").fill("I'm here. What's going on?")
    jo.get_by_role("button", name="Send").click()

    # river's page updates by itself (htmx) within a few seconds.
    river.get_by_text("jo is with you.").wait_for(timeout=10_000)
    river.get_by_text("I'm here. What's going on?").wait_for(timeout=10_000)
    river.get_by_label("Message").fill("thank you. can we talk for a bit")
    river.get_by_role("button", name="Send").click()
    river.get_by_text("thank you. can we talk for a bit").wait_for()
    assert_accessible(river)
    river.screenshot_to_docs("reach-out-answered-360")
