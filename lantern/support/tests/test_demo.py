import pytest

from lantern.accounts import demo as accounts_demo
from lantern.directory import demo as directory_demo
from lantern.recovery.models import Goal, PlanChange
from lantern.support import demo, services
from lantern.support.models import Engagement


@pytest.mark.django_db
def test_the_demo_gives_casey_a_caseload_and_runs_twice():
    accounts_demo.seed()
    directory_demo.seed()
    demo.seed()
    demo.seed()
    casey = Engagement.objects.filter(specialist__handle="casey")
    assert casey.count() == 3
    rows = services.caseload(casey.first().specialist)
    assert {r.member.handle for r in rows} == {"river", "nightowl", "sam"}
    river = casey.get(member__handle="river")
    assert river.notes.count() == 3 and river.assessments.count() == 2
    assert river.referrals.count() == 2
    goal = Goal.objects.get(member=river.member, created_by=river.specialist)
    assert [s.done for s in goal.steps.all()] == [True, True, False]
    assert {c.actor.handle for c in PlanChange.objects.filter(member=river.member)} == {
        "casey",
        "river",
    }
