"""On a phone: river sets a sobriety date, checks in with three taps and two sliders, sees her
30-day trend, shares her check-ins with jo, jo sees them, river stops sharing, jo cannot."""

import pytest

from lantern.conftest import assert_accessible
from lantern.recovery import services
from lantern.recovery.models import CheckIn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_counts_checks_in_shares_and_stops_sharing(people, phone, second_phone):
    river, jo = phone, second_phone
    river.sign_in("river")
    today = services.today_for(people.river)

    river.visit("/recovery/")  # "My recovery" in the header's menu
    assert_accessible(river)
    river.get_by_role("link", name="Add a counter").click()
    river.get_by_label("What are you counting days away from?").select_option("alcohol")
    river.get_by_label("Your date").fill(str(today.replace(year=today.year - 1)))
    river.get_by_role("button", name="Save").click()
    river.wait_for_url("**/recovery/counters/*/")
    assert river.locator(".big-days").inner_text().startswith(("365", "366"))
    assert_accessible(river)

    # The check-in: tap "Check in", move two sliders, tap a trigger, tap "Save check-in".
    river.get_by_role("navigation", name="My recovery").get_by_role(
        "link", name="Check in"
    ).click()  # tap 1
    river.wait_for_url("**/recovery/checkin/")
    assert_accessible(river)
    river.get_by_label("Mood:").fill("4")
    river.get_by_label("Craving:").fill("6")
    assert river.locator("#id_craving_value").inner_text() == "6"  # the value is shown
    assert river.locator("label[for=id_mood]").inner_text() == "Mood: 4"  # and follows
    river.get_by_label("Stress").check()  # tap 2
    river.screenshot_to_docs("recovery-360")
    river.get_by_role("button", name="Save check-in").first.click()  # tap 3
    river.wait_for_url("**/recovery/trends/")
    checkin = CheckIn.objects.get(member=people.river)
    assert (checkin.mood, checkin.craving, checkin.triggers) == (4, 6, ["stress"])
    chart = river.get_by_role("img", name="Mood and craving, last 30 days")
    assert chart.is_visible()
    river.get_by_text("Show the same data as a table").click()
    assert river.get_by_role("table", name="Mood and craving, last 30 days").is_visible()
    assert_accessible(river)
    assert river.evaluate("document.documentElement.scrollWidth") <= 360

    # Share check-ins with jo.
    river.get_by_role("link", name="Sharing").click()
    river.get_by_label("Their handle").fill("jo")
    river.get_by_label("Check-ins").check()
    river.get_by_role("button", name="Share", exact=True).click()
    river.get_by_text("jo can now see: check-ins.").wait_for()
    assert_accessible(river)

    jo.sign_in("jo")
    jo.visit("/recovery/shared/")
    jo.get_by_role("link", name="river").click()
    jo.get_by_role("link", name="Check-ins").click()
    jo.wait_for_url("**/recovery/shared/river/checkins/")
    assert jo.get_by_text("Mood 4 of 5 · craving 6 of 10").is_visible()
    assert_accessible(jo)

    # river sees that jo looked, then stops sharing.
    river.reload()
    assert river.get_by_text("jo · check-ins").is_visible()
    river.get_by_role("button", name="Stop sharing with jo").click()
    river.get_by_text("jo can no longer see your records.").wait_for()

    response = jo.visit("/recovery/shared/river/checkins/")
    assert response.status == 404
    assert "Mood 4 of 5" not in jo.content()
