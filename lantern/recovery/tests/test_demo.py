"""`manage.py demo` gives river a believable recovery, and running it again changes nothing."""

from lantern.core import registry
from lantern.recovery import demo, services
from lantern.recovery.models import CheckIn, Counter, Grant, JournalEntry, PlanItem


def test_the_demo_seed_is_realistic_and_idempotent(people):
    demo.seed()
    demo.seed()
    counter = Counter.objects.get(member=people.river)
    summary = services.summarize(counter)
    assert summary.days == 94 and len(summary.runs) == 2
    assert summary.latest.key == "90d"
    assert CheckIn.objects.filter(member=people.river).count() == 12
    assert JournalEntry.objects.filter(member=people.river).count() == 1
    assert PlanItem.objects.filter(member=people.river).count() == 6
    grant = Grant.objects.get(member=people.river)
    assert grant.person == people.jo and grant.scopes() == ["milestones", "checkins"]


def test_the_demo_seed_is_registered_after_the_meetings_it_links_to():
    seeds = {s.name: s for s in registry.demo_seeds()}
    assert seeds["recovery"].seed is demo.seed and seeds["recovery"].order == 30
    assert seeds["meetings"].order < seeds["recovery"].order
