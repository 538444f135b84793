"""Recovery's background work, run by the task worker."""

from django_tasks import task

from . import services


@task()
def send_checkin_reminder(member_id: int, version: int) -> str:
    return services.run_reminder(member_id, version)
