"""The finder page as a person on a phone reads it: an error where it is seen, the distance the
search used, times on the reader's clock with their zone, what each meeting is (its program,
open or closed, starting soon), and "Near me"."""

import datetime
import re

import pytest
import time_machine

from lantern.conftest import assert_accessible
from lantern.meetings.services import import_feed
from lantern.meetings.tests.test_finder import CHICAGO, TUESDAY_6PM, feed


def programs():
    """The test feed, with programs and open/closed codes."""
    rows = feed()
    rows[0].update(fellowship="aa", types=["C"])  # Tuesday Night Hope, 19:00
    rows[1].update(fellowship="na", types=["O"])  # Early Birds, 07:00
    return rows


def spanish(client):
    client.cookies["django_language"] = "es"
    return client


def test_an_unknown_zip_code_is_said_first_and_linked_to_its_field(client, db):
    html = client.get("/meetings/", {"zip": "00000"}).content.decode()
    summary = html.index('class="error-summary"')
    assert summary < html.index('name="zip"') < html.index("Find meetings")
    assert '<a href="#id_zip">We don&#x27;t know the ZIP code 00000.</a>' in html
    field = re.search(r"<input[^>]*name=\"zip\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="id_zip_errors"' in field


def test_a_mistyped_zip_code_is_said_first_too(client, db):
    html = client.get("/meetings/", {"zip": "6064"}).content.decode()
    assert html.index("error-summary") < html.index("Find meetings")
    assert '<a href="#id_zip">Type a 5-digit US ZIP code.</a>' in html


def test_within_shows_the_distance_the_search_used_when_the_address_names_none(client, db):
    import_feed(programs(), source="t")
    html = spanish(client).get("/meetings/", {"zip": "60641", "time": "soon"}).content.decode()
    assert '<option value="10" selected>10 km</option>' in html
    assert 'name="mi"' not in html


def test_within_is_in_miles_in_english_and_kilometres_in_spanish(client, db):
    english = client.get("/meetings/").content.decode()
    assert re.search(r'<select name="mi"[^>]*>', english)
    assert '<option value="5" selected>5 mi</option>' in english
    assert 'name="km"' not in english
    es = spanish(client).get("/meetings/").content.decode()
    assert '<option value="10" selected>10 km</option>' in es and 'name="mi"' not in es


def test_an_address_in_kilometres_keeps_its_distance_for_an_english_reader(client, db):
    html = client.get("/meetings/", {"zip": "60641", "km": "25"}).content.decode()
    assert '<option value="25" selected>25 km</option>' in html


def test_distances_are_in_the_readers_unit(client, db):
    import_feed(programs(), source="t")
    with time_machine.travel(TUESDAY_6PM, tick=False):
        english = client.get("/meetings/", {"zip": "60641", "km": "25"}).content.decode()
        es = spanish(client).get("/meetings/", {"zip": "60641", "km": "25"}).content.decode()
    assert re.search(r"· \d+\.\d mi\b", english) and " km<" not in english.split("<details")[0]
    assert re.search(r"· \d+,\d km\b", es)


def test_times_are_on_the_readers_clock_with_their_zone(client, db, people, signed_in):
    import_feed(programs(), source="t")
    with time_machine.travel(TUESDAY_6PM, tick=False):
        english = client.get("/meetings/", {"zip": "60641"}).content.decode()
        es = spanish(client).get("/meetings/", {"zip": "60641"}).content.decode()
        people.river.time_zone = "America/New_York"
        people.river.save(update_fields=["time_zone"])
        river = signed_in(people.river).get("/meetings/", {"zip": "60641"}).content.decode()
    assert "Tue 7:00 PM CST" in english  # a visitor: the meeting's own time, labelled
    assert "mar 19:00 CST" in es
    assert "Tue 8:00 PM EST" in river  # river's own zone, labelled as such


def test_results_say_the_program_and_what_closed_and_open_mean(client, db):
    import_feed(programs(), source="t")
    with time_machine.travel(TUESDAY_6PM, tick=False):
        html = client.get("/meetings/", {"zip": "60641", "km": "25"}).content.decode()
    hope = html[html.index("Tuesday Night Hope") :]
    hope = hope[: hope.index("</li>")]
    assert "Alcoholics Anonymous" in hope
    assert "Closed:" in hope and "for people who want to stop drinking or using." in hope
    birds = html[html.index("Early Birds") :]
    birds = birds[: birds.index("</li>")]
    assert "Narcotics Anonymous" in birds and "Open:" in birds


def test_results_say_what_is_in_progress_and_what_starts_soon(client, db):
    import_feed(programs(), source="t")
    twenty_past_seven = datetime.datetime(2026, 11, 24, 19, 20, tzinfo=CHICAGO)
    with time_machine.travel(TUESDAY_6PM + datetime.timedelta(minutes=20), tick=False):
        html = client.get("/meetings/", {"zip": "60641"}).content.decode()
    assert "starts in 40 min" in html
    with time_machine.travel(twenty_past_seven, tick=False):
        html = client.get("/meetings/", {"zip": "60641"}).content.decode()
    assert "in progress" in html


def test_no_results_offer_no_calendar(client, db):
    import_feed(programs(), source="t")
    html = client.get("/meetings/", {"zip": "99501", "mode": "in_person"}).content.decode()
    assert "0 meetings" in html
    assert "Add these meetings to my calendar" not in html
    with time_machine.travel(TUESDAY_6PM, tick=False):
        found = client.get("/meetings/", {"zip": "60641"}).content.decode()
    assert "Add these meetings to my calendar" in found


def test_a_search_from_coordinates_is_near_you(client, db):
    import_feed(programs(), source="t")
    with time_machine.travel(TUESDAY_6PM, tick=False):
        html = client.get("/meetings/", {"lat": "41.95", "lon": "-87.75"}).content.decode()
    assert "meetings near you" in html and "Tuesday Night Hope" in html


def test_near_me_waits_for_javascript(client, db):
    html = client.get("/meetings/").content.decode()
    assert '<p class="near-me" hidden>' in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_near_me_asks_for_the_location_only_when_tapped(browser, live_server):
    import_feed(programs(), source="t")
    context = browser.new_context(
        viewport={"width": 360, "height": 780},
        locale="en-US",
        timezone_id="America/Chicago",
        geolocation={"latitude": 41.94531, "longitude": -87.74741},
        permissions=["geolocation"],
    )
    page = context.new_page()
    try:
        page.add_init_script(
            "window.__asked = 0; const real = navigator.geolocation.getCurrentPosition"
            ".bind(navigator.geolocation); navigator.geolocation.getCurrentPosition ="
            " (...a) => { window.__asked++; return real(...a); };"
        )
        page.goto(live_server.url + "/meetings/")
        assert page.evaluate("window.__asked") == 0  # nothing asked on opening the page
        assert_accessible(page)
        page.get_by_role("button", name="Near me").click()
        page.wait_for_url("**/meetings/?*lat=41.95*")
        assert "lon=-87.75" in page.url
        assert "near you" in page.get_by_role("heading", level=2).first.inner_text()
        assert_accessible(page)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_javascript_there_is_no_near_me_button(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/meetings/")
        assert page.get_by_role("button", name="Near me").count() == 0
        page.get_by_label("ZIP code").fill("00000")
        page.get_by_role("button", name="Find meetings").click()
        # The error is on the first screen, above the field it is about.
        box = page.get_by_role("alert").bounding_box()
        assert box is not None and box["y"] + box["height"] < 780
        assert page.get_by_role("link", name="We don't know the ZIP code 00000.").is_visible()
    finally:
        context.close()
