"""A visitor on a phone finds a meeting tonight near a ZIP code and saves it to their calendar."""

from pathlib import Path

import pytest
import time_machine

from lantern.conftest import assert_accessible
from lantern.meetings.services import import_feed
from lantern.meetings.tests.test_finder import TUESDAY_6PM, feed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_a_meeting_tonight_near_a_zip_code_and_saves_it(phone):
    import_feed(feed(), source="t")
    with time_machine.travel(TUESDAY_6PM, tick=True):
        phone.visit("/")
        phone.locator("summary", has_text="Menu").click()
        phone.get_by_role("link", name="Meetings").click()
        phone.wait_for_url("**/meetings/")
        assert_accessible(phone)
        phone.get_by_label("ZIP code").fill("60641")
        phone.get_by_label("Within").select_option("10")
        phone.get_by_label("Time of day").select_option("soon")
        phone.get_by_role("button", name="Find meetings").click()
        phone.wait_for_url("**/meetings/?*zip=60641*")
        results = phone.get_by_role("heading", level=2).first.inner_text()
        # The meeting near the ZIP code, and the online one starting soon (online meetings are
        # in every search unless the person filters them out).
        assert results == "2 meetings near Chicago, IL"
        assert_accessible(phone)
        phone.screenshot_to_docs("meetings-finder-360")

        phone.get_by_role("link", name="Tuesday Night Hope").click()
        phone.wait_for_url("**/meetings/tue-night/")
        assert_accessible(phone)
        with phone.expect_download() as download:
            phone.get_by_role("link", name="Add to calendar").click()
        content = Path(download.value.path()).read_text(encoding="utf-8")
        assert content.startswith("BEGIN:VCALENDAR")
        assert "RRULE:FREQ=WEEKLY;BYDAY=TU" in content
        assert "TZID=America/Chicago" in content
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
