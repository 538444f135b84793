"""The sweeper: when an escalation's timer is lost (the worker holding it died, the queue lost
it), every worker's periodic pass finds the reach-out or alert still open past its deadline and
escalates it, exactly once, even when the timer turns up after all. A controlled clock, the
real task queue (database or RQ) and the worker's real pass (`taskqueue.periodic_pass`)."""

import datetime

import django_rq
import pytest
import time_machine
from django.conf import settings
from django_tasks_db.models import DBTaskResult
from django_tasks_rq.backend import Job

from lantern.conftest import run_tasks
from lantern.core import taskqueue
from lantern.core.models import Notification
from lantern.safety import services
from lantern.safety.contexts import Context
from lantern.safety.models import Alert, ReachOut, ReachOutRecipient

pytestmark = pytest.mark.django_db(transaction=True)
ON_RQ = not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db")
T0 = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)


def at(minutes, seconds=0):
    return time_machine.travel(
        T0 + datetime.timedelta(minutes=minutes, seconds=seconds), tick=False
    )


def times_told(person, kind="safety.reach_out") -> int:
    return Notification.objects.filter(recipient=person, kind=kind).count()


def worker_pass(minutes, seconds=0):
    """A worker at that moment: its periodic pass (the sweeper among it), then the queue."""
    with at(minutes, seconds):
        outcomes = taskqueue.periodic_pass()
        run_tasks()
    return outcomes


def lose_the_timers() -> None:
    """What a worker that died holding the timers (or a queue that lost them) leaves behind:
    nothing waiting to run."""
    if ON_RQ:
        queue = django_rq.get_queue("default", job_class=Job)
        registry = queue.scheduled_job_registry
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)
        queue.empty()
    else:
        DBTaskResult.objects.all().delete()


@pytest.fixture
def roster(people):
    """jo (supporter) and casey (specialist) are on duty; sam is in river's circle."""
    with at(-60):
        services.start_shift(people.jo, "supporter", 8)
        services.start_shift(people.casey, "specialist", 8)
        services.add_to_circle(people.river, "sam")
    return people


def test_a_reach_out_whose_timer_was_lost_is_escalated_by_the_next_worker_pass(roster):
    people = roster
    with at(0):
        reach_out = services.start_reach_out(people.river, "please, anyone")
        run_tasks()
    lose_the_timers()
    with at(5, 1):
        run_tasks()
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.PEERS  # the deadline passed, and nobody was told

    outcomes = worker_pass(6, 1)
    assert outcomes["safety.missed_escalations"] == 1
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.SPECIALIST
    assert times_told(people.casey) == 1
    assert times_told(people.river, "safety.reach_out_update") == 1

    worker_pass(6, 30)
    worker_pass(7)
    assert times_told(people.casey) == 1  # once, however many passes

    # The new tier has its own timer again: an administrator is told 5 minutes later.
    worker_pass(11, 2)
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.ADMIN
    assert times_told(people.alex) == 1


def test_the_sweeper_leaves_a_deadline_to_its_timer_for_a_minute(roster):
    people = roster
    with at(0):
        reach_out = services.start_reach_out(people.river)
    with at(5, 30):
        outcomes = taskqueue.periodic_pass()
    assert outcomes["safety.missed_escalations"] == 0
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.PEERS
    with at(5, 30):
        run_tasks()  # the timer itself
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.SPECIALIST


def test_when_the_timer_turns_up_after_the_sweeper_it_escalates_once(roster):
    """The worker holding the timer was only slow: the sweeper and the timer both come."""
    people = roster
    with at(0):
        reach_out = services.start_reach_out(people.river)
    with at(8):
        taskqueue.periodic_pass()  # the sweeper first
        run_tasks()  # then the timer that was due at 5 minutes
        run_tasks()
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.SPECIALIST
    assert times_told(people.casey) == 1
    assert times_told(people.river, "safety.reach_out_update") == 1
    assert ReachOutRecipient.objects.filter(reach_out=reach_out, person=people.casey).count() == 1
    assert not times_told(people.alex)


def test_an_alert_whose_timer_was_lost_is_escalated_once(people):
    with at(-60):
        services.start_shift(people.morgan, "moderator", 8)
    with at(0):
        alert = services.check_text(people.sam, "im going to kill myself tonight", Context.POST)
        alert = alert.alert
        run_tasks()
    lose_the_timers()
    with at(5, 1):
        run_tasks()
    assert Alert.objects.get(pk=alert.pk).escalations == 0

    worker_pass(6, 1)
    worker_pass(6, 30)
    alert.refresh_from_db()
    assert alert.escalations == 1
    assert alert.tier == ReachOut.Tier.SPECIALIST
    assert times_told(people.casey, "safety.alert") == 1


def test_answered_reach_outs_and_acknowledged_alerts_are_left_alone(roster):
    people = roster
    with at(-60):
        services.start_shift(people.morgan, "moderator", 8)
    with at(0):
        claimed = services.start_reach_out(people.river)
        closed = services.start_reach_out(people.sam)
        alert = services.check_text(people.sam, "im going to kill myself tonight", Context.POST)
        services.claim_reach_out(people.jo, claimed)
        services.close_reach_out(people.sam, closed)
        services.acknowledge_alert(people.morgan, alert.alert)
    lose_the_timers()
    outcomes = worker_pass(30)
    assert outcomes["safety.missed_escalations"] == 0
    assert not times_told(people.alex)
    assert not times_told(people.alex, "safety.alert")
    assert Alert.objects.get(pk=alert.alert.pk).escalations == 0
