"""Alumni background work, run by the task worker. Each task is safe to run twice."""

from django_tasks import task

from . import services


@task()
def send_checkin(checkin_id: int) -> str:
    """Queued for a check-in's day when a graduate joins: tell them it is due (once)."""
    return services.send_checkin(checkin_id)
