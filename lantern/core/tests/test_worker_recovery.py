"""A task survives the worker that dies while running it, on either backend (the database queue,
or RQ when REDIS_URL is set), and every task is safe to run twice, which is what makes running
it again safe. The worker's periodic pass (`taskqueue.periodic_pass`, run by `manage.py worker`
at start and every minute) does the recovering; the fault drills kill real worker processes
(test_fault_drills.py)."""

import datetime
import os
import subprocess

import django_rq
import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from django_tasks_rq.backend import Job
from rq import SimpleWorker

from lantern.conftest import run_tasks
from lantern.core import notification_kinds, taskqueue
from lantern.core import tasks as core_tasks
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.recovery import services as recovery
from lantern.recovery import tasks as recovery_tasks
from lantern.recovery.models import Nudge, Preferences
from lantern.safety import services as safety
from lantern.safety import tasks as safety_tasks
from lantern.safety.contexts import Context
from lantern.safety.models import Alert, ReachOut

pytestmark = pytest.mark.django_db(transaction=True)
ON_RQ = not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db")
T0 = datetime.datetime(2026, 11, 20, 15, 0, tzinfo=datetime.UTC)

notification_kinds.register(
    "test.recovery.news", title="%(actor)s wrote to you", neutral="You have news on Lantern"
)


def at(seconds=0.0):
    return time_machine.travel(T0 + datetime.timedelta(seconds=seconds), tick=False)


@pytest.fixture
def river(people):
    river = people.river
    river.email, river.notify_email, river.time_zone = "river@example.org", True, "UTC"
    river.save()
    EmailAddress.objects.create(user=river, email=river.email, verified=True, primary=True)
    return river


def reminders(person) -> int:
    return Notification.objects.filter(recipient=person, kind="recovery.reminder").count()


def a_dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def a_live_process():
    return subprocess.Popen(["sleep", "60"])


def leave_claimed_by(wid: str) -> None:
    """Leave the next queued task as a worker that was killed while running it leaves it:
    claimed, and never finished."""
    if ON_RQ:
        queue = django_rq.get_queue("default", job_class=Job)
        worker = SimpleWorker([queue], connection=queue.connection, name=wid, job_class=Job)
        job, _queue = worker.dequeue_job_and_maintain_ttl(timeout=1)
        worker.prepare_execution(job)
        worker.prepare_job_execution(job, remove_from_intermediate_queue=True)
        # ...and here the process died.
    else:
        DBTaskResult.objects.ready().first().claim(wid)


def still_claimed() -> int:
    if ON_RQ:
        registry = django_rq.get_queue("default", job_class=Job).started_job_registry
        return len(registry.get_job_ids(cleanup=False))  # as it is, whatever the clock says
    return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count()


def work(after_seconds: float) -> None:
    """A worker running at T0 + `after_seconds`: its periodic pass, then the queue."""
    with at(after_seconds):
        taskqueue.periodic_pass()
        run_tasks()


# --- A worker that dies -------------------------------------------------------------------------


def test_a_delivery_whose_worker_died_is_sent_once_when_a_worker_runs_again(
    river, people, mailoutbox
):
    with at(0):
        notify(river, "test.recovery.news", actor=people.jo)
        leave_claimed_by(taskqueue.worker_id(pid=a_dead_pid()))
        run_tasks()
    assert mailoutbox == []  # the queue alone never runs it again
    assert still_claimed() == 1

    work(after_seconds=1)  # the claim goes back (RQ retries it 10 seconds later)
    work(after_seconds=12)
    [mail] = mailoutbox
    assert mail.subject == "You have news on Lantern"
    assert still_claimed() == 0

    work(after_seconds=30)
    work(after_seconds=600)
    assert len(mailoutbox) == 1  # and never again


def test_a_task_held_by_a_worker_that_still_runs_is_left_to_it(river, people, mailoutbox):
    alive = a_live_process()
    try:
        with at(0):
            notify(river, "test.recovery.news", actor=people.jo)
            leave_claimed_by(taskqueue.worker_id(pid=alive.pid))
        work(after_seconds=30)
        assert mailoutbox == []
        assert still_claimed() == 1
    finally:
        alive.kill()
        alive.wait()


def test_a_claim_we_cannot_check_is_given_back_once_it_is_ten_minutes_old(
    river, people, mailoutbox
):
    """A worker on another machine cannot be asked whether it lives; no task runs for ten
    minutes, so by then it is gone. (RQ decides sooner: its heartbeat expires after 90 s.)"""
    with at(0):
        notify(river, "test.recovery.news", actor=people.jo)
        leave_claimed_by("another-machine:4242:abcdefgh")
    work(after_seconds=60)
    assert mailoutbox == []
    work(after_seconds=10 * 60 + 1)
    work(after_seconds=10 * 60 + 12)
    assert len(mailoutbox) == 1


@pytest.mark.skipif(ON_RQ, reason="RQ counts its own retries (Retry(max=3) on every job)")
def test_a_task_that_is_lost_with_its_worker_four_times_is_given_up(river, people, mailoutbox):
    with at(0):
        notify(river, "test.recovery.news", actor=people.jo)
    for attempt in range(taskqueue.MAX_ATTEMPTS):
        with at(attempt):
            leave_claimed_by(taskqueue.worker_id(pid=a_dead_pid()))
            taskqueue.periodic_pass()
    [result] = DBTaskResult.objects.all()
    assert result.status == TaskResultStatus.FAILED
    assert result.exception_class_path == taskqueue.WORKER_LOST
    work(after_seconds=3600)
    assert mailoutbox == []


def test_a_task_that_failed_is_tried_again_after_ten_seconds(river, people, settings, mailoutbox):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: refused
    with at(0):
        notify(river, "test.recovery.news", actor=people.jo)
        run_tasks()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # mail is back
    work(after_seconds=5)
    assert mailoutbox == []
    work(after_seconds=11)
    assert len(mailoutbox) == 1
    work(after_seconds=120)
    assert len(mailoutbox) == 1


def test_the_worker_runs_its_pass_when_it_starts_and_works_under_its_own_id(river, people):
    """`manage.py worker --batch`: the pass first (the dead worker's claim goes back), then
    the queue, under an id that names this machine and process."""
    with at(0):
        notify(river, "test.recovery.news", actor=people.jo)
        leave_claimed_by(taskqueue.worker_id(pid=a_dead_pid()))
    with at(12):
        call_command("worker", "--batch", verbosity=0)
        if ON_RQ:  # RQ puts it back for 10 seconds later
            with at(30):
                call_command("worker", "--batch", verbosity=0)
    notification = Notification.objects.get(recipient=river)
    assert notification.emailed_at is not None
    if not ON_RQ:
        [result] = DBTaskResult.objects.all()
        host, pid, _random = result.worker_ids[-1].rsplit(":", 2)
        assert (host, int(pid)) == (taskqueue.HOST, os.getpid())


# --- Every task is safe to run twice ------------------------------------------------------------


def test_a_notification_delivered_twice_is_emailed_once(river, people, mailoutbox):
    notification = notify(river, "test.recovery.news", actor=people.jo)
    core_tasks.deliver_notification.call(notification.pk)
    core_tasks.deliver_notification.call(notification.pk)
    assert len(mailoutbox) == 1


def test_a_digest_run_twice_is_one_email(river, people, mailoutbox):
    river.email_digest = "daily"
    river.save()
    with at(0):
        notify(river, "test.recovery.news", actor=people.jo)
    river.refresh_from_db()
    due = river.digest_due_at
    assert due is not None
    with at(24 * 3600):
        core_tasks.send_digest.call(river.pk, due.isoformat())
        core_tasks.send_digest.call(river.pk, due.isoformat())
    assert len(mailoutbox) == 1


def test_an_escalation_run_twice_escalates_once(people):
    safety.start_shift(people.jo, "supporter", 8)
    reach_out = safety.start_reach_out(people.river)
    assert safety_tasks.escalate_reach_out.call(reach_out.pk, ReachOut.Tier.PEERS) is True
    assert safety_tasks.escalate_reach_out.call(reach_out.pk, ReachOut.Tier.PEERS) is False
    reach_out.refresh_from_db()
    assert reach_out.tier == ReachOut.Tier.SPECIALIST
    assert Notification.objects.filter(recipient=people.casey, kind="safety.reach_out").count() == 1

    safety.start_shift(people.morgan, "moderator", 8)
    alert = safety.check_text(people.sam, "im going to kill myself tonight", Context.POST).alert
    assert safety_tasks.escalate_alert.call(alert.pk, 0) is True
    assert safety_tasks.escalate_alert.call(alert.pk, 0) is False
    assert Alert.objects.get(pk=alert.pk).escalations == 1


def test_a_reminder_run_again_reminds_once_and_schedules_one_next_reminder(people):
    """The worker ran today's reminder and died before recording it: it runs again."""
    river = people.river
    river.time_zone = "UTC"
    river.save()
    with at(0):
        prefs = recovery.set_reminder(river, datetime.time(20, 0))
    version = Preferences.objects.get(pk=prefs.pk).reminder_version
    with at(5 * 3600 + 30):
        run_tasks()
        recovery_tasks.send_checkin_reminder.call(river.pk, version)
    assert reminders(river) == 1
    # One chain of reminders goes on, not two: tomorrow's comes once.
    with at(29 * 3600 + 30):
        run_tasks()
        run_tasks()
    assert reminders(river) == 2


def test_a_silence_check_run_twice_makes_one_nudge(people):
    river = people.river
    with at(0):
        counter = recovery.start_counter(river, "alcohol", datetime.date(2026, 10, 1))
        recovery.new_start(river, counter, datetime.date(2026, 11, 15))

        recovery_tasks.check_silence.call(river.pk)
        recovery_tasks.check_silence.call(river.pk)
    assert Nudge.objects.filter(member=river, kind=Nudge.Kind.SILENCE).count() == 1
