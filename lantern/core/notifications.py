"""One notification service: `notify(person, kind, title, ...)`.

The notification is stored at once (the in-app list), then delivered by email and Web Push on
the task worker after the transaction commits, honouring the person's preferences and quiet
hours. Urgent safety notifications ignore quiet hours.
"""

from django.db import transaction
from django.utils import timezone

from lantern.core.models import Notification
from lantern.core.timezones import quiet_hours_end, zone_for


def delivery_time(person, *, urgent: bool, now=None):
    """When email/push may go out: now, or the end of the person's quiet hours."""
    if urgent:
        return None
    now = now or timezone.now()
    return quiet_hours_end(person.quiet_hours_start, person.quiet_hours_end, zone_for(person), now)


def wants_delivery(person) -> bool:
    return bool(person.email and person.notify_email) or (
        person.notify_push and person.push_subscriptions.exists()
    )


def notify(
    person, kind: str, title: str, *, body: str = "", url: str = "", urgent: bool = False
) -> Notification:
    """Tell `person` something: in-app now, by email/push when their preferences allow."""
    from lantern.core.tasks import deliver_notification

    with transaction.atomic():
        notification = Notification.objects.create(
            recipient=person, kind=kind, title=title, body=body, url=url, urgent=urgent
        )
        if wants_delivery(person):
            run_after = delivery_time(person, urgent=urgent)
            task = deliver_notification
            if urgent and task.get_backend().supports_priority:
                task = task.using(priority=50)  # ahead of routine mail in the queue
            if run_after is not None:
                task = task.using(run_after=run_after)
            transaction.on_commit(lambda: task.enqueue(notification.pk))
    return notification


def mark_read(person, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(person) -> int:
    return Notification.objects.for_user(person).unread().update(read_at=timezone.now())
