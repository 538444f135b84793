"""The plan together, as far as support goes: the specialist reads the plan (audited) and
proposes goals with steps; the member accepts one into their own plan or declines."""

import pytest
from django.urls import reverse

from lantern.core.errors import NotFound, Refused
from lantern.recovery import services as recovery
from lantern.recovery.models import Goal
from lantern.support import services
from lantern.support.models import PlanProposal

from .conftest import open_engagement

pytestmark = pytest.mark.django_db


def test_a_proposed_goal_goes_into_the_plan_when_the_member_accepts(people, signed_in, engagement):
    casey = signed_in(people.casey)
    response = casey.post(
        reverse("support-plan", args=[engagement.pk]),
        {"title": "Find a part-time job", "steps": "Update my CV\nCall Second Chance Jobs"},
    )
    assert response.status_code == 302
    proposal = PlanProposal.objects.get()
    assert proposal.proposed_by == people.casey and not Goal.objects.exists()
    river = signed_in(people.river)
    page = river.get(engagement.get_absolute_url())
    assert b"casey proposes a goal for your plan" in page.content
    river.post(reverse("support-proposal-answer", args=[proposal.pk]), {"accept": "yes"})
    goal = Goal.objects.get(member=people.river)
    assert goal.title == "Find a part-time job"
    assert [s.text for s in goal.steps.all()] == ["Update my CV", "Call Second Chance Jobs"]
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.goal_id == goal.pk
    plan = casey.get(reverse("support-plan", args=[engagement.pk]))
    assert b"Find a part-time job" in plan.content and b"Accepted" in plan.content
    with pytest.raises(Refused):
        services.answer_proposal(people.river, proposal, accept=True)


def test_declining_changes_nothing(people, engagement):
    proposal = services.propose_goal(people.casey, engagement, title="Run a marathon").obj
    services.answer_proposal(people.river, proposal, accept=False)
    assert not Goal.objects.exists()
    assert PlanProposal.objects.get().status == "declined"


def test_proposing_needs_consent_to_the_plan(people):
    engagement = open_engagement(people.casey, people.river, scopes=["notes"])
    with pytest.raises(NotFound):
        services.propose_goal(people.casey, engagement, title="x")


def test_only_the_member_answers(people, engagement):
    proposal = services.propose_goal(people.casey, engagement, title="Walk").obj
    with pytest.raises(NotFound):
        services.answer_proposal(people.casey, proposal, accept=True)


def test_the_specialist_reads_the_plan_and_the_member_sees_it(people, signed_in, engagement):
    recovery.save_goal(people.river, title="Ninety meetings in ninety days")
    page = signed_in(people.casey).get(reverse("support-plan", args=[engagement.pk]))
    assert b"Ninety meetings in ninety days" in page.content
    assert [e.what_was_read for e in services.access_history(people.river)] == [
        "recovery plan (peer specialist)"
    ]


def test_an_empty_proposal_shows_the_form_again(people, signed_in, engagement):
    response = signed_in(people.casey).post(reverse("support-plan", args=[engagement.pk]), {})
    assert response.status_code == 400
    assert not PlanProposal.objects.exists()
