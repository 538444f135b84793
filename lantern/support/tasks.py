"""Support's background work, run by the task worker. Each task is safe to run twice."""

from django_tasks import task

from . import services


@task()
def remind_waiting_referral(referral_id: int, stamp: str) -> str:
    """Scheduled when a referral enters a status: still there after two weeks → a reminder."""
    return services.run_referral_reminder(referral_id, stamp)
