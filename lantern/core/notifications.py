"""One notification service: `notify(person, kind, about=record, actor=person, params=...)`.

What a notification says is registered per kind (`core.notification_kinds`) and rendered in
the reader's language; the row stores what it is about and its parameters.

The notification is stored at once (the in-app list), then delivered by email and Web Push on
the task worker after the transaction commits, honouring the person's preferences and quiet
hours. Urgent safety notifications ignore quiet hours. A person who chose a daily or weekly
email gets one digest of what they have not read yet instead of an email per notification
(urgent ones still go at once).
"""

from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lantern.core import notification_kinds, tasks
from lantern.core.models import Notification, PushSubscription, reference
from lantern.core.timezones import quiet_hours_end, zone_for


def delivery_time(person, *, urgent: bool, now=None):
    """When email/push may go out: now, or the end of the person's quiet hours."""
    if urgent:
        return None
    now = now or timezone.now()
    return quiet_hours_end(person.quiet_hours_start, person.quiet_hours_end, zone_for(person), now)


def has_verified_email(person) -> bool:
    """Mail goes only to an address its owner confirmed: anyone can type someone else's."""
    return (
        bool(person.email)
        and EmailAddress.objects.filter(
            user=person, email__iexact=person.email, verified=True
        ).exists()
    )


def wants_delivery(person) -> bool:
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
    now = timezone.now()
    due = due or next_digest_time(person, now)
    stale = now - timedelta(hours=1)
    claimed = (
        get_user_model()
        .objects.filter(pk=person.pk)
        .filter(Q(digest_due_at__isnull=True) | Q(digest_due_at__lt=stale))
        .update(digest_due_at=due)
    )
    if claimed:
        task = tasks.send_digest.using(run_after=due)
        transaction.on_commit(lambda: task.enqueue(person.pk, due.isoformat()))


def reschedule_digest(person) -> None:
    """The person changed how or when they get email (cadence, time, quiet hours, time zone):
    the digest on its way is called off, and what it would have listed goes at the new time,
    or, if they now want each email as it comes, in one email at once (after quiet hours)."""
    get_user_model().objects.filter(pk=person.pk).update(digest_due_at=None)
    person.digest_due_at = None
    if not (person.notify_email and tasks.pending_for_digest(person).exists()):
        return
    if digests_email(person):
        schedule_digest(person)
    else:
        schedule_digest(person, delivery_time(person, urgent=False) or timezone.now())


def digests_email(person) -> bool:
    """True when the person's (non-urgent) email goes out as a digest."""
    return bool(person.email_digest) and person.notify_email


def notify(
    person,
    kind: str,
    *,
    about=None,
    actor=None,
    params: dict | None = None,
    url: str = "",
    body: str = "",
    urgent: bool = False,
) -> Notification:
    """Tell `person` something: in-app now, by email/push when their preferences allow.

    `kind` is registered in `core.notification_kinds` (its words); `about` is the record it is
    about (erasure finds it by that), `actor` the person it names, `params` the other values its
    words need (plain strings and numbers). `url` comes from `reverse()`: a path on this site,
    so links in mail and pushes never lead away. `body` holds words a person wrote for the
    recipient (a moderator's reason); it is shown in-app only, never mailed."""
    if not notification_kinds.is_registered(kind):
        raise ValueError(f"Register the notification kind {kind!r} in its app's ready()")
    if url and (not url.startswith("/") or url.startswith("//") or "\\" in url):
        raise ValueError(f"A notification links to a path on this site, not {url!r}")
    with transaction.atomic():
        notification = Notification.objects.create(
            recipient=person,
            kind=kind,
            about=reference(about),
            actor=actor,
            params=params or {},
            body=body,
            url=url,
            urgent=urgent,
        )
        if digests_email(person) and not urgent:
            schedule_digest(person)
        if wants_delivery(person):
            run_after = delivery_time(person, urgent=urgent)
            task = tasks.deliver_notification
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
