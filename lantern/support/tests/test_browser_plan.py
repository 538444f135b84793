"""On phones (360 px), the plan together: casey, with river's consent to her plan, adds a goal
with a step, changes it and ticks a step on river's plan; river opens her plan, sees "added by
casey", the done date and the change log, and ticks a step of her own that casey then sees.
axe finds nothing on any of these pages."""

import pytest
from django.urls import reverse

from lantern.conftest import assert_accessible
from lantern.recovery import services as recovery
from lantern.recovery.models import Goal

from .conftest import open_engagement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_casey_and_river_edit_the_plan_side_by_side(people, phone, second_phone):
    casey, river = phone, second_phone
    engagement = open_engagement(people.casey, people.river, scopes=["plan", "notes"])
    recovery.save_goal(people.river, title="Sleep by eleven")

    casey.sign_in("casey")
    casey.visit(reverse("support-plan", args=[engagement.pk]))
    assert_accessible(casey)
    casey.get_by_role("link", name="Add a goal").click()
    assert_accessible(casey)
    casey.get_by_label("Goal", exact=True).fill("Find a part-time job")
    casey.get_by_label("Steps (one a line)").fill("Update my CV")
    casey.get_by_role("button", name="Add goal").click()
    casey.get_by_text("The goal is in the member's plan.").wait_for()
    goal = Goal.objects.get(created_by=people.casey)
    assert goal.title == "Find a part-time job"
    # Each goal's own pages: change it, or add a step on its own page.
    casey.get_by_role("link", name="Find a part-time job").click()
    casey.get_by_label("Status").select_option("in_progress")
    assert_accessible(casey)
    casey.get_by_role("button", name="Save goal").click()
    casey.get_by_text("Goal saved.").wait_for()
    casey.visit(reverse("support-plan-step-add", args=[engagement.pk, goal.pk]))
    assert_accessible(casey)
    casey.visit(reverse("support-plan", args=[engagement.pk]))

    # A step on river's own goal, from the plan page, then a tick.
    casey.get_by_label("A step (Sleep by eleven)").fill("Phone out of the bedroom")
    casey.get_by_role("button", name="Add step (Sleep by eleven)").click()
    casey.get_by_text("Step added.").wait_for()
    casey.get_by_role("button", name="Update my CV").click()
    casey.get_by_role("button", name="Update my CV", pressed=True).wait_for()
    assert_accessible(casey)
    assert casey.evaluate("document.documentElement.scrollWidth") <= 360

    river.sign_in("river")
    river.visit(reverse("recovery-plan"))
    assert river.get_by_text("added by casey").first.is_visible()
    assert river.get_by_text("Done", exact=False).first.is_visible()
    river.get_by_text("Changes", exact=False).first.click()  # open the <details>
    river.get_by_text("casey added the goal", exact=False).first.wait_for()
    assert_accessible(river)
    assert river.evaluate("document.documentElement.scrollWidth") <= 360
    river.get_by_role("link", name="Sleep by eleven").click()
    river.get_by_role("button", name="Phone out of the bedroom").click()
    river.get_by_role("button", name="Phone out of the bedroom", pressed=True).wait_for()
    assert_accessible(river)

    casey.visit(reverse("support-plan", args=[engagement.pk]))
    casey.get_by_role("button", name="Phone out of the bedroom", pressed=True).wait_for()
    casey.get_by_text("Changes", exact=False).first.click()
    casey.get_by_text("river ticked the step", exact=False).first.wait_for()
    assert_accessible(casey)
