"""Editing a member's plan with someone: another app registers who else may change a member's
goals (`access.register_plan_editor`); recovery asks on every change, records who made it and
when it was done (on the member's calendar), audits it and tells the member. Here the rule is
a stand-in ("river lets jo edit while `allowed` says so"); support's real rule is tested in
support/tests/test_plan_together.py."""

import datetime

import pytest
import time_machine
from django.http import Http404
from django.urls import reverse

from lantern.core import audit
from lantern.core.errors import NotFound
from lantern.core.models import AuditEvent, Notification
from lantern.recovery import access, services
from lantern.recovery.models import Goal, PlanChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def jo_may_edit(people, monkeypatch):
    """river lets jo edit her goals while the returned dict says so."""
    allowed = {"now": True}
    editors = []
    monkeypatch.setattr(access, "_plan_editors", editors)
    access.register_plan_editor(
        lambda user, member: allowed["now"] and (user, member) == (people.jo, people.river)
    )
    return allowed


def test_nobody_else_edits_a_plan_without_a_registered_rule(people, monkeypatch):
    monkeypatch.setattr(access, "_plan_editors", [])
    assert access.can_edit_plan_of(people.river, people.river)
    assert not access.can_edit_plan_of(people.jo, people.river)
    with pytest.raises(NotFound):
        services.save_goal(people.jo, member=people.river, title="Walk")
    assert not Goal.objects.exists()


def test_the_rule_is_asked_on_every_change(people, jo_may_edit):
    goal = services.save_goal(people.jo, member=people.river, title="Walk").obj
    assert goal.member == people.river and goal.created_by == people.jo
    step = services.add_step(people.jo, goal, "Shoes").obj
    assert step.created_by == people.jo
    jo_may_edit["now"] = False
    with pytest.raises(NotFound):
        services.toggle_step(people.jo, step)
    with pytest.raises(NotFound):
        services.add_goal_note(people.jo, goal, "Nice")
    step.refresh_from_db()
    assert not step.done


def test_a_registered_rule_never_lets_anyone_delete_or_touch_the_lists(people, jo_may_edit):
    goal = services.save_goal(people.river, title="Walk").obj
    with pytest.raises(NotFound):
        services.delete_goal(people.jo, goal)
    item = services.save_plan_item(people.river, kind="reason", text="My kids").obj
    with pytest.raises(NotFound):
        services.save_plan_item(people.jo, kind="reason", text="Changed", item=item)
    with pytest.raises(NotFound):
        services.delete_plan_item(people.jo, item)
    assert Goal.objects.count() == 1


def test_an_inactive_or_signed_out_person_edits_nothing(people, jo_may_edit):
    people.jo.is_active = False
    assert not access.can_edit_plan_of(people.jo, people.river)
    people.jo.is_active = True
    assert access.can_edit_plan_of(people.jo, people.river)
    assert not access.can_edit_plan_of(people.jo, None)


def test_changes_by_someone_else_are_audited_told_once_and_logged(people, signed_in, jo_may_edit):
    goal = services.save_goal(people.jo, member=people.river, title="Walk").obj
    services.add_step(people.jo, goal, "Shoes")
    services.add_step(people.river, goal, "Socks")
    told = Notification.objects.filter(recipient=people.river, kind="recovery.plan_edit")
    assert told.count() == 1 and told.get().actor == people.jo
    told.update(read_at=datetime.datetime.now(tz=datetime.UTC))
    services.add_step(people.jo, goal, "Water")  # read the last one: this is news again
    assert told.count() == 2
    later = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=2)
    with time_machine.travel(later):
        services.add_step(people.jo, goal, "Map")  # unread, but another sitting: news again
    assert told.count() == 3
    edits = AuditEvent.objects.filter(action="recovery.plan_edit")
    assert edits.count() == 4 and {e.actor for e in edits} == {people.jo}
    assert {e.target for e in edits} == {audit.target_of(goal)}
    assert [c.action for c in PlanChange.objects.order_by("pk")] == [
        "goal_added",
        "step_added",
        "step_added",
        "step_added",
        "step_added",
    ]
    page = signed_in(people.river).get(reverse("recovery-sharing")).content.decode()
    assert "recovery plan (changed it)" in page


def test_the_members_own_changes_are_logged_but_not_audited(people):
    goal = services.save_goal(people.river, title="Walk").obj
    services.save_goal(people.river, goal=goal, title="Walk daily")
    services.save_goal(people.river, goal=goal, title="Walk daily")  # nothing changed
    services.save_goal(people.river, goal=goal, title="Walk daily", status="done")
    services.save_goal(people.river, goal=goal, title="Walk daily", status="paused")
    actions = [c.action for c in PlanChange.objects.order_by("pk")]
    assert actions == ["goal_added", "goal_changed", "goal_done", "goal_reopened"]
    assert not AuditEvent.objects.filter(action="recovery.plan_edit").exists()
    assert not Notification.objects.filter(kind="recovery.plan_edit").exists()


def test_a_goal_keeps_the_day_it_was_first_done(people):
    people.river.time_zone = "America/Chicago"
    people.river.save(update_fields=["time_zone"])
    # 03:00 UTC on 2 Dec is still the evening of 1 Dec in Chicago.
    with time_machine.travel(datetime.datetime(2026, 12, 2, 3, tzinfo=datetime.UTC), tick=False):
        goal = services.save_goal(people.river, title="Walk", status="done").obj
    assert goal.done_on == datetime.date(2026, 12, 1)
    with time_machine.travel(datetime.datetime(2026, 12, 5, 15, tzinfo=datetime.UTC), tick=False):
        services.save_goal(people.river, goal=goal, title="Walk far", status="done")
    goal.refresh_from_db()
    assert goal.done_on == datetime.date(2026, 12, 1)  # still done: the day stays
    services.save_goal(people.river, goal=goal, title="Walk far", status="in_progress")
    goal.refresh_from_db()
    assert goal.done_on is None


def test_the_loaders_for_editors_answer_404_for_anyone_else(people, jo_may_edit):
    goal = services.save_goal(people.river, title="Walk").obj
    step = services.add_step(people.river, goal, "Shoes").obj
    assert access.get_plan_goal_for(people.jo, people.river, goal.pk) == goal
    assert access.get_plan_step_for(people.jo, people.river, step.pk) == step
    with pytest.raises(Http404):
        access.get_plan_goal_for(people.jo, people.sam, goal.pk)  # not sam's goal
    for person in (people.sam, people.casey):
        with pytest.raises(Exception):  # noqa: B017 — Http404 either way
            access.get_plan_goal_for(person, people.river, goal.pk)
        with pytest.raises(Exception):  # noqa: B017
            access.get_plan_step_for(person, people.river, step.pk)


def test_shared_plan_readers_see_no_change_log_and_not_who_added_what(
    people, signed_in, jo_may_edit
):
    """Who else edits river's plan (her peer specialist, say) is not for everyone she shares
    the plan with: it would tell them she works with one."""
    goal = services.save_goal(people.jo, member=people.river, title="Walk").obj
    services.add_step(people.jo, goal, "Shoes")
    services.grant_access(people.river, "sam", ["plan"])
    page = signed_in(people.sam).get(reverse("recovery-shared-plan", args=["river"]))
    assert "Walk" in page.content.decode() and "Shoes" in page.content.decode()
    assert "plan-changes" not in page.content.decode()
    assert "added by" not in page.content.decode()
    assert "added by jo" in signed_in(people.river).get(reverse("recovery-plan")).content.decode()
