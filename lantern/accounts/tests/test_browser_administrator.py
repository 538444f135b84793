"""The administrator's journey on a phone at 360 px (issue 13): alex, who runs Lantern for a
recovery community organization, opens Settings from the menu, names the site, closes open
sign-up, makes an invitation that carries a group, and checks the crisis lines and the roster.
A graduate opens the invitation link on another phone, joins, and lands in the group. Axe finds
nothing on any page; nothing is wider than the screen."""

import re

import pytest

from lantern.accounts.models import User
from lantern.community.models import Membership, Space
from lantern.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page) -> None:
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_alex_sets_up_the_site_and_a_graduate_joins_with_his_invitation(
    people, phone, second_phone
):
    Space.objects.create(
        slug="alumni", name="Alumni, spring", description="Graduates.", kind=Space.Kind.PRIVATE
    )
    alex, graduate = phone, second_phone

    alex.sign_in("alex")
    alex.get_by_text("Menu").click()
    alex.get_by_role("link", name="Settings").click()
    alex.wait_for_url("**/manage/")
    fits(alex)

    alex.get_by_role("link", name="Site", exact=True).click()
    alex.get_by_label("Site name").fill("Northside Recovery Community")
    alex.get_by_label("Anyone may join").uncheck()
    alex.get_by_role("button", name="Save").click()
    alex.wait_for_url("**/manage/")
    assert alex.locator(".wordmark").inner_text() == "Northside Recovery Community"
    fits(alex)

    alex.get_by_role("link", name="Invitations").click()
    fits(alex)
    alex.get_by_label("They join as").select_option("supporter")
    alex.get_by_label("Group to join").select_option("alumni")
    alex.get_by_label("Note").fill("Graduates, spring")
    alex.get_by_role("button", name="Make invitations").click()
    links = alex.get_by_label("Links, one per line, to copy").input_value().split()
    assert len(links) == 1 and re.search(r"/join/[A-Z2-9]{10}/$", links[0])
    fits(alex)
    alex.screenshot_to_docs("settings-invitations-360")

    alex.visit("/manage/crisis-lines/")
    assert alex.get_by_role("heading", name="Español").is_visible()
    fits(alex)
    alex.visit("/manage/on-duty/")
    alex.get_by_label("Handle").fill("jo")
    alex.get_by_label("Role").select_option("supporter")
    alex.get_by_label("For how many hours").fill("3")
    alex.get_by_role("button", name="Add to the roster").click()
    assert alex.get_by_text("jo is on the roster.").is_visible()
    fits(alex)

    graduate.visit("/accounts/signup/")
    assert graduate.get_by_role("heading", name="Joining is by invitation").is_visible()
    graduate.page.goto(links[0].replace("http://testserver", graduate.base_url))
    assert graduate.get_by_role(
        "heading", name="You are invited to Northside Recovery Community"
    ).is_visible()
    fits(graduate)
    graduate.get_by_role("link", name="Create your account").click()
    graduate.get_by_label("Handle").fill("spring_grad")
    graduate.get_by_label("Password", exact=True).fill("a long pass phrase 42")
    if graduate.get_by_label("Password (again)").count():
        graduate.get_by_label("Password (again)").fill("a long pass phrase 42")
    graduate.get_by_label(re.compile("community guidelines")).check()
    graduate.get_by_label(re.compile("privacy notice")).check()
    graduate.get_by_role("button", name="Join").click()
    graduate.wait_for_url(re.compile(r".*/(accounts/recovery-codes/)?$"))

    spring = User.objects.get(handle="spring_grad")
    assert "supporter" in spring.roles
    assert Membership.objects.get(person=spring, space__slug="alumni").status == "active"
