from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.core import notification_kinds as kinds
from lantern.core.crypto import EncryptedTextField


class AuditEvent(models.Model):
    """Who did what to which record, when. Written by `core.audit.record`; never edited.

    `subject` is the member whose data was touched (so a member can see who looked at their
    records); `target` names the record as "app.model:pk" so the log outlives the record."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64)
    target = models.CharField(max_length=128, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audit_events_about",
    )
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.target}"


def reference(obj) -> str:
    """How a log entry or a notification names a record: "app.model:pk" (outlives the row)."""
    if obj is None:
        return ""
    return f"{obj._meta.label_lower}:{obj.pk}"


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def about(self, *objs):
        """Notifications about any of these records (by reference: see `reference`)."""
        return self.filter(about__in=[reference(obj) for obj in objs])


class Notification(models.Model):
    """One thing a person should know about. Always shown in-app; also sent by email and Web
    Push when the person's preferences allow (see core.notifications.notify).

    A notification stores what it is about (`about`, "app.model:pk"), its `kind`, the person it
    names (`actor`) and its parameters; its title is rendered from the kind when it is shown or
    sent, in the reader's language. `fallback_title` keeps the words of notifications made
    before kinds were registered."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=48)
    about = models.CharField(max_length=128, blank=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    params = models.JSONField(default=dict, blank=True)
    fallback_title = models.CharField(max_length=200, blank=True)
    body = EncryptedTextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    urgent = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    pushed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id}"

    @property
    def title(self) -> str:
        """The title in the language active now (the reader's)."""
        return kinds.title(self)

    @property
    def neutral_title(self) -> str:
        """What an email subject or a push title says: never a member's words."""
        return kinds.neutral_title(self)

    @property
    def body_text(self) -> str:
        """What is shown in-app under the title, in the language active now: the kind's standing
        explanation, then any words stored for the reader. Never mailed or pushed."""
        return kinds.body(self)


class PushSubscription(models.Model):
    """A browser's Web Push subscription (one per device the person turned notifications on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("push subscription")

    def __str__(self):
        return self.endpoint[:60]


class SiteSettings(models.Model):
    """What an administrator sets for the whole site from Settings (`/manage/site/`): one row,
    read through `core.site.current()`. Blank fields fall back to the operator's settings."""

    name = models.CharField(
        _("site name"),
        max_length=40,
        default="Lantern",
        help_text=_("Shown in the header, page titles and when Lantern is added to a phone."),
    )
    description = models.CharField(
        _("short description"),
        max_length=200,
        blank=True,
        help_text=_(
            "One or two sentences for visitors and search results, for example who runs this "
            "site and for whom. Blank: Lantern's own words, in the visitor's language."
        ),
    )
    time_zone = models.CharField(
        _("community time zone"),
        max_length=64,
        blank=True,
        help_text=_(
            "Used for meetings that name no time zone and for people who have not chosen one."
        ),
    )
    open_signup = models.BooleanField(
        _("anyone may join"),
        default=True,
        help_text=_("Off: people join only with an invitation link or code."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self):
        return self.name
