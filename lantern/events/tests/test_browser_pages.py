"""On a phone: clubs, volunteering (sign up for a shift) and stories (write one) work at 360 px
and axe finds nothing on any of their pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.conftest import assert_accessible
from lantern.events import services, stories, volunteering

from .helpers import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clubs_volunteering_and_stories_on_a_phone(people, phone):
    club = services.create_club(people.jo, "Lakefront Walkers", "Walk by the lake.").obj
    make_event(people.jo, title="Saturday walk", club=club, capacity=10)
    opportunity = volunteering.create_opportunity(
        people.jo, "Greeter at the drop-in center", "Say hello at the door."
    ).obj
    starts = timezone.now() + timedelta(days=2)
    volunteering.add_shift(
        people.jo, opportunity, starts, starts + timedelta(hours=3), "America/Chicago", 2
    )
    told = stories.write_story(people.sam, "Cards on the table", "Three years now.").obj
    stories.publish_story(people.morgan, told)

    river = phone
    river.sign_in("river")
    river.visit(reverse("events-list"))
    river.get_by_role("link", name="Clubs").click()
    assert_accessible(river)
    river.get_by_role("link", name="Lakefront Walkers").click()
    river.get_by_role("button", name="Join the club").click()
    river.get_by_text("Welcome to Lakefront Walkers.").wait_for()
    assert river.get_by_role("link", name="Saturday walk").is_visible()
    assert_accessible(river)

    river.visit(reverse("events-volunteer"))
    assert_accessible(river)
    river.get_by_role("link", name="Greeter at the drop-in center").click()
    river.get_by_role("button", name="Sign me up").click()
    river.get_by_text("You are signed up.").wait_for()
    assert_accessible(river)
    river.visit(reverse("events-service-summary"))
    assert_accessible(river)

    river.visit(reverse("events-stories"))
    assert_accessible(river)
    river.get_by_role("link", name="Cards on the table").click()
    assert_accessible(river)
    river.visit(reverse("events-story-new"))
    river.get_by_label("Title").fill("Day 94")
    river.get_by_label("Your story").fill("I started again in August. Mornings are easier now.")
    river.get_by_label("Alcohol").check()
    river.get_by_role("button", name="Send to a moderator").click()
    river.get_by_text("A moderator will read it before others do.").wait_for()
    assert_accessible(river)
    assert river.evaluate("document.documentElement.scrollWidth") <= 360
