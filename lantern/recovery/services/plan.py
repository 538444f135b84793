"""The recovery and relapse-prevention plan."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import NotFound, Refused
from lantern.core.results import Saved
from lantern.safety.contexts import Context

from .. import access
from ..models import Goal, GoalNote, GoalStep, PlanItem
from .base import _check, _limit, _own, today_for

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


@transaction.atomic
def save_goal(
    actor,
    *,
    title: str,
    target_date: date | None = None,
    status: str = Goal.Status.NOT_STARTED,
    goal: Goal | None = None,
) -> Saved:
    """Add or change one of the actor's goals. A new target date cannot be in the past."""
    if goal is not None:
        _own(actor, goal)
    title = _limit(title, "title")
    if not title:
        raise Refused(_("Name the goal."), field="title")
    if status not in Goal.Status.values:
        raise Refused(_("Choose a status from the list."), field="status")
    changed_date = goal is None or goal.target_date != target_date
    if target_date and changed_date and target_date < today_for(actor):
        raise Refused(_("The target date has already passed."), field="target_date")
    goal = goal or Goal(member=actor)
    goal.title, goal.target_date, goal.status = title, target_date, status
    goal.save()
    return Saved(goal, show_crisis_resources=_check(actor, [title], Context.PLAN))


@transaction.atomic
def delete_goal(actor, goal: Goal) -> None:
    _own(actor, goal)
    goal.delete()


@transaction.atomic
def add_step(actor, goal: Goal, text: str) -> Saved:
    """A step towards one of the actor's goals."""
    _own(actor, goal)
    text = _limit(text, "text")
    if not text:
        raise Refused(_("Write the step first."), field="text")
    step = GoalStep.objects.create(goal=goal, text=text)
    return Saved(step, show_crisis_resources=_check(actor, [text], Context.PLAN))


@transaction.atomic
def toggle_step(actor, step: GoalStep) -> GoalStep:
    """Tick a step done (or undo it); a goal whose steps are all done is done."""
    _own(actor, step)
    step.done = not step.done
    step.save(update_fields=["done"])
    goal = step.goal
    if goal.steps.exists() and not goal.steps.filter(done=False).exists():
        goal.status = Goal.Status.DONE
    elif goal.status == Goal.Status.NOT_STARTED and step.done:
        goal.status = Goal.Status.IN_PROGRESS
    goal.save(update_fields=["status"])
    return step


@transaction.atomic
def add_goal_note(actor, goal: Goal, text: str) -> Saved:
    """A progress note on one of the actor's goals: a private note, checked as one."""
    _own(actor, goal)
    text = _limit(text, "text")
    if not text:
        raise Refused(_("Write the note first."), field="text")
    note = GoalNote.objects.create(goal=goal, text=text)
    return Saved(note, show_crisis_resources=_check(actor, [text], Context.NOTE))


def read_shared_plan(actor, member) -> dict:
    """A person the member shares the plan with reads it; the member sees that they did."""
    if not access.can_view_shared_recovery(actor, member, "plan"):
        raise NotFound(_("That plan is not shared with you."))
    audit.record(actor, "recovery.view_plan", None, subject=member)
    return plan_for(member)


def plan_for(member) -> dict:
    items = list(member.plan_items.all())
    return {
        "goals": list(member.recovery_goals.prefetch_related("steps", "notes")),
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
        lines.append(f"- {goal.title} [{goal.get_status_display()}]{target}")
        lines += [f"    [{'x' if s.done else ' '}] {s.text}" for s in goal.steps.all()]
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
