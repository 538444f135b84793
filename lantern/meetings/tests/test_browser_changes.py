"""A member on a phone reports that a meeting moved; a moderator corrects it from the queue."""

import pytest

from lantern.conftest import assert_accessible
from lantern.meetings.services import import_feed
from lantern.meetings.tests.test_import import GOOD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_reports_a_change_and_a_moderator_applies_it(people, phone, second_phone):
    import_feed([GOOD], source="intergroup")
    river, morgan = phone, second_phone

    river.sign_in("river")
    river.visit("/meetings/sunday-serenity/")
    river.get_by_role("link", name="Report a change").click()
    river.wait_for_url("**/report/")
    river.get_by_label("The day or time").check()
    river.get_by_label("What should it say?").fill("Since November it starts at 7 pm.")
    assert_accessible(river)
    river.get_by_role("button", name="Send to the moderators").click()
    river.wait_for_url("**/meetings/sunday-serenity/")
    assert "A moderator will check it" in river.inner_text("main")

    morgan.sign_in("morgan")
    morgan.visit("/meetings/")
    morgan.get_by_role("link", name="Meeting corrections (1 waiting)").click()
    assert_accessible(morgan)
    morgan.get_by_role("link", name="Sunday Serenity: The day or time").click()
    assert "Since November it starts at 7 pm." in morgan.inner_text("main")
    morgan.get_by_label("Starts (local time)").fill("19:00")
    morgan.get_by_label("Ends").fill("20:30")
    assert_accessible(morgan)
    morgan.screenshot_to_docs("meetings-correction-360")
    morgan.get_by_role("button", name="Apply the correction").click()
    morgan.wait_for_url("**/staff/meetings/changes/")
    assert "Nothing waiting." in morgan.inner_text("main")

    river.reload()
    assert "7:00 PM–8:30 PM" in river.inner_text("main")
    assert river.evaluate("document.documentElement.scrollWidth") <= 360
