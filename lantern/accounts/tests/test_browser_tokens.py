"""A member makes a personal API token on a phone, copies it once, and an app uses it; the
pages pass axe."""

import pytest
from django.test import Client

from lantern.conftest import PASSWORD, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_makes_a_token_on_a_phone_and_an_app_uses_it(people, phone):
    phone.sign_in("river")
    phone.visit("/accounts/preferences/")
    phone.get_by_role("link", name="API tokens").click()
    assert_accessible(phone)
    phone.get_by_label("Token name").fill("step counter app")
    phone.get_by_label("Read only", exact=False).first.check()
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Make the token").click()
    secret = phone.locator("#new-token").inner_text()
    assert secret.startswith("lnt_")
    assert phone.get_by_text("it will not be shown again").is_visible()
    assert_accessible(phone)

    app = Client()
    app.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    assert app.get("/api/v1/me").json()["handle"] == "river"

    phone.get_by_role("button", name="Revoke “step counter app”").click()
    phone.get_by_text("is revoked").wait_for()
    assert app.get("/api/v1/me").status_code == 401
