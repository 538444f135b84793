"""The plan together: with river's consent to her plan, casey (her peer specialist) edits
river's goals side by side with her. Each change says who made it (on both sides), goals and
steps carry the day they were done on river's calendar, river is told and sees casey's changes
in "Who looked" and in the engagement's access history. Without consent, or once river
withdraws it, casey gets 404 and nothing changes."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from lantern.accounts import services as accounts
from lantern.accounts.models import User
from lantern.core import notification_kinds
from lantern.core.errors import NotFound
from lantern.core.models import AuditEvent, Notification
from lantern.recovery import services as recovery
from lantern.recovery.models import Goal, GoalStep, PlanChange
from lantern.recovery.services import base as recovery_base
from lantern.safety.contexts import Context
from lantern.support import services

from .conftest import open_engagement

pytestmark = pytest.mark.django_db

D = datetime.date


def words(response) -> str:
    """The page's text as a person reads it: tags out, spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def plan_url(engagement, name="support-plan", **kwargs):
    return reverse(name, kwargs={"pk": engagement.pk, **kwargs})


def test_casey_adds_a_goal_and_river_sees_who_added_it_and_is_told(people, signed_in, engagement):
    casey = signed_in(people.casey)
    page = casey.get(plan_url(engagement))
    assert plan_url(engagement, "support-plan-goal-new") in page.content.decode()
    assert casey.get(plan_url(engagement, "support-plan-goal-new")).status_code == 200
    response = casey.post(
        plan_url(engagement, "support-plan-goal-new"),
        {"title": "Find a part-time job", "steps": "Update my CV\n\nCall Second Chance Jobs"},
    )
    goal = Goal.objects.get(member=people.river)
    assert response.status_code == 302
    assert response["Location"] == plan_url(engagement) + f"#goal-{goal.pk}"
    assert goal.created_by == people.casey and goal.title == "Find a part-time job"
    steps = list(goal.steps.all())
    assert [s.text for s in steps] == ["Update my CV", "Call Second Chance Jobs"]
    assert all(s.created_by == people.casey for s in steps)

    # One piece of news for the goal and its steps, in casey's name; neutral outside the app.
    told = Notification.objects.get(recipient=people.river, kind="recovery.plan_edit")
    assert notification_kinds.title(told) == "casey changed your recovery plan"
    assert notification_kinds.neutral_title(told) == "Your recovery plan changed"
    assert told.url == reverse("recovery-plan")

    river = signed_in(people.river)
    mine = words(river.get(reverse("recovery-plan")))
    assert "Find a part-time job" in mine
    assert "added by casey" in mine
    assert mine.count("added by casey") == 3  # the goal and both steps
    goal_page = words(river.get(reverse("recovery-goal", args=[goal.pk])))
    assert "added by casey" in goal_page


def test_river_ticks_a_step_and_the_done_date_shows_on_both_sides(people, signed_in, engagement):
    services.add_plan_goal(
        people.casey, engagement, title="Sleep by eleven", steps="Phone out of the bedroom"
    )
    step = GoalStep.objects.get()
    river = signed_in(people.river)
    river.post(reverse("recovery-step-toggle", args=[step.pk]))
    step.refresh_from_db()
    goal = step.goal
    goal.refresh_from_db()
    today = recovery.today_for(people.river)
    assert step.done and step.done_on == today
    assert goal.status == Goal.Status.DONE and goal.done_on == today  # its only step
    shown = f"{today.day} {today:%b %Y}"
    mine = words(river.get(reverse("recovery-plan")))
    assert f"done {shown}" in mine and f"Done {shown}" in mine
    theirs = words(signed_in(people.casey).get(plan_url(engagement)))
    assert f"done {shown}" in theirs and f"Done {shown}" in theirs
    # Unticking it takes the step and its goal back, and their done dates go.
    river.post(reverse("recovery-step-toggle", args=[step.pk]))
    step.refresh_from_db()
    goal.refresh_from_db()
    assert not step.done and step.done_on is None
    assert goal.status == Goal.Status.IN_PROGRESS and goal.done_on is None


def test_casey_adds_and_ticks_steps_and_marks_a_goal_done(people, signed_in, engagement):
    goal = recovery.save_goal(people.river, title="Walk daily").obj
    casey = signed_in(people.casey)
    page = casey.get(plan_url(engagement)).content.decode()
    assert plan_url(engagement, "support-plan-step-add", goal=goal.pk) in page
    response = casey.post(
        plan_url(engagement, "support-plan-step-add", goal=goal.pk), {"text": "Buy shoes"}
    )
    assert response.status_code == 302
    step = goal.steps.get()
    assert step.created_by == people.casey
    casey.post(plan_url(engagement, "support-plan-step-toggle", step=step.pk))
    step.refresh_from_db()
    goal.refresh_from_db()
    assert step.done and step.done_on is not None and goal.status == Goal.Status.DONE
    # A goal without steps is marked done by hand, and can be reopened.
    other = recovery.save_goal(people.river, title="Call my sister").obj
    casey.post(plan_url(engagement, "support-plan-goal-done", goal=other.pk))
    other.refresh_from_db()
    assert other.status == Goal.Status.DONE and other.done_on == recovery.today_for(people.river)
    casey.post(plan_url(engagement, "support-plan-goal-done", goal=other.pk), {"done": "no"})
    other.refresh_from_db()
    assert other.status == Goal.Status.IN_PROGRESS and other.done_on is None
    assert goal.created_by == people.river  # river's own goal stays hers
    assert "added by river" in words(casey.get(plan_url(engagement)))


def test_the_change_log_lists_both_peoples_changes(people, signed_in, engagement):
    goal = services.add_plan_goal(people.casey, engagement, title="Get my licence back").obj
    recovery.add_step(people.river, goal, "Call the DMV")
    step = goal.steps.get()
    recovery.toggle_step(people.river, step)
    recovery.add_goal_note(people.casey, goal, "Booked the test")
    log = [(c.actor.handle, c.action, c.target) for c in PlanChange.objects.order_by("pk")]
    assert log == [
        ("casey", "goal_added", "Get my licence back"),
        ("river", "step_added", "Call the DMV"),
        ("river", "step_done", "Call the DMV"),
        ("river", "goal_done", "Get my licence back"),
        ("casey", "note_added", "Get my licence back"),
    ]
    mine = words(signed_in(people.river).get(reverse("recovery-plan")))
    assert "Changes (5 changes)" in mine
    assert "casey added the goal “Get my licence back”" in mine
    assert "You ticked the step “Call the DMV”" in mine
    assert "casey added a progress note to “Get my licence back”" in mine
    theirs = words(signed_in(people.casey).get(plan_url(engagement)))
    assert "river ticked the step “Call the DMV”" in theirs
    assert "casey added the goal “Get my licence back”" in theirs


def test_the_change_log_is_encrypted_and_outlives_a_deleted_goal(people, signed_in, engagement):
    goal = services.add_plan_goal(people.casey, engagement, title="Finish my GED").obj
    recovery.delete_goal(people.river, goal)
    change = PlanChange.objects.get(action="goal_deleted")
    assert change.actor == people.river and change.goal is None
    assert PlanChange.objects.get(action="goal_added").goal is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT target FROM recovery_planchange")
        stored = [row[0] for row in cursor.fetchall()]
    assert stored and all(s.startswith("gAAAA") and "GED" not in s for s in stored)
    assert "You deleted the goal “Finish my GED”" in words(
        signed_in(people.river).get(reverse("recovery-plan"))
    )


def test_a_long_goal_is_named_shortly_in_the_log(people, engagement):
    services.add_plan_goal(people.casey, engagement, title="x" * 300)
    target = PlanChange.objects.get().target
    assert len(target) == 120 and target.endswith("…")


def test_without_consent_to_the_plan_casey_gets_404_and_nothing_changes(people, signed_in):
    engagement = open_engagement(people.casey, people.river, scopes=["notes"])
    goal = recovery.save_goal(people.river, title="Walk daily").obj
    step = recovery.add_step(people.river, goal, "Buy shoes").obj
    before = PlanChange.objects.count()
    _assert_locked_out(signed_in(people.casey), engagement, goal, step)
    with pytest.raises(NotFound):
        recovery.save_goal(people.casey, member=people.river, title="Sneaky")
    with pytest.raises(NotFound):
        recovery.add_step(people.casey, goal, "Sneaky")
    with pytest.raises(NotFound):
        recovery.toggle_step(people.casey, step)
    with pytest.raises(NotFound):
        services.add_plan_goal(people.casey, engagement, title="Sneaky")
    _assert_unchanged(people, goal, step, before)


def test_after_river_withdraws_consent_casey_is_locked_out_at_once(people, signed_in, engagement):
    goal = services.add_plan_goal(people.casey, engagement, title="Walk", steps="Shoes").obj
    step = goal.steps.get()
    casey = signed_in(people.casey)
    assert casey.get(plan_url(engagement, "support-plan-goal-new")).status_code == 200
    services.revoke_consent(people.river, engagement)
    before = PlanChange.objects.count()
    _assert_locked_out(casey, engagement, goal, step)
    with pytest.raises(NotFound):
        recovery.add_step(people.casey, goal, "Sneaky")
    _assert_unchanged(people, goal, step, before, title="Walk", steps=1)


def test_nobody_else_reaches_the_editing_pages(people, signed_in, engagement):
    """Not another member, not another specialist's colleague, not the member herself (she
    edits her plan on her own pages), not a moderator or an administrator."""
    goal = recovery.save_goal(people.river, title="Walk daily").obj
    step = recovery.add_step(people.river, goal, "Buy shoes").obj
    before = PlanChange.objects.count()
    for person in (people.sam, people.jo, people.morgan, people.alex, people.river):
        _assert_locked_out(signed_in(person), engagement, goal, step)
    _assert_unchanged(people, goal, step, before)


def test_a_goal_of_someone_else_is_not_reachable_through_rivers_engagement(people, signed_in):
    engagement = open_engagement(people.casey, people.river)
    open_engagement(people.casey, people.sam)
    sams = recovery.save_goal(people.sam, title="Sam's goal").obj
    sams_step = recovery.add_step(people.sam, sams, "Sam's step").obj
    casey = signed_in(people.casey)
    url = plan_url(engagement, "support-plan-step-add", goal=sams.pk)
    assert casey.post(url, {"text": "Wrong plan"}).status_code == 404
    url = plan_url(engagement, "support-plan-step-toggle", step=sams_step.pk)
    assert casey.post(url).status_code == 404
    with pytest.raises(NotFound):
        services.add_plan_step(people.casey, engagement, sams, "Wrong plan")
    assert sams.steps.count() == 1 and not sams.steps.get().done


def _assert_locked_out(client, engagement, goal, step):
    assert client.get(plan_url(engagement, "support-plan-goal-new")).status_code == 404
    url = plan_url(engagement, "support-plan-goal-new")
    assert client.post(url, {"title": "Sneaky"}).status_code == 404
    url = plan_url(engagement, "support-plan-goal-edit", goal=goal.pk)
    assert client.get(url).status_code == 404
    data = {"title": "Sneaky", "status": "done"}
    assert client.post(url, data).status_code == 404
    url = plan_url(engagement, "support-plan-step-add", goal=goal.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Sneaky"}).status_code == 404
    url = plan_url(engagement, "support-plan-step-toggle", step=step.pk)
    assert client.post(url).status_code == 404
    url = plan_url(engagement, "support-plan-goal-done", goal=goal.pk)
    assert client.post(url).status_code == 404


def _assert_unchanged(people, goal, step, changes, title="Walk daily", steps=1):
    assert PlanChange.objects.count() == changes
    assert list(Goal.objects.filter(member=people.river).values_list("title", flat=True)) == [title]
    goal.refresh_from_db()
    step.refresh_from_db()
    assert goal.steps.count() == steps and not step.done and goal.status != Goal.Status.DONE
    assert not AuditEvent.objects.filter(action="recovery.plan_edit", target__gt="").exclude(
        actor=people.casey
    )


@pytest.mark.parametrize(
    ("utc", "day"),
    [
        # Auckland is 13 hours ahead in December: 10:59 UTC is 23:59 there, 11:00 is midnight.
        (datetime.datetime(2026, 12, 1, 10, 59, tzinfo=datetime.UTC), D(2026, 12, 1)),
        (datetime.datetime(2026, 12, 1, 11, 0, tzinfo=datetime.UTC), D(2026, 12, 2)),
    ],
)
def test_done_dates_are_on_the_members_calendar_around_midnight(people, engagement, utc, day):
    people.river.time_zone = "Pacific/Auckland"
    people.river.save(update_fields=["time_zone"])
    people.casey.time_zone = "America/Chicago"  # still the afternoon before, for casey
    people.casey.save(update_fields=["time_zone"])
    goal = services.add_plan_goal(people.casey, engagement, title="Walk", steps="Shoes").obj
    step = goal.steps.get()
    with time_machine.travel(utc, tick=False):
        services.toggle_plan_step(people.casey, engagement, step)
    step.refresh_from_db()
    goal.refresh_from_db()
    assert step.done_on == day and goal.done_on == day


def test_a_target_date_is_checked_against_the_members_today(people, engagement):
    people.river.time_zone = "Pacific/Auckland"
    people.river.save(update_fields=["time_zone"])
    # 12:00 UTC on 1 Dec is already 2 Dec in Auckland: 1 Dec has passed for river.
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC), tick=False):
        with pytest.raises(Exception, match="already passed"):
            services.add_plan_goal(
                people.casey, engagement, title="Walk", target_date=D(2026, 12, 1)
            )
        goal = services.add_plan_goal(
            people.casey, engagement, title="Walk", target_date=D(2026, 12, 2)
        ).obj
    assert goal.target_date == D(2026, 12, 2)


def test_river_sees_caseys_changes_under_who_looked_and_in_the_access_history(
    people, signed_in, engagement
):
    river = signed_in(people.river)
    recovery.save_goal(people.river, title="Her own goal")
    services.add_plan_goal(people.casey, engagement, title="Walk", steps="Shoes")
    signed_in(people.casey).get(plan_url(engagement))  # a read
    edits = AuditEvent.objects.filter(action="recovery.plan_edit", subject=people.river)
    assert edits.count() == 2 and all(e.actor == people.casey for e in edits)
    assert not AuditEvent.objects.filter(action="recovery.plan_edit", actor=people.river)
    looked = [(e.actor.handle, e.what_was_read) for e in recovery.who_looked(people.river)]
    assert looked[0] == ("casey", "recovery plan (peer specialist)")
    assert looked.count(("casey", "recovery plan (changed it)")) == 2
    history = [e.what_was_read for e in services.access_history(people.river, engagement)]
    assert "recovery plan (changed it)" in history
    assert "recovery plan (peer specialist)" in history
    page = words(river.get(engagement.get_absolute_url()))
    assert "recovery plan (changed it)" in page
    assert "recovery plan (changed it)" in words(river.get(reverse("recovery-sharing")))
    # The audit never holds the plan's words.
    assert all("Walk" not in str(e.details) and "Shoes" not in str(e.details) for e in edits)


def test_another_specialists_edits_are_not_in_this_engagements_history(people, engagement):
    services.add_plan_goal(people.casey, engagement, title="Walk")
    other = open_engagement(people.casey, people.sam)
    assert services.access_history(people.sam, other) == []


def test_bad_input_shows_the_form_again_and_loses_nothing(people, signed_in, engagement):
    casey = signed_in(people.casey)
    response = casey.post(
        plan_url(engagement, "support-plan-goal-new"),
        {"title": "", "steps": "Update my CV", "target_date": "2001-01-01"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page and "Update my CV" in page
    response = casey.post(
        plan_url(engagement, "support-plan-goal-new"),
        {"title": "Find work", "steps": "Update my CV", "target_date": "2001-01-01"},
    )
    assert response.status_code == 400
    assert "The target date has already passed." in response.content.decode()
    many = "\n".join(f"Step {n}" for n in range(11))
    response = casey.post(
        plan_url(engagement, "support-plan-goal-new"), {"title": "Find work", "steps": many}
    )
    assert response.status_code == 400 and "Ten steps at most" in response.content.decode()
    assert not Goal.objects.exists() and not PlanChange.objects.exists()

    goal = recovery.save_goal(people.river, title="Walk daily").obj
    response = casey.post(plan_url(engagement, "support-plan-step-add", goal=goal.pk), {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert "Walk daily" in response.content.decode()
    assert not goal.steps.exists()


def test_plan_text_by_the_specialist_goes_through_the_safety_net_as_private(
    people, engagement, monkeypatch
):
    checked = []
    real = recovery_base.check_text

    def spy(author, text, context):
        checked.append((author.handle, text, context))
        return real(author, text, context)

    monkeypatch.setattr(recovery_base, "check_text", spy)
    services.add_plan_goal(people.casey, engagement, title="Stay safe tonight", steps="Call jo")
    assert checked == [
        ("casey", "Stay safe tonight", Context.PLAN),
        ("casey", "Call jo", Context.PLAN),
    ]
    assert Context.PLAN.private  # never reaches the moderators' queue


def test_the_plan_is_exported_and_erased_with_its_change_log(people, engagement):
    goal = services.add_plan_goal(people.casey, engagement, title="Walk", steps="Shoes").obj
    recovery.toggle_step(people.river, goal.steps.get())
    data = accounts.export_data(people.river)["recovery"]
    exported = data["plan"]["goals"][0]
    assert exported["added_by"] == "casey" and exported["done_on"]
    assert exported["steps"][0]["added_by"] == "casey" and exported["steps"][0]["done_on"]
    assert [(c["who"], c["action"], c["what"]) for c in data["plan"]["changes"]] == [
        ("river", "goal_done", "Walk"),
        ("river", "step_done", "Shoes"),
        ("casey", "step_added", "Shoes"),
        ("casey", "goal_added", "Walk"),
    ]
    # casey's own export holds none of river's plan.
    assert accounts.export_data(people.casey)["recovery"]["plan"]["changes"] == []
    accounts.erase_account(people.river)
    assert not PlanChange.objects.exists() and not Goal.objects.exists()


def test_when_the_specialist_leaves_river_keeps_her_plan_and_its_history(
    people, signed_in, engagement
):
    services.add_plan_goal(people.casey, engagement, title="Walk", steps="Shoes")
    accounts.erase_account(people.casey)
    goal = Goal.objects.get()
    assert goal.created_by is None and goal.steps.get().created_by is None
    assert PlanChange.objects.filter(actor__isnull=True).count() == 2
    page = words(signed_in(people.river).get(reverse("recovery-plan")))
    assert "a former member added the goal “Walk”" in page
    assert "added by" not in page


def test_the_demo_text_download_has_done_dates(people, engagement):
    goal = services.add_plan_goal(people.casey, engagement, title="Walk", steps="Shoes").obj
    recovery.toggle_step(people.river, goal.steps.get())
    today = recovery.today_for(people.river).isoformat()
    text = recovery.plan_as_text(people.river)
    assert f"- Walk [Done ({today})]" in text and f"[x] Shoes ({today})" in text


def test_the_outcome_report_counts_completed_plan_goals_under_consent(people, signed_in):
    """Completed plan goals are among the strongest predictors of gains in recovery capital:
    the report counts them, only for members whose consent covers their plan, small cells
    hidden."""
    members = [User.objects.create_user(f"planner{i}", "x") for i in range(12)]
    for member in members:
        engagement = open_engagement(people.casey, member)
        goal = services.add_plan_goal(people.casey, engagement, title="Walk", steps="Shoes").obj
        recovery.toggle_step(member, goal.steps.get())
    # A member whose consent leaves the plan out is not counted, even with a goal done.
    private = User.objects.create_user("private", "x")
    open_engagement(people.casey, private, scopes=["notes"])
    recovery.save_goal(private, title="Mine alone", status=Goal.Status.DONE)
    today = recovery.today_for(people.river)
    report = services.outcome_report(today - datetime.timedelta(days=30), today)
    assert (report.goals_done, report.people_goals_done) == (12, 12)
    assert report.cells["goals_done"] == "12"
    csv = services.as_csv(report)
    assert "Plan goals done,12" in csv and "People who completed a plan goal,12" in csv
    page = words(signed_in(people.casey).get(reverse("support-report")))
    assert "Plan goals done 12" in page
    Goal.objects.filter(member__in=members[:3]).update(done_on=None)
    report = services.outcome_report(today - datetime.timedelta(days=30), today)
    assert report.cells["goals_done"] == "<11"


def test_the_plan_pages_render_in_spanish(people, signed_in, engagement):
    services.add_plan_goal(people.casey, engagement, title="Caminar", steps="Zapatos")
    casey = signed_in(people.casey)
    casey.post(reverse("core-language"), {"language": "es", "next": "/"})
    for url in (plan_url(engagement), plan_url(engagement, "support-plan-goal-new")):
        page = casey.get(url)
        assert page.status_code == 200 and b'lang="es"' in page.content
    river = signed_in(people.river)
    river.post(reverse("core-language"), {"language": "es", "next": "/"})
    page = river.get(reverse("recovery-plan"))
    assert b'lang="es"' in page.content and "Caminar" in page.content.decode()


def test_river_is_told_on_her_engagement_page_what_consent_to_the_plan_allows(
    people, signed_in, engagement
):
    river = signed_in(people.river)
    page = words(river.get(engagement.get_absolute_url()))
    assert "Your peer specialist can add goals and steps to your recovery plan" in page
    assert reverse("recovery-plan") in river.get(engagement.get_absolute_url()).content.decode()
    other = open_engagement(people.casey, people.sam, scopes=["notes"])
    page = words(signed_in(people.sam).get(other.get_absolute_url()))
    assert "can add goals and steps" not in page


def test_casey_changes_a_goal_and_river_sees_who_changed_it(people, signed_in, engagement):
    goal = recovery.save_goal(people.river, title="Walk").obj
    casey = signed_in(people.casey)
    url = plan_url(engagement, "support-plan-goal-edit", goal=goal.pk)
    assert url in casey.get(plan_url(engagement)).content.decode()
    form = casey.get(url)
    assert form.status_code == 200 and "Walk" in form.content.decode()
    response = casey.post(url, {"title": "Walk every day", "status": "in_progress"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Walk every day" and goal.created_by == people.river
    assert "casey changed the goal “Walk every day”" in words(
        signed_in(people.river).get(reverse("recovery-plan"))
    )
    # Bad input: the form again, with the words kept and what to fix.
    response = casey.post(url, {"title": "", "status": "in_progress"})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    response = casey.post(
        url, {"title": "Run", "target_date": "2001-01-01", "status": "in_progress"}
    )
    assert response.status_code == 400
    assert "The target date has already passed." in response.content.decode()
    assert "Run" in response.content.decode()
    goal.refresh_from_db()
    assert goal.title == "Walk every day"
