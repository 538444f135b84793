"""The plan together, as far as support can go without changing recovery: the specialist
proposes a goal with steps (consent must cover the plan); the member accepts it into their own
plan (written by recovery's own services, as the member) or declines. Each proposal keeps who
proposed it and when it was answered. Editing the plan side by side needs recovery (see the
hand-off)."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from lantern.core import audit
from lantern.core.errors import NotFound, Refused
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.recovery import services as recovery
from lantern.safety.contexts import Context

from .. import access
from ..models import Engagement, PlanProposal, today
from .base import limit, now, safety_check, staff_only

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


def proposals_for(engagement: Engagement) -> list[PlanProposal]:
    return list(engagement.proposals.select_related("proposed_by"))
