"""Recovery's background work, run by the task worker. Each task is safe to run twice."""

from django_tasks import task

from . import services


@task()
def send_checkin_reminder(member_id: int, version: int) -> str:
    return services.run_reminder(member_id, version)


@task()
def check_silence(member_id: int) -> str:
    """Scheduled by a new start: no check-in for a few days since → a gentle nudge."""
    return services.run_silence_check(member_id)
