"""Work the task worker does for live rooms. Each task is safe to run twice."""

from django_tasks import task

from . import services


@task()
def assess_message(message_id: int) -> bool:
    """The safety net reads a message posted over a socket, after it was delivered."""
    return services.assess_message(message_id)
