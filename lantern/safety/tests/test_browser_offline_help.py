"""The crisis page must open with no connection: the service worker keeps a copy."""

import pytest

from lantern.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_help_page_opens_offline_after_a_first_visit(phone):
    phone.visit("/")
    # The service worker installs and caches /help/ on the first visit to any page.
    phone.wait_for_function(
        "navigator.serviceWorker && navigator.serviceWorker.ready.then(() => true)"
    )
    phone.evaluate("navigator.serviceWorker.ready")
    phone.wait_for_function("caches.has('lantern-v1')")
    phone.wait_for_function("caches.open('lantern-v1').then(c => c.match('/help/')).then(r => !!r)")

    phone.context.set_offline(True)
    phone.visit("/help/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Need help now?"
    assert phone.get_by_role("link", name="Call 988").get_attribute("href") == "tel:988"
    assert phone.get_by_role("link", name="Call 911").is_visible()
    # Any other page that cannot load offers the crisis page instead of the browser's error.
    phone.visit("/accounts/preferences/")
    assert phone.get_by_role("heading", level=1).inner_text() == "Need help now?"
    phone.context.set_offline(False)
    assert_accessible(phone)


def test_the_crisis_page_is_accessible_on_a_phone(phone):
    phone.visit("/help/")
    assert_accessible(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
