"""The plan pages ask the database a fixed number of times however many goals, steps and
changes the plan has: measured with one goal, then held to that with twenty goals of three steps
each, added and ticked by both river and casey (so every "added by" and every change row has a
person to name)."""

import pytest
from django.urls import reverse

from lantern.recovery import services as recovery
from lantern.support import services

pytestmark = pytest.mark.django_db

GOALS = 20


def fill(people, engagement, goals: int) -> None:
    for n in range(goals):
        if n % 2:
            goal = services.add_plan_goal(
                people.casey, engagement, title=f"Goal {n}", steps=f"Step {n}.0\nStep {n}.1"
            ).obj
        else:
            goal = recovery.save_goal(people.river, title=f"Goal {n}").obj
            recovery.add_step(people.river, goal, f"Step {n}.0")
            recovery.add_step(people.casey, goal, f"Step {n}.1")
        recovery.add_step(people.river, goal, f"Step {n}.2")
        recovery.toggle_step(people.casey, goal.steps.first())
        recovery.add_goal_note(people.river, goal, f"Note {n}")


def count(client, url, django_assert_max_num_queries, limit=40) -> tuple[int, str]:
    with django_assert_max_num_queries(limit) as queries:
        page = client.get(url)
    assert page.status_code == 200
    return len(queries.captured_queries), page.content.decode()


def test_the_specialists_plan_page_with_twenty_goals(
    people, signed_in, engagement, django_assert_max_num_queries
):
    casey = signed_in(people.casey)
    url = reverse("support-plan", args=[engagement.pk])
    fill(people, engagement, 1)
    small, _ = count(casey, url, django_assert_max_num_queries)
    fill(people, engagement, GOALS)
    large, page = count(casey, url, django_assert_max_num_queries, limit=small)
    assert large == small
    assert page.count('class="link step-toggle"') == 3 * (GOALS + 1)
    assert page.count("added by casey") >= GOALS


def test_the_members_plan_page_with_twenty_goals(
    people, signed_in, engagement, django_assert_max_num_queries
):
    river = signed_in(people.river)
    url = reverse("recovery-plan")
    fill(people, engagement, 1)
    small, _ = count(river, url, django_assert_max_num_queries)
    fill(people, engagement, GOALS)
    large, page = count(river, url, django_assert_max_num_queries, limit=small)
    assert large == small
    assert page.count("added by casey") >= GOALS
    assert "Changes" in page


def test_the_members_goal_page_with_many_steps(
    people, signed_in, engagement, django_assert_max_num_queries
):
    goal = services.add_plan_goal(people.casey, engagement, title="Walk", steps="A").obj
    river = signed_in(people.river)
    url = reverse("recovery-goal", args=[goal.pk])
    small, _ = count(river, url, django_assert_max_num_queries)
    for n in range(20):
        recovery.add_step(people.casey if n % 2 else people.river, goal, f"Step {n}")
    large, page = count(river, url, django_assert_max_num_queries, limit=small)
    assert large == small and page.count("added by casey") == 12  # the goal, "A" and ten
