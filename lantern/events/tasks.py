"""Events' background work, run by the task worker. Each task is safe to run twice."""

from django_tasks import task

from . import services


@task()
def send_event_reminders(event_id: int, version: int) -> int:
    """A day (or an hour) before an event: remind the people going."""
    return services.run_reminders(event_id, version)
