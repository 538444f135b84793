"""On a phone: someone invited as a supporter finds their course from home, works through the
last practice scenarios (writes what they would say, sees the examples, marks them done), and
is a supporter the moment the course is complete. An administrator chooses the course a role
requires on Settings → Training. axe finds nothing on any page."""

import re

import pytest

from lantern.accounts import invitations
from lantern.accounts.models import User
from lantern.conftest import PASSWORD, assert_accessible
from lantern.core.roles import Role
from lantern.training import loader, services
from lantern.training.models import Course, PracticeAnswer, Requirement

from .conftest import finish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_an_invited_supporter_finishes_the_course_and_becomes_one(people, phone):
    loader.load_all()
    course = Course.objects.get(slug="crisis-response")
    services.require_course(people.alex, Role.SUPPORTER, course)
    (invitation,) = invitations.create(people.alex, count=1, role=Role.SUPPORTER)
    lee = User.objects.create_user("lee", PASSWORD)
    invitations.use(lee, invitation.code)
    finish(lee, course, leave=2)  # the last two scenarios are left

    phone.sign_in("lee")
    phone.get_by_text("Your new role is waiting for you").wait_for()
    assert_accessible(phone)
    phone.get_by_role("link", name="Go to the course").click()
    phone.wait_for_url(f"**{course.get_absolute_url()}")
    assert phone.get_by_text("8 of 10 done").is_visible()
    phone.screenshot_to_docs("training-course-360")
    assert_accessible(phone)
    _fits(phone)

    phone.get_by_role("link", name=re.compile("^Carry on: .I'm going to use tonight")).click()
    phone.get_by_role("heading", name="The situation").wait_for()
    assert_accessible(phone)
    _fits(phone)
    phone.get_by_label("What would you say?").fill(
        "Thank you for telling me instead of just going. I'm here. What's going on tonight?"
    )
    phone.get_by_role("button", name="Save and see the examples").click()
    phone.get_by_role("heading", name="Example responses").wait_for()
    assert phone.get_by_text("Only you can read this.").first.is_visible()
    assert phone.get_by_role("heading", name="When to hand off").is_visible()
    phone.screenshot_to_docs("training-360")
    assert_accessible(phone)
    _fits(phone)
    phone.get_by_role("button", name="Mark as done").click()

    # The last scenario: straight to the examples, without writing.
    phone.get_by_role("heading", name="The situation").wait_for()
    phone.get_by_role("link", name="Skip writing and see the examples").click()
    phone.get_by_role("heading", name="What to avoid").wait_for()
    assert_accessible(phone)
    phone.get_by_role("button", name="Mark as done").click()
    phone.get_by_text("You completed “Responding to a peer in crisis").wait_for()
    assert_accessible(phone)

    assert Role.SUPPORTER in User.objects.get(handle="lee").roles
    assert PracticeAnswer.objects.filter(person=lee).count() == 1
    # Now a supporter: "Training" is in the menu.
    phone.get_by_text("Menu").click()
    assert phone.locator(".menu").get_by_role("link", name="Training").is_visible()


def test_an_administrator_requires_the_course_for_moderators(people, phone):
    loader.load_all()
    course = Course.objects.get(slug="crisis-response")
    finish(people.jo, course)
    phone.sign_in("alex")
    phone.visit("/manage/")
    phone.get_by_role("link", name="Training").first.click()
    phone.get_by_role("heading", name="Courses each role requires").wait_for()
    assert_accessible(phone)
    _fits(phone)
    phone.get_by_label("Moderator").select_option(course.slug)
    phone.get_by_role("button", name="Save").click()
    phone.get_by_text("Saved. People who hold a role already keep it.").wait_for()
    assert Requirement.objects.get(role=Role.MODERATOR).course == course
    assert phone.get_by_role("cell", name="jo").is_visible()
    phone.screenshot_to_docs("training-settings-360")
    assert_accessible(phone)
