"""A review item nobody looks at escalates on time, like an unanswered alert: a controlled clock,
and the task worker running the real timers (django-tasks with the database backend, or RQ) at
the times the test moves to."""

import datetime

import pytest
import time_machine

from lantern.conftest import run_tasks
from lantern.core import taskqueue
from lantern.core.models import AuditEvent, Notification
from lantern.safety import review, services
from lantern.safety.contexts import Context
from lantern.safety.models import ReachOut, ReviewItem, SafetySettings
from lantern.safety.tests.test_sweeper import lose_the_timers

pytestmark = pytest.mark.django_db(transaction=True)
T0 = datetime.datetime(2026, 11, 20, 21, 0, tzinfo=datetime.UTC)
REVIEW_TEXT = "I don't know why I keep trying anymore."  # see test_review_queue.py


def at(minutes, seconds=0):
    return time_machine.travel(
        T0 + datetime.timedelta(minutes=minutes, seconds=seconds), tick=False
    )


def worker_pass(minutes, seconds=0):
    """A worker at that moment: its periodic pass (the sweeper among it), then the queue."""
    with at(minutes, seconds):
        outcomes = taskqueue.periodic_pass()
        run_tasks()
    return outcomes


def told(person) -> bool:
    return Notification.objects.filter(recipient=person, kind="safety.review_waiting").exists()


@pytest.fixture
def roster(people):
    """jo (supporter) and morgan (moderator) are on duty; casey (specialist) is not."""
    with at(-60):
        services.start_shift(people.jo, "supporter", 8)
        services.start_shift(people.morgan, "moderator", 8)
    return people


def queue(person) -> ReviewItem:
    item = services.check_text(person, REVIEW_TEXT, Context.REPLY).review_item
    assert item is not None
    return item


def test_nobody_looks_for_60_minutes_then_staff_then_admins_are_told(roster):
    people = roster
    with at(0):
        item = queue(people.river)
        run_tasks()
    assert not Notification.objects.filter(kind__startswith="safety.").exists()  # nobody paged

    with at(59, 59):
        run_tasks()
    item.refresh_from_db()
    assert item.tier == 0 and not told(people.morgan)

    with at(60, 1):
        run_tasks()
    item.refresh_from_db()
    assert item.tier == ReachOut.Tier.SPECIALIST and item.escalations == 1
    # On-duty moderators (and specialists); with a specialist on duty, not every specialist.
    assert told(people.morgan) and not told(people.casey)
    assert not told(people.jo) and not told(people.alex)
    n = Notification.objects.get(recipient=people.morgan, kind="safety.review_waiting")
    assert n.urgent and n.about == f"safety.reviewitem:{item.pk}"
    assert REVIEW_TEXT not in n.title + n.neutral_title  # the words stay in the queue
    assert AuditEvent.objects.filter(action="review.escalate", subject=people.river).exists()

    # Then, like an alert, the administrators after the alert's response time (5 minutes).
    with at(64, 59):
        run_tasks()
    assert not told(people.alex)
    with at(65, 2):
        run_tasks()
    item.refresh_from_db()
    assert item.tier == ReachOut.Tier.ADMIN and told(people.alex)
    with at(120):
        run_tasks()
    item.refresh_from_db()
    assert item.tier == ReachOut.Tier.ADMIN and item.escalations == 2  # nothing after the last


def test_an_item_someone_looked_at_does_not_escalate(roster):
    people = roster
    with at(0):
        item = queue(people.river)
    with at(30):
        review.looks_fine(people.jo, item)
        run_tasks()
    with at(61):
        run_tasks()
    with at(200):
        run_tasks()
    item.refresh_from_db()
    assert item.status == "fine" and item.tier == 0 and item.escalations == 0
    assert not Notification.objects.filter(kind="safety.review_waiting").exists()


def test_with_no_staff_on_duty_every_specialist_is_told(people):
    with at(0):
        item = queue(people.river)
    with at(60, 1):
        run_tasks()
    item.refresh_from_db()
    assert item.tier == ReachOut.Tier.SPECIALIST
    assert told(people.casey) and not told(people.morgan)


def test_the_deadline_is_an_admin_setting(roster):
    SafetySettings.objects.update_or_create(pk=1, defaults={"review_minutes": 15})
    with at(0):
        item = queue(roster.sam)
    with at(15, 1):
        run_tasks()
    item.refresh_from_db()
    assert item.tier == ReachOut.Tier.SPECIALIST


def test_the_sweeper_escalates_an_item_whose_timer_was_lost_once(roster):
    people = roster
    with at(0):
        item = queue(people.river)
    lose_the_timers()  # a worker died holding it: only the sweeper is left
    with at(60, 30):
        run_tasks()
    assert worker_pass(60, 30)["safety.missed_escalations"] == 0  # within the grace minute
    assert worker_pass(61, 30)["safety.missed_escalations"] == 1
    assert worker_pass(62)["safety.missed_escalations"] == 0  # once
    item.refresh_from_db()
    assert item.tier == ReachOut.Tier.SPECIALIST and item.escalations == 1
    assert (
        Notification.objects.filter(recipient=people.morgan, kind="safety.review_waiting").count()
        == 1
    )
