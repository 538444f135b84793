"""Walk the escalation timeline with a controlled clock. The task worker runs the real timers
(django-tasks with the database backend, or RQ), at the times the test moves to."""

import datetime

import pytest
import time_machine

from lantern.conftest import run_tasks
from lantern.core.models import Notification
from lantern.safety import services
from lantern.safety.contexts import Context
from lantern.safety.models import Alert, ReachOut, SafetySettings

pytestmark = pytest.mark.django_db(transaction=True)
T0 = datetime.datetime(2026, 11, 20, 2, 0, tzinfo=datetime.UTC)  # 2 a.m., of course


def told(person, kind="safety.reach_out") -> bool:
    return Notification.objects.filter(recipient=person, kind=kind).exists()


def at(minutes, seconds=0):
    return time_machine.travel(
        T0 + datetime.timedelta(minutes=minutes, seconds=seconds), tick=False
    )


@pytest.fixture
def roster(people):
    """jo (supporter) and casey (specialist) are on duty; sam is in river's circle."""
    with at(-60):
        services.start_shift(people.jo, "supporter", 8)
        services.start_shift(people.casey, "specialist", 8)
        services.add_to_circle(people.river, "sam")
    return people


def test_unclaimed_at_5_minutes_goes_to_the_specialist_then_to_an_admin(roster):
    people = roster
    with at(0):
        reach_out = services.start_reach_out(people.river, "i can't stop thinking about using")
        run_tasks()
    assert told(people.sam) and told(people.jo)  # circle and on-duty supporter, at once
    assert not told(people.casey)

    with at(4, 59):
        run_tasks()
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.PEERS
    assert not told(people.casey)

    with at(5, 1):
        run_tasks()
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.SPECIALIST
    assert told(people.casey)
    assert not told(people.alex)
    # The member is kept in the loop, and shown where to call.
    assert told(people.river, "safety.reach_out_update")

    with at(10, 2):
        run_tasks()
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.ADMIN
    assert told(people.alex)


def test_a_claimed_reach_out_does_not_escalate(roster):
    people = roster
    with at(0):
        reach_out = services.start_reach_out(people.river)
    with at(2):
        services.claim_reach_out(people.jo, reach_out)
        run_tasks()
    with at(6):
        run_tasks()
    with at(30):
        run_tasks()
    reach_out.refresh_from_db()
    assert reach_out.status == ReachOut.Status.CLAIMED
    assert reach_out.tier == ReachOut.Tier.PEERS
    assert not told(people.casey)
    assert not told(people.alex)
    assert told(people.river, "safety.reach_out_claimed")


def test_the_escalation_delay_is_an_admin_setting(roster):
    people = roster
    SafetySettings.objects.update_or_create(pk=1, defaults={"reach_out_escalation_minutes": 2})
    with at(0):
        reach_out = services.start_reach_out(people.river)
    with at(2, 1):
        run_tasks()
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.SPECIALIST


def test_with_nobody_on_duty_and_no_circle_the_specialists_are_told_at_once(people):
    with at(0):
        reach_out = services.start_reach_out(people.sam)
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.SPECIALIST
    assert told(people.casey)  # every specialist, since none is on shift


def test_an_unacknowledged_alert_escalates_and_an_acknowledged_one_does_not(people):
    with at(-60):
        services.start_shift(people.morgan, "moderator", 8)
    with at(0):
        outcome = services.check_text(people.river, "im going to kill myself tonight", Context.POST)
        other = services.check_text(
            people.sam, "goodbye everyone, this is my last post", Context.POST
        )
    assert told(people.morgan, "safety.alert")
    with at(1):
        services.acknowledge_alert(people.morgan, other.alert)
    with at(5, 1):
        run_tasks()
    first = Alert.objects.get(pk=outcome.alert.pk)
    second = Alert.objects.get(pk=other.alert.pk)
    assert first.tier == 1 and first.escalations == 1
    assert second.tier == 0 and second.escalations == 0
    assert told(people.casey, "safety.alert")  # the specialists, at tier 1
