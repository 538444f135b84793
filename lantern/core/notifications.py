"""One notification service: `notify(person, kind, title, ...)`.

The notification is stored at once (the in-app list), then delivered by email and Web Push on
the task worker after the transaction commits, honouring the person's preferences and quiet
hours. Urgent safety notifications ignore quiet hours. A person who chose a daily or weekly
email gets one digest of what they have not read yet instead of an email per notification
(urgent ones still go at once).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lantern.core.models import Notification, PushSubscription
from lantern.core.timezones import quiet_hours_end, zone_for


def delivery_time(person, *, urgent: bool, now=None):
    """When email/push may go out: now, or the end of the person's quiet hours."""
    if urgent:
        return None
    now = now or timezone.now()
    return quiet_hours_end(person.quiet_hours_start, person.quiet_hours_end, zone_for(person), now)


def wants_delivery(person) -> bool:
    from lantern.core.tasks import has_verified_email

    return (person.notify_email and has_verified_email(person)) or (
        person.notify_push and person.push_subscriptions.exists()
    )


DIGEST_WEEKDAY = 0  # weekly digests go out on Mondays


def next_digest_time(person, now: datetime | None = None) -> datetime:
    """The next time the person's digest goes out: their chosen local time, every day or on
    Mondays, moved to the end of their quiet hours if it falls inside them."""
    now = now or timezone.now()
    zone = zone_for(person)
    local = now.astimezone(zone)
    day = local.date()
    while True:
        due = datetime.combine(day, person.digest_time, tzinfo=zone)
        weekly_ok = person.email_digest != "weekly" or day.weekday() == DIGEST_WEEKDAY
        if due > now and weekly_ok:
            break
        day += timedelta(days=1)
    later = quiet_hours_end(person.quiet_hours_start, person.quiet_hours_end, zone, due)
    return later or due


def schedule_digest(person, due: datetime | None = None) -> None:
    """Make sure one digest is on its way (after this transaction commits), at `due` or the
    person's next digest time. `User.digest_due_at` says when the scheduled one is due: a
    conditional update claims it, so two requests cannot both schedule one, and the task sends
    only if the mark still names its time (a rescheduled digest makes the old task a no-op).
    A stale mark (a task lost with a crashed worker) is replaced."""
    from lantern.accounts.models import User
    from lantern.core.tasks import send_digest

    now = timezone.now()
    due = due or next_digest_time(person, now)
    stale = now - timedelta(hours=1)
    claimed = (
        User.objects.filter(pk=person.pk)
        .filter(Q(digest_due_at__isnull=True) | Q(digest_due_at__lt=stale))
        .update(digest_due_at=due)
    )
    if claimed:
        task = send_digest.using(run_after=due)
        transaction.on_commit(lambda: task.enqueue(person.pk, due.isoformat()))


def reschedule_digest(person) -> None:
    """The person changed how or when they get email (cadence, time, quiet hours, time zone):
    the digest on its way is called off, and what it would have listed goes at the new time,
    or, if they now want each email as it comes, in one email at once (after quiet hours)."""
    from lantern.accounts.models import User
    from lantern.core.tasks import pending_for_digest

    User.objects.filter(pk=person.pk).update(digest_due_at=None)
    person.digest_due_at = None
    if not (person.notify_email and pending_for_digest(person).exists()):
        return
    if digests_email(person):
        schedule_digest(person)
    else:
        schedule_digest(person, delivery_time(person, urgent=False) or timezone.now())


def digests_email(person) -> bool:
    """True when the person's (non-urgent) email goes out as a digest."""
    return bool(person.email_digest) and person.notify_email


def notify(
    person, kind: str, title: str, *, body: str = "", url: str = "", urgent: bool = False
) -> Notification:
    """Tell `person` something: in-app now, by email/push when their preferences allow.
    `url` is a path on this site ("/safety/alerts/3/"): links in mail and pushes never lead away."""
    from lantern.core.tasks import deliver_notification

    if url and (not url.startswith("/") or url.startswith("//") or "\\" in url):
        raise ValueError(f"A notification links to a path on this site, not {url!r}")
    with transaction.atomic():
        notification = Notification.objects.create(
            recipient=person, kind=kind, title=title, body=body, url=url, urgent=urgent
        )
        if digests_email(person) and not urgent:
            schedule_digest(person)
        if wants_delivery(person):
            run_after = delivery_time(person, urgent=urgent)
            task = deliver_notification
            if urgent and task.get_backend().supports_priority:
                task = task.using(priority=50)  # ahead of routine mail in the queue
            if run_after is not None:
                task = task.using(run_after=run_after)
            transaction.on_commit(lambda: task.enqueue(notification.pk))
    return notification


@transaction.atomic
def save_push_subscription(person, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Store a device's push subscription for `person`. A browser has one subscription per
    site, so a device now used by someone else stops receiving the previous person's
    notifications. Each person keeps their newest PUSH_SUBSCRIPTIONS_PER_PERSON devices."""
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint[:1000],
        defaults={"user": person, "p256dh": p256dh[:200], "auth": auth[:100]},
    )
    keep = person.push_subscriptions.order_by("-created_at", "-pk").values_list("pk", flat=True)
    stale = list(keep[settings.PUSH_SUBSCRIPTIONS_PER_PERSON :])
    if stale:
        PushSubscription.objects.filter(pk__in=stale).delete()
    return subscription


def forget_push_subscription(person, endpoint: str) -> None:
    PushSubscription.objects.filter(user=person, endpoint=endpoint).delete()


def mark_read(person, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(person) -> int:
    return Notification.objects.for_user(person).unread().update(read_at=timezone.now())
