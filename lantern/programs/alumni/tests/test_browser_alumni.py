"""On a 360 px phone: a graduate, new to Lantern, opens the printed link of her invite code,
is sent to sign in, joins Lantern, comes back to the code, joins her cohort and lands on its
page; casey makes a code on her phone and sees it once; a graduate answers a check-in with
JavaScript off. axe finds nothing on the pages of the journeys with scripts on, and nothing is
wider than the screen."""

import re

import pytest
from django.test import Client

from lantern.accounts.models import User
from lantern.community.models import Membership
from lantern.conftest import assert_accessible, log_in
from lantern.core.tests.test_browser_first_visit import sign_up
from lantern.programs.alumni import services
from lantern.programs.alumni.models import CheckIn, CodeUse, InviteCode

from .conftest import make_due

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_new_graduate_joins_her_cohort_with_an_invite_code(people, cohort, new_code, phone):
    phone.visit(new_code.link)
    # Not signed in: the sign-in page, which remembers where to come back to.
    phone.wait_for_url(re.compile(r".*/accounts/login/\?next=.*"))
    assert_accessible(phone)
    phone.get_by_role("main").get_by_role("link", name="Join", exact=True).click()
    phone.wait_for_url(re.compile(r".*/accounts/signup/\?next=.*"))
    sign_up(phone, "spring_grad")

    # Back at the code, filled in.
    phone.get_by_role("heading", name="Join with a code").wait_for()
    assert phone.get_by_label("Your code").input_value() == new_code.shown
    assert_accessible(phone)
    _fits(phone)
    phone.screenshot_to_docs("alumni-join-360")
    phone.get_by_role("button", name="Join the cohort").click()

    # On the cohort's page, welcomed.
    phone.get_by_role("heading", name="Graduates, March 2026", level=1).wait_for()
    assert phone.get_by_text("Welcome to Graduates, March 2026, Northside Alumni.").is_visible()
    assert phone.get_by_role("link", name="The cohort's group").is_visible()
    assert phone.get_by_role("heading", name="Your check-ins").is_visible()
    assert_accessible(phone)
    _fits(phone)
    phone.screenshot_to_docs("alumni-cohort-360")

    grad = User.objects.get(handle="spring_grad")
    assert Membership.objects.filter(person=grad, space=cohort.space, status="active").exists()
    assert Membership.objects.filter(person=grad, space=cohort.program.space).exists()
    assert CheckIn.objects.filter(person=grad).count() == 3
    assert CodeUse.objects.get(person=grad).code == new_code.code

    # The program's page, from the cohort's.
    phone.get_by_role("link", name="The program").click()
    phone.get_by_role("heading", name="Your aftercare").wait_for()
    assert_accessible(phone)
    _fits(phone)


def test_a_wrong_code_is_explained_on_the_phone(people, cohort, new_code, phone, live_server):
    session = log_in(Client(), people.sam).cookies["sessionid"].value
    phone.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    phone.visit("/alumni/join/")
    phone.get_by_label("Your code").fill("ABCDE-FGHJK")
    phone.get_by_role("button", name="Join the cohort").click()
    phone.get_by_text("That code is not right. Check it and try again.").wait_for()
    assert_accessible(phone)
    _fits(phone)
    assert not CodeUse.objects.exists()


def test_casey_makes_a_code_and_sees_it_once(people, cohort, phone):
    phone.sign_in("casey")
    phone.visit(cohort.get_absolute_url())
    phone.get_by_role("heading", name="Invite codes").wait_for()
    assert_accessible(phone)
    _fits(phone)
    phone.get_by_role("link", name="Make a code").click()
    phone.get_by_label("How many people may use it").fill("12")
    phone.get_by_label("For how many days").fill("21")
    assert_accessible(phone)
    phone.get_by_role("button", name="Make the code").click()
    phone.get_by_text("This is the only time the code is shown.").wait_for()
    code = phone.locator(".invite-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code)
    assert f"/alumni/join/?code={code}" in phone.locator(".invite-link").inner_text()
    assert_accessible(phone)
    _fits(phone)
    phone.screenshot_to_docs("alumni-code-360")
    saved = InviteCode.objects.get()
    assert saved.uses_allowed == 12 and saved.digest == services.digest_of(code)
    # Back on the cohort, the code is listed by how it ends, never in full.
    phone.get_by_role("link", name="Back to the cohort").click()
    phone.get_by_text(f"Code ending in {code[-3:]}").wait_for()
    assert code not in phone.content()


def test_a_graduate_answers_a_check_in_with_javascript_turned_off(
    people, graduate, browser, live_server
):
    checkin = make_due(people.river, 30)
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=False)
    session = log_in(Client(), people.river).cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page = context.new_page()
    try:
        page.goto(live_server.url + checkin.get_absolute_url())
        page.get_by_label("I'd like someone to call me").check()
        page.get_by_label("Anything you'd like to add").fill("Work has been a lot.")
        page.get_by_role("button", name="Send").click()
        # (No axe here: it runs as a script, and scripts are off. The other journeys check.)
        page.get_by_text("The program's staff have been told").wait_for()
        assert page.url.endswith("/alumni/")
    finally:
        context.close()
    checkin.refresh_from_db()
    assert checkin.answer == "call" and checkin.note == "Work has been a lot."
