"""The recovery and relapse-prevention plan."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Goal, GoalNote, GoalStep, PlanItem
from .base import RecoveryError, Saved, _check, _limit, today_for

# --- The plan -----------------------------------------------------------------------------------


@transaction.atomic
def save_plan_item(
    member, *, kind: str, text: str, detail: str = "", item: PlanItem | None = None
) -> Saved:
    """Add or change a trigger (with coping strategies), warning sign, person to call or
    reason for recovery."""
    if kind not in PlanItem.Kind.values:
        raise RecoveryError(_("Choose what kind of item this is."), "kind")
    text, detail = _limit(text, "text"), _limit(detail, "detail")
    if not text:
        raise RecoveryError(_("Write something first."), "text")
    item = item or PlanItem(member=member)
    item.kind, item.text, item.detail = kind, text, detail
    item.save()
    return Saved(item, show_resources=_check(member, [text, detail], "plan"))


@transaction.atomic
def delete_plan_item(item: PlanItem) -> None:
    item.delete()


@transaction.atomic
def save_goal(
    member,
    *,
    title: str,
    target_date: date | None = None,
    status: str = Goal.Status.NOT_STARTED,
    goal: Goal | None = None,
) -> Saved:
    """Add or change a goal. A new goal's target date cannot be in the past."""
    title = _limit(title, "title")
    if not title:
        raise RecoveryError(_("Name the goal."), "title")
    if status not in Goal.Status.values:
        raise RecoveryError(_("Choose a status from the list."), "status")
    changed_date = goal is None or goal.target_date != target_date
    if target_date and changed_date and target_date < today_for(member):
        raise RecoveryError(_("The target date has already passed."), "target_date")
    goal = goal or Goal(member=member)
    goal.title, goal.target_date, goal.status = title, target_date, status
    goal.save()
    return Saved(goal, show_resources=_check(member, [title], "plan"))


@transaction.atomic
def delete_goal(goal: Goal) -> None:
    goal.delete()


@transaction.atomic
def add_step(goal: Goal, text: str) -> Saved:
    text = _limit(text, "text")
    if not text:
        raise RecoveryError(_("Write the step first."), "text")
    step = GoalStep.objects.create(goal=goal, text=text)
    return Saved(step, show_resources=_check(goal.member, [text], "plan"))


@transaction.atomic
def toggle_step(step: GoalStep) -> GoalStep:
    """Tick a step done (or undo it); a goal whose steps are all done is done."""
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
def add_goal_note(goal: Goal, text: str) -> Saved:
    text = _limit(text, "text")
    if not text:
        raise RecoveryError(_("Write the note first."), "text")
    note = GoalNote.objects.create(goal=goal, text=text)
    return Saved(note, show_resources=_check(goal.member, [text], "plan"))


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
