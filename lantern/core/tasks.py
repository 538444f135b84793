"""Background work of the core app, run by the task worker."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from lantern.core import notification_kinds, notifications, push
from lantern.core.models import Notification

logger = logging.getLogger(__name__)


@task()
def deliver_notification(notification_id: int) -> str:
    """Send one stored notification by email and Web Push, each at most once."""
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id)
    notification = notification.first()
    if notification is None:
        return "gone"
    person = notification.recipient
    link = settings.SITE_URL + (notification.url or reverse("core-notifications"))
    sent = []
    with translation.override(person.language or settings.LANGUAGE_CODE):
        by_digest = person.email_digest and not notification.urgent  # see send_digest
        details = notification_kinds.shows_details(notification, chosen=person.detailed_subjects)
        outside = notification.title if details else notification.neutral_title
        if (
            person.notify_email
            and not by_digest
            and notification.emailed_at is None
            and notifications.has_verified_email(person)
        ):
            # The email carries a neutral title and a link, never a member's words: mailboxes
            # are shared, subjects show on lock screens, and mail crosses servers we do not
            # control. The link leads to the notifications list, since an address says what
            # it leads to (a group's name, a person's handle). Unless the person chose detailed
            # subjects (notification_kinds); a notification's body is never mailed either way.
            title = outside
            mail_link = link if details else settings.SITE_URL + reverse("core-notifications")
            send_mail(
                subject=title,
                message=_("%(title)s\n\nOpen Lantern to read more: %(link)s\n")
                % {"title": title, "link": mail_link},
                from_email=None,
                recipient_list=[person.email],
            )
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent.append("email")
        if person.notify_push and notification.pushed_at is None and settings.VAPID_PRIVATE_KEY:
            payload = {
                "title": outside,
                "url": link,
                "urgent": notification.urgent,
            }
            for subscription in person.push_subscriptions.all():
                try:
                    push.send(
                        subscription,
                        payload,
                        private_key=settings.VAPID_PRIVATE_KEY,
                        contact=settings.VAPID_CONTACT,
                        urgent=notification.urgent,
                    )
                except push.SubscriptionGone:
                    subscription.delete()
                except Exception:
                    logger.exception("Web Push to one device failed")
            notification.pushed_at = timezone.now()
            notification.save(update_fields=["pushed_at"])
            sent.append("push")
    return ",".join(sent) or "nothing"


DIGEST_MAX_AGE = timedelta(days=8)  # older unread notifications are not mailed any more
DIGEST_LINES = 20


def pending_for_digest(person, now=None):
    """Notifications a digest lists: not urgent (those went at once), not read, not mailed."""
    now = now or timezone.now()
    return Notification.objects.filter(
        recipient=person,
        emailed_at__isnull=True,
        read_at__isnull=True,
        urgent=False,
        created_at__gte=now - DIGEST_MAX_AGE,
        created_at__lte=now,
    ).order_by("-created_at")


@task()
def send_digest(person_id: int, due: str) -> str:
    """One email listing the titles of the person's notifications they have not read and that
    were not mailed yet (never the bodies, as for single emails). Marks them mailed."""
    User = get_user_model()
    # Claim the digest due at `due`: if it was rescheduled, or already sent by a retry of this
    # task, the mark no longer names this time and there is nothing to do.
    claimed = User.objects.filter(
        pk=person_id, is_active=True, digest_due_at=datetime.fromisoformat(due)
    ).update(digest_due_at=None)
    if not claimed:
        return "superseded"
    person = User.objects.get(pk=person_id)
    if not (person.notify_email and notifications.has_verified_email(person)):
        return "nothing"
    now = timezone.now()
    pending = pending_for_digest(person, now)
    items = list(pending[: DIGEST_LINES + 1])
    if not items:
        return "nothing"
    count = pending.count()
    with translation.override(person.language or settings.LANGUAGE_CODE):
        subject = ngettext(
            "Lantern: %(count)d new notification",
            "Lantern: %(count)d new notifications",
            count,
        ) % {"count": count}
        chosen = person.detailed_subjects
        lines = [
            f"- {notification_kinds.outside_title(n, chosen=chosen)}" for n in items[:DIGEST_LINES]
        ]
        if count > DIGEST_LINES:
            lines.append(_("…and %(more)d more.") % {"more": count - DIGEST_LINES})
        message = _(
            "Since your last email:\n\n%(lines)s\n\nOpen Lantern to read them: %(link)s\n"
        ) % {
            "lines": "\n".join(lines),
            "link": settings.SITE_URL + reverse("core-notifications"),
        }
        if person.email_digest:  # else the last digest before each email goes on its own
            cadence = _("once a week") if person.email_digest == "weekly" else _("once a day")
            message += "\n" + _(
                "You get this email %(cadence)s. Change it in your preferences: %(settings)s\n"
            ) % {
                "cadence": cadence,
                "settings": settings.SITE_URL + reverse("accounts-preferences"),
            }
        send_mail(subject, message, from_email=None, recipient_list=[person.email])
    pending.update(emailed_at=now)
    return f"{count} in one email"
