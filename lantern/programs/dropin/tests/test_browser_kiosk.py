"""On the front desk's tablet (768 × 1024) and on a phone (360 px): a visitor signs in at the
kiosk, is thanked, and the kiosk goes back to its start by itself; a handle typed and left is
cleared after a warning the visitor can answer. Without JavaScript the same happens through the
page's refresh. axe finds nothing on any screen the visitor sees."""

import pytest

from lantern.conftest import Page, assert_accessible
from lantern.programs.dropin import services
from lantern.programs.dropin.models import Visit

from .conftest import kiosk_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 360, "height": 780}


def _device(browser, live_server, viewport, *, javascript=True):
    context = browser.new_context(
        viewport=viewport,
        device_scale_factor=1,
        locale="en-US",
        timezone_id="America/Chicago",
        has_touch=True,
        java_script_enabled=javascript,
    )
    page = Page(context, live_server.url)
    yield page
    try:
        assert page.foreign_requests() == [], "the page made requests to other sites"
        csp = [e for e in page.console_errors if "Content Security Policy" in e]
        assert csp == [], "the page broke its Content-Security-Policy"
    finally:
        context.close()


@pytest.fixture
def tablet(browser, live_server):
    """The shared tablet at the front desk, nobody signed in."""
    yield from _device(browser, live_server, TABLET)


@pytest.fixture
def phone_without_js(browser, live_server):
    yield from _device(browser, live_server, PHONE, javascript=False)


@pytest.fixture
def quick(settings):
    """Short waits, so the test sees the kiosk go back by itself."""
    settings.LANTERN_KIOSK_THANKS_SECONDS = 2
    settings.LANTERN_KIOSK_IDLE_SECONDS = 6  # the warning shows for the last 2


@pytest.fixture
def kiosk(center, people):
    return services.create_kiosk(people.morgan, center, "Front desk")


def _fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _big_enough(page):
    """Every button and choice on the kiosk is at least 48 px tall, at arm's length."""
    for target in page.locator(".kiosk-button:visible, .kiosk-tile:visible").all():
        box = target.bounding_box()
        assert box["height"] >= 48, target.inner_text()


def _at_start(page, start):
    page.wait_for_url(page.base_url + start, timeout=15_000)
    page.get_by_role("heading", name="Welcome to The Lighthouse").wait_for()
    assert page.get_by_label("Your handle").input_value() == ""


def _sign_in_and_come_back(page, start, width, people, name):
    page.visit(start)
    page.get_by_role("heading", name="Welcome to The Lighthouse").wait_for()
    assert_accessible(page)
    _fits(page, width)
    _big_enough(page)
    page.get_by_label("Your handle").fill("river")
    page.get_by_label("Coffee").check()
    page.get_by_label("This is my first visit").check()
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_role("heading", name="Thank you. Welcome in!").wait_for()
    page.screenshot_to_docs(f"dropin-kiosk-thanks-{name}")
    assert_accessible(page)
    _fits(page, width)
    # Nobody touches it: back to the start by itself, the form empty.
    _at_start(page, start)
    visit = Visit.objects.get()
    assert (visit.person, visit.purpose, visit.first_visit) == (people.river, "coffee", True)


def test_a_visitor_signs_in_on_the_tablet_and_the_kiosk_comes_back(people, kiosk, tablet, quick):
    start = kiosk_url(kiosk.secret)
    _sign_in_and_come_back(tablet, start, TABLET["width"], people, "768")
    tablet.screenshot_to_docs("dropin-kiosk-768")

    # A guest, with nothing more said.
    tablet.get_by_role("button", name="Sign in as a guest").click()
    tablet.get_by_role("heading", name="Thank you. Welcome in!").wait_for()
    _at_start(tablet, start)
    assert Visit.objects.filter(person__isnull=True).count() == 1


def test_a_handle_typed_and_left_is_cleared_after_a_warning(people, kiosk, tablet, quick):
    start = kiosk_url(kiosk.secret)
    tablet.visit(start)
    tablet.get_by_label("Your handle").fill("sam")
    warning = tablet.get_by_role("button", name="I'm still here")
    warning.wait_for(timeout=10_000)
    assert tablet.get_by_text("Still there? This screen clears in 2 seconds").is_visible()
    assert_accessible(tablet)
    warning.click()  # the visitor is still there: what they typed stays
    assert not warning.is_visible()
    assert tablet.get_by_label("Your handle").input_value() == "sam"
    # Then they walk away: warned again, then cleared.
    warning.wait_for(timeout=10_000)
    tablet.wait_for_event("framenavigated", timeout=15_000)
    _at_start(tablet, start)
    assert not Visit.objects.exists()


def test_the_same_on_a_phone(people, kiosk, phone, quick):
    _sign_in_and_come_back(phone, kiosk_url(kiosk.secret), PHONE["width"], people, "360")
    phone.screenshot_to_docs("dropin-kiosk-360")


def test_without_javascript_the_refresh_brings_it_back(people, kiosk, phone_without_js, quick):
    """The page's <meta http-equiv="refresh"> (inside <noscript>) does the work."""
    page = phone_without_js
    start = kiosk_url(kiosk.secret)
    page.visit(start)
    _fits(page, PHONE["width"])
    page.get_by_role("button", name="Sign in as a guest").click()
    page.get_by_role("heading", name="Thank you. Welcome in!").wait_for()
    _at_start(page, start)
    # A handle typed and left: the page starts over after the idle time, the field empty.
    page.get_by_label("Your handle").fill("sam")
    page.wait_for_event("framenavigated", timeout=15_000)
    _at_start(page, start)
    assert Visit.objects.filter(person__isnull=True).count() == 1


def test_staff_read_the_counts_and_open_a_kiosk_on_this_device(people, center, phone, quick):
    """morgan, on the tablet at the front desk: the visits by day and hour, then a new kiosk,
    opened right here, which signs morgan out first."""
    old = services.create_kiosk(people.morgan, center, "Old tablet").kiosk
    for handle in ("river", "", "sam"):
        services.sign_in(old, handle=handle, as_guest=not handle)
    phone.sign_in("morgan")
    phone.visit(center.get_absolute_url())
    phone.get_by_role("heading", name="Keeping the center").wait_for()
    assert phone.get_by_text("3 visits today").is_visible()
    assert_accessible(phone)
    phone.get_by_role("link", name="Visits by day and hour").click()
    phone.get_by_role("heading", name="Day by hour").wait_for()
    phone.screenshot_to_docs("dropin-visits-360")
    assert_accessible(phone)
    _fits(phone, PHONE["width"])  # the wide table scrolls inside its own region

    phone.visit(center.get_absolute_url())
    phone.get_by_role("link", name="Opening hours").click()
    phone.get_by_role("heading", name="Opening hours").wait_for()
    assert_accessible(phone)
    _fits(phone, PHONE["width"])

    phone.visit(center.get_absolute_url())
    phone.get_by_role("link", name="Sign-in kiosks").click()
    phone.get_by_label("Name of the kiosk").fill("Front desk")
    phone.get_by_role("button", name="Start the kiosk").click()
    phone.get_by_role("heading", name="The kiosk “Front desk” is ready").wait_for()
    assert_accessible(phone)
    _fits(phone, PHONE["width"])
    phone.get_by_role("button", name="Open the kiosk on this device").click()
    phone.get_by_role("heading", name="Welcome to The Lighthouse").wait_for()
    assert "/kiosk/" in phone.url
    assert phone.get_by_text("Menu").count() == 0  # nobody signed in, no menu
    assert_accessible(phone)
