"""The plan together. With the member's consent to the plan, the specialist edits the member's
goals side by side with them: adds a goal (with its steps), adds a step, ticks a step, marks a
goal done. Every change goes through recovery's own services with `member=`, which check
`recovery.access.can_edit_plan_of` (support registers its rule in apps.py), record who made it
(`created_by`, the plan's change log), date what is done on the member's calendar, audit it
and tell the member.

The specialist may also propose a goal instead; the member accepts it into their own plan
(written by recovery's services, as the member) or declines. Each proposal keeps who proposed
it and when it was answered."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.recovery import services as recovery
from lantern.recovery.models import Goal
from lantern.safety.contexts import Context

from .. import access
from ..models import Engagement, PlanProposal, today
from .base import limit, now, reader_only, safety_check, staff_only

MAX_STEPS = 10


@transaction.atomic
def propose_goal(
    actor, engagement: Engagement, *, title: str, steps: str = "", target_date: date | None = None
) -> Saved:
    staff_only(actor, engagement, "plan")
    title, steps = limit(title, "title", 500), limit(steps, "steps", 3000)
    if not title:
        raise Refused(_("Name the goal."), field="title")
    if len([s for s in steps.splitlines() if s.strip()]) > MAX_STEPS:
        raise Refused(_("Ten steps at most; the member can add more."), field="steps")
    if target_date is not None and target_date < today():
        raise Refused(_("The target date has already passed."), field="target_date")
    proposal = PlanProposal.objects.create(
        engagement=engagement, proposed_by=actor, title=title, steps=steps, target_date=target_date
    )
    audit.record(actor, "support.plan_proposal", proposal, subject=engagement.member)
    notify(
        engagement.member,
        "support.plan_proposal",
        about=proposal,
        actor=actor,
        url=engagement.get_absolute_url(),
    )
    shown = safety_check(actor, [title, steps], Context.PLAN)
    return Saved(proposal, show_crisis_resources=shown)


@transaction.atomic
def answer_proposal(actor, proposal: PlanProposal, *, accept: bool) -> PlanProposal:
    """The member takes the goal into their plan (through recovery's services, as themselves)
    or declines it."""
    engagement = proposal.engagement
    if not access.is_member_of(actor, engagement):
        raise NotFound()
    if proposal.status != PlanProposal.Status.PROPOSED:
        raise Refused(_("You already answered this."))
    if accept:
        target = (
            proposal.target_date
            if proposal.target_date and proposal.target_date >= today()
            else None
        )
        goal = recovery.save_goal(actor, title=proposal.title, target_date=target).obj
        for step in proposal.step_list:
            recovery.add_step(actor, goal, step)
        proposal.goal_id = goal.pk
    proposal.status = PlanProposal.Status.ACCEPTED if accept else PlanProposal.Status.DECLINED
    proposal.answered_at = now()
    proposal.save(update_fields=["status", "goal_id", "answered_at"])
    audit.record(actor, "support.plan_answer", proposal, subject=actor, accepted=accept)
    return proposal


# --- Editing the member's plan ------------------------------------------------------------------


def _steps(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@transaction.atomic
def add_plan_goal(
    actor, engagement: Engagement, *, title: str, steps: str = "", target_date: date | None = None
) -> Saved:
    """The specialist adds a goal (and its steps, one a line) to the member's plan."""
    staff_only(actor, engagement, "plan")
    if len(_steps(steps)) > MAX_STEPS:
        raise Refused(_("Ten steps at most; add more on the plan."), field="steps")
    steps = limit(steps, "steps", 3000)
    saved = recovery.save_goal(
        actor, member=engagement.member, title=title, target_date=target_date
    )
    shown = saved.show_crisis_resources
    for step in _steps(steps):
        shown = recovery.add_step(actor, saved.obj, step).show_crisis_resources or shown
    return Saved(saved.obj, show_crisis_resources=shown)


@transaction.atomic
def add_plan_step(actor, engagement: Engagement, goal, text: str) -> Saved:
    staff_only(actor, engagement, "plan")
    _of_member(engagement, goal)
    return recovery.add_step(actor, goal, text)


@transaction.atomic
def toggle_plan_step(actor, engagement: Engagement, step):
    staff_only(actor, engagement, "plan")
    _of_member(engagement, step.goal)
    return recovery.toggle_step(actor, step)


@transaction.atomic
def set_goal_done(actor, engagement: Engagement, goal, *, done: bool) -> Saved:
    """Mark a goal done (dated today on the member's calendar) or take it back to in progress."""
    staff_only(actor, engagement, "plan")
    _of_member(engagement, goal)
    status = Goal.Status.DONE if done else Goal.Status.IN_PROGRESS
    return recovery.save_goal(
        actor, goal=goal, title=goal.title, target_date=goal.target_date, status=status
    )


@transaction.atomic
def change_plan_goal(
    actor, engagement: Engagement, goal, *, title: str, target_date=None, status: str
) -> Saved:
    """Rename a goal, move its target date or change its status, with the member."""
    staff_only(actor, engagement, "plan")
    _of_member(engagement, goal)
    return recovery.save_goal(actor, goal=goal, title=title, target_date=target_date, status=status)


def _of_member(engagement: Engagement, goal) -> None:
    if goal.member_id != engagement.member_id:
        raise NotFound(_("You cannot reach this record."))


def read_goal(actor, engagement: Engagement, goal):
    """One goal of the member's plan, for their specialist (audited as a read of the plan)."""
    reader_only(actor, engagement, "plan")
    _of_member(engagement, goal)
    return goal


def proposals_for(engagement: Engagement) -> list[PlanProposal]:
    return list(engagement.proposals.select_related("proposed_by"))
