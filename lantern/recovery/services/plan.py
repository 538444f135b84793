"""The recovery and relapse-prevention plan."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.safety.contexts import Context

from .. import access
from ..models import Goal, GoalNote, GoalStep, PlanChange, PlanItem
from .base import _check, _limit, _own, now, today_for

PLAN_EDIT = "recovery.plan_edit"
TARGET_LIMIT = 120  # a change names its goal or step, shortened
CHANGES_SHOWN = 50
SITTING = timedelta(hours=1)  # changes by one person within this are one notice

# --- The plan -----------------------------------------------------------------------------------


@transaction.atomic
def save_plan_item(
    actor, *, kind: str, text: str, detail: str = "", item: PlanItem | None = None
) -> Saved:
    """Add or change a trigger (with coping strategies), warning sign, person to call or
    reason for recovery in the actor's plan."""
    if item is not None:
        _own(actor, item)
    if kind not in PlanItem.Kind.values:
        raise Refused(_("Choose what kind of item this is."), field="kind")
    text, detail = _limit(text, "text"), _limit(detail, "detail")
    if not text:
        raise Refused(_("Write something first."), field="text")
    item = item or PlanItem(member=actor)
    item.kind, item.text, item.detail = kind, text, detail
    item.save()
    return Saved(item, show_crisis_resources=_check(actor, [text, detail], Context.PLAN))


@transaction.atomic
def delete_plan_item(actor, item: PlanItem) -> None:
    _own(actor, item)
    item.delete()


def _editor(actor, member) -> None:
    """Refuse (as not found) unless the actor may change the member's goals: the member, or
    someone another app lets edit them (`access.register_plan_editor`), asked right now."""
    if not access.can_edit_plan_of(actor, member):
        raise NotFound(_("That is not one of your records."))


def _short(text: str) -> str:
    return text if len(text) <= TARGET_LIMIT else text[: TARGET_LIMIT - 1] + "…"


def _log(actor, member, action: str, goal: Goal | None, target: str) -> PlanChange:
    """Write who changed what. A change by someone else is also audited (the member sees it
    under "Who looked") and the member is told."""
    change = PlanChange.objects.create(
        member=member, actor=actor, goal=goal, action=action, target=_short(target)
    )
    if actor.pk != member.pk:
        audit.record(actor, "recovery.plan_edit", goal, subject=member, change=action)
        _tell(member, actor, goal)
    return change


def _tell(member, actor, goal) -> None:
    """One notice per sitting: a goal with five steps is one piece of news. A change while an
    unread notice from the same person is less than an hour old joins it."""
    waiting = Notification.objects.filter(
        recipient=member,
        kind=PLAN_EDIT,
        actor=actor,
        read_at__isnull=True,
        created_at__gte=now() - SITTING,
    ).exists()
    if not waiting:
        notify(member, PLAN_EDIT, about=goal, actor=actor, url=reverse("recovery-plan"))


def _done_on(goal: Goal, today: date) -> None:
    """A goal keeps the day it was first done; it loses it when it is undone."""
    if goal.status == Goal.Status.DONE:
        goal.done_on = goal.done_on or today
    else:
        goal.done_on = None


@transaction.atomic
def save_goal(
    actor,
    *,
    title: str,
    target_date: date | None = None,
    status: str = Goal.Status.NOT_STARTED,
    goal: Goal | None = None,
    member=None,
) -> Saved:
    """Add or change a goal of `member`'s plan (the actor's own unless `member` is given, for
    someone who may edit it). A new target date cannot be in the past (the member's today)."""
    member = goal.member if goal is not None else (member or actor)
    _editor(actor, member)
    title = _limit(title, "title")
    if not title:
        raise Refused(_("Name the goal."), field="title")
    if status not in Goal.Status.values:
        raise Refused(_("Choose a status from the list."), field="status")
    today = today_for(member)
    changed_date = goal is None or goal.target_date != target_date
    if target_date and changed_date and target_date < today:
        raise Refused(_("The target date has already passed."), field="target_date")
    new = goal is None
    before = None if new else (goal.title, goal.target_date, goal.status)
    was_done = not new and goal.status == Goal.Status.DONE
    goal = goal or Goal(member=member, created_by=actor)
    goal.title, goal.target_date, goal.status = title, target_date, status
    _done_on(goal, today)
    goal.save()
    is_done = goal.status == Goal.Status.DONE
    if new:
        _log(actor, member, PlanChange.Action.GOAL_ADDED, goal, title)
    elif is_done and not was_done:
        _log(actor, member, PlanChange.Action.GOAL_DONE, goal, title)
    elif was_done and not is_done:
        _log(actor, member, PlanChange.Action.GOAL_REOPENED, goal, title)
    elif before != (goal.title, goal.target_date, goal.status):
        _log(actor, member, PlanChange.Action.GOAL_CHANGED, goal, title)
    return Saved(goal, show_crisis_resources=_check(actor, [title], Context.PLAN))


@transaction.atomic
def delete_goal(actor, goal: Goal) -> None:
    """Only the member deletes a goal; the change log keeps that they did."""
    _own(actor, goal)
    _log(actor, actor, PlanChange.Action.GOAL_DELETED, None, goal.title)
    goal.delete()


@transaction.atomic
def add_step(actor, goal: Goal, text: str) -> Saved:
    """A step towards one of the member's goals, by the member or someone who may edit it."""
    member = goal.member
    _editor(actor, member)
    text = _limit(text, "text")
    if not text:
        raise Refused(_("Write the step first."), field="text")
    step = GoalStep.objects.create(goal=goal, text=text, created_by=actor)
    _log(actor, member, PlanChange.Action.STEP_ADDED, goal, text)
    return Saved(step, show_crisis_resources=_check(actor, [text], Context.PLAN))


@transaction.atomic
def toggle_step(actor, step: GoalStep) -> GoalStep:
    """Tick a step done (or undo it), dated by the member's calendar. A goal whose steps are all
    done is done (that day); unticking a step of a done goal takes it back to in progress."""
    goal = step.goal
    member = goal.member
    _editor(actor, member)
    today = today_for(member)
    step.done = not step.done
    step.done_on = today if step.done else None
    step.save(update_fields=["done", "done_on"])
    was_done = goal.status == Goal.Status.DONE
    if goal.steps.exists() and not goal.steps.filter(done=False).exists():
        goal.status = Goal.Status.DONE
    elif (goal.status == Goal.Status.NOT_STARTED and step.done) or (was_done and not step.done):
        goal.status = Goal.Status.IN_PROGRESS
    _done_on(goal, today)
    goal.save(update_fields=["status", "done_on"])
    action = PlanChange.Action.STEP_DONE if step.done else PlanChange.Action.STEP_UNDONE
    _log(actor, member, action, goal, step.text)
    is_done = goal.status == Goal.Status.DONE
    if is_done and not was_done:
        _log(actor, member, PlanChange.Action.GOAL_DONE, goal, goal.title)
    elif was_done and not is_done:
        _log(actor, member, PlanChange.Action.GOAL_REOPENED, goal, goal.title)
    return step


@transaction.atomic
def add_goal_note(actor, goal: Goal, text: str) -> Saved:
    """A progress note on one of the member's goals: a private note, checked as one."""
    member = goal.member
    _editor(actor, member)
    text = _limit(text, "text")
    if not text:
        raise Refused(_("Write the note first."), field="text")
    note = GoalNote.objects.create(goal=goal, text=text)
    _log(actor, member, PlanChange.Action.NOTE_ADDED, goal, goal.title)
    return Saved(note, show_crisis_resources=_check(actor, [text], Context.NOTE))


def plan_changes(member, limit: int = CHANGES_SHOWN) -> list[PlanChange]:
    """Who changed what in the member's goals, newest first."""
    return list(PlanChange.objects.filter(member=member).select_related("actor")[:limit])


def read_shared_plan(actor, member) -> dict:
    """A person the member shares the plan with reads it; the member sees that they did."""
    if not access.can_view_shared_recovery(actor, member, "plan"):
        raise NotFound(_("That plan is not shared with you."))
    audit.record(actor, "recovery.view_plan", None, subject=member)
    return plan_for(member)


def plan_for(member) -> dict:
    """The member's plan: goals (with who added them and their steps), the lists, and the
    latest changes with who made them."""
    items = list(member.plan_items.all())
    steps = Prefetch("steps", queryset=GoalStep.objects.select_related("created_by"))
    goals = member.recovery_goals.select_related("created_by").prefetch_related(steps, "notes")
    return {
        "goals": list(goals),
        "changes": plan_changes(member),
        "triggers": [i for i in items if i.kind == PlanItem.Kind.TRIGGER],
        "warning_signs": [i for i in items if i.kind == PlanItem.Kind.WARNING_SIGN],
        "people": [i for i in items if i.kind == PlanItem.Kind.PERSON],
        "reasons": [i for i in items if i.kind == PlanItem.Kind.REASON],
    }


def plan_as_text(member) -> str:
    """The plan as plain text, for the member's own download."""
    plan = plan_for(member)
    lines = [_("My recovery plan") + f" ({member.handle})", ""]
    lines.append(_("Goals"))
    for goal in plan["goals"]:
        target = f" → {goal.target_date.isoformat()}" if goal.target_date else ""
        done = f" ({goal.done_on.isoformat()})" if goal.done_on else ""
        lines.append(f"- {goal.title} [{goal.get_status_display()}{done}]{target}")
        for s in goal.steps.all():
            done = f" ({s.done_on.isoformat()})" if s.done_on else ""
            lines.append(f"    [{'x' if s.done else ' '}] {s.text}{done}")
        lines += [f"    {n.created_at.date().isoformat()}: {n.text}" for n in goal.notes.all()]
    sections = [
        ("triggers", _("Triggers and how I cope")),
        ("warning_signs", _("Warning signs")),
        ("people", _("People to call")),
        ("reasons", _("Reasons for my recovery")),
    ]
    for key, heading in sections:
        lines += ["", heading]
        for item in plan[key]:
            lines.append(f"- {item.text}" + (f": {item.detail}" if item.detail else ""))
    return "\n".join(lines) + "\n"
