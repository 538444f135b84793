"""The plan together, on the specialist's side: add a goal (with steps), change a goal, add a
step, tick a step, mark a goal done, on the member's own recovery plan. Each page loads the
engagement for its specialist only while the member's consent covers the plan (404 otherwise,
for the member and everyone else too: the member edits their plan on their own pages), and
the goal or step through recovery's loaders for people who may edit that member's plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import attempt
from lantern.recovery import access as recovery_access
from lantern.recovery import forms as recovery_forms
from lantern.safety import crisis

from .. import access, forms, services
from .base import _posted


def _back(e, goal_id=None):
    url = reverse("support-plan", args=[e.pk])
    return redirect(f"{url}#goal-{goal_id}" if goal_id else url)


@login_required
def goal_new(request, pk: int):
    """A goal for the member's plan, with its first steps (one a line) and a target date."""
    e = access.get_staff_engagement_for(request.user, pk, "plan")
    form = forms.PlanGoalForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            saved = services.add_plan_goal(request.user, e, **form.cleaned_data)
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("The goal is in the member's plan. They are told."))
            return _back(e, saved.obj.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "support/plan_goal.html", {"e": e, "form": form}, status=status)


@login_required
def goal_edit(request, pk: int, goal: int):
    """Change a goal's words, target date or status (the member sees who changed it)."""
    e = access.get_staff_engagement_for(request.user, pk, "plan")
    goal = recovery_access.get_plan_goal_for(request.user, e.member, goal)
    initial = {"title": goal.title, "target_date": goal.target_date, "status": goal.status}
    form = recovery_forms.GoalForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            saved = services.change_plan_goal(request.user, e, goal, **form.cleaned_data)
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Goal saved."))
            return _back(e, goal.pk)
    if request.method != "POST":
        services.read_goal(request.user, e, goal)
    status = 400 if request.method == "POST" else 200
    context = {"e": e, "goal": goal, "form": form}
    return render(request, "support/plan_goal_edit.html", context, status=status)


@login_required
def step_add(request, pk: int, goal: int):
    """A step towards one of the member's goals. The plan page posts here from each goal;
    this page shows the form again when something needs fixing."""
    e = access.get_staff_engagement_for(request.user, pk, "plan")
    goal = recovery_access.get_plan_goal_for(request.user, e.member, goal)
    form = forms.PlanStepForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            saved = services.add_plan_step(request.user, e, goal, form.cleaned_data["text"])
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Step added."))
            return _back(e, goal.pk)
    if request.method != "POST":
        services.read_goal(request.user, e, goal)
    status = 400 if request.method == "POST" else 200
    context = {"e": e, "goal": goal, "form": form}
    return render(request, "support/plan_step.html", context, status=status)


@login_required
@require_POST
def step_toggle(request, pk: int, step: int):
    e = access.get_staff_engagement_for(request.user, pk, "plan")
    step = recovery_access.get_plan_step_for(request.user, e.member, step)
    services.toggle_plan_step(request.user, e, step)
    return _back(e, step.goal_id)


@login_required
@require_POST
def goal_done(request, pk: int, goal: int):
    """Mark a goal done, or (done=no) take it back to in progress."""
    e = access.get_staff_engagement_for(request.user, pk, "plan")
    goal = recovery_access.get_plan_goal_for(request.user, e.member, goal)
    done = request.POST.get("done", "yes") != "no"
    services.set_goal_done(request.user, e, goal, done=done)
    return _back(e, goal.pk)
