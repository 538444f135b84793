"""A newcomer's first visit, in Chromium on a 360 px phone screen."""

import pytest

from lantern.accounts.models import ConsentRecord, User
from lantern.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_up(page, handle):
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Password", exact=True).fill("a-long-demo-passphrase-2026")
    page.get_by_label("Password (again)").fill("a-long-demo-passphrase-2026")
    page.get_by_label("I have read and accept the community guidelines").check()
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Join", exact=True).click()


def test_a_new_visitor_signs_up_lands_home_and_opens_help(phone):
    phone.visit("/")
    assert phone.get_by_role("heading", level=1).inner_text() == "You don't have to do this alone."
    assert_accessible(phone)
    phone.screenshot_to_docs("landing-360")

    phone.get_by_role("link", name="Join", exact=True).click()
    phone.wait_for_url("**/accounts/signup/")
    assert_accessible(phone)
    # A mistake first: the consent boxes left empty. The form says what to fix, keeps the rest.
    phone.get_by_label("Handle").fill("new_dawn")
    phone.get_by_label("Password", exact=True).fill("a-long-demo-passphrase-2026")
    phone.get_by_label("Password (again)").fill("a-long-demo-passphrase-2026")
    phone.get_by_role("button", name="Join", exact=True).click()
    if phone.url.endswith("/accounts/signup/"):  # the browser's own required-field check
        assert phone.get_by_label("Handle").input_value() == "new_dawn"
    assert not User.objects.filter(handle="new_dawn").exists()

    sign_up(phone, "new_dawn")
    phone.wait_for_url(phone.base_url + "/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Welcome, new_dawn"
    assert phone.get_by_role("link", name="Make recovery codes").is_visible()
    assert_accessible(phone)
    phone.screenshot_to_docs("home-360")

    user = User.objects.get(handle="new_dawn")
    assert user.roles == {"member"}
    assert user.time_zone == "America/Chicago"  # filled in from the browser
    assert ConsentRecord.objects.filter(user=user).count() == 2

    phone.get_by_role("link", name="Need help now?").click()
    phone.wait_for_url("**/help/")
    assert phone.get_by_role("link", name="Call 988").get_attribute("href") == "tel:988"
    assert phone.get_by_role("link", name="Text 988").get_attribute("href") == "sms:988"
    assert_accessible(phone)
    phone.screenshot_to_docs("help-360")
    # Nothing overflows the narrow screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_signing_up_works_with_javascript_turned_off(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/accounts/signup/")
        sign_up(page, "no_js_friend")
        page.wait_for_url(live_server.url + "/")
        assert page.get_by_role("heading", level=1).inner_text() == "Welcome, no_js_friend"
        # The language switch is a plain form too.
        page.get_by_label("Language").select_option("es")
        page.get_by_role("button", name="Change").click()
        assert page.locator("html").get_attribute("lang") == "es"
    finally:
        context.close()
