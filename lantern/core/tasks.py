"""Background work of the core app, run by the task worker."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from lantern.core import push
from lantern.core.models import Notification

logger = logging.getLogger(__name__)


def has_verified_email(person) -> bool:
    """Mail goes only to an address its owner confirmed: anyone can type someone else's."""
    from allauth.account.models import EmailAddress

    return (
        bool(person.email)
        and EmailAddress.objects.filter(
            user=person, email__iexact=person.email, verified=True
        ).exists()
    )


@task()
def deliver_notification(notification_id: int) -> str:
    """Send one stored notification by email and Web Push, each at most once."""
    notification = Notification.objects.select_related("recipient").filter(pk=notification_id)
    notification = notification.first()
    if notification is None:
        return "gone"
    person = notification.recipient
    link = settings.SITE_URL + (notification.url or "/notifications/")
    sent = []
    with translation.override(person.language or settings.LANGUAGE_CODE):
        if person.notify_email and notification.emailed_at is None and has_verified_email(person):
            # The email carries the title and a link, never the body: mailboxes are shared and
            # mail crosses servers we do not control.
            send_mail(
                subject=notification.title,
                message=_("%(title)s\n\nOpen Lantern to read more: %(link)s\n")
                % {"title": notification.title, "link": link},
                from_email=None,
                recipient_list=[person.email],
            )
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent.append("email")
        if person.notify_push and notification.pushed_at is None and settings.VAPID_PRIVATE_KEY:
            payload = {"title": notification.title, "url": link, "urgent": notification.urgent}
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
