from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core.crypto import EncryptedTextField
from lantern.core.roles import Role

from .contexts import Context

USER = settings.AUTH_USER_MODEL


class CrisisResource(models.Model):
    """A crisis line shown on /help/, per locale. Admins edit these; the service worker keeps
    the page available offline."""

    class Kind(models.TextChoices):
        EMERGENCY = "emergency", _("Emergency")
        CRISIS = "crisis", _("Crisis line")
        HELPLINE = "helpline", _("Helpline")
        TEXT = "text", _("Text line")
        OVERDOSE = "overdose", _("Overdose line")

    locale = models.CharField(max_length=8, default="en", db_index=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    phone = models.CharField(max_length=32, blank=True, help_text=_("Digits to dial, e.g. 988"))
    phone_label = models.CharField(max_length=80, blank=True, help_text=_("e.g. Call 988"))
    sms = models.CharField(max_length=32, blank=True, help_text=_("Number to text"))
    sms_body = models.CharField(max_length=40, blank=True, help_text=_("Word to send, e.g. HOME"))
    sms_label = models.CharField(max_length=80, blank=True, help_text=_("e.g. Text 988"))
    url = models.URLField(blank=True, help_text=_("A chat or information page (a plain link)"))
    order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["locale", "order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.locale})"

    @property
    def tel_href(self) -> str:
        digits = "".join(c for c in self.phone if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""

    @property
    def sms_href(self) -> str:
        digits = "".join(c for c in self.sms if c.isdigit() or c == "+")
        if not digits:
            return ""
        return f"sms:{digits}?&body={self.sms_body}" if self.sms_body else f"sms:{digits}"


class SafetySettings(models.Model):
    """One row of settings an admin can change without a deploy."""

    reach_out_escalation_minutes = models.PositiveSmallIntegerField(
        _("minutes before an unclaimed reach-out escalates"), default=5
    )
    alert_response_minutes = models.PositiveSmallIntegerField(
        _("minutes before an unacknowledged alert escalates"), default=5
    )
    hold_urgent_posts = models.BooleanField(
        _("hold urgent posts for review by default"),
        default=True,
        help_text=_("Each space may override this."),
    )
    review_minutes = models.PositiveSmallIntegerField(
        _("minutes before a message nobody has looked at escalates"),
        default=60,
        help_text=_("Shared words the safety net is unsure about wait in “Needs a look”."),
    )

    class Meta:
        verbose_name = verbose_name_plural = _("safety settings")

    def __str__(self):
        return "Safety settings"

    @classmethod
    def current(cls) -> "SafetySettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj


class ShiftQuerySet(models.QuerySet):
    def on_duty(self, at=None):
        at = at or timezone.now()
        return self.filter(starts_at__lte=at, ends_at__gt=at)


class Shift(models.Model):
    """Someone is on duty, in a role, between two instants: the on-duty roster."""

    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="shifts")
    role = models.CharField(max_length=16)  # supporter, specialist, moderator, admin
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    objects = ShiftQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["role", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.person} as {self.role} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"

    @property
    def role_label(self) -> str:
        return str(dict(Role.choices).get(self.role, self.role))


class CircleMember(models.Model):
    """A person a member chose to be told when they reach out."""

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="circle")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="circles_i_am_in")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "person"], name="one_circle_entry"),
            models.CheckConstraint(
                condition=~models.Q(member=models.F("person")), name="not_own_circle"
            ),
        ]

    def __str__(self):
        return f"{self.person} in {self.member}'s circle"


class CirclePreferences(models.Model):
    """What a member allows their circle to be told about them."""

    member = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="circle_prefs")
    tell_circle_when_urgent = models.BooleanField(
        _("Tell my circle if something I write privately sounds like a crisis"), default=False
    )
    tell_circle_when_elevated = models.BooleanField(
        _("Nudge my circle to check on me when I seem to be struggling"), default=False
    )

    def __str__(self):
        return f"circle preferences of {self.member}"


class ReachOut(models.Model):
    """ "I need someone now": an urgent request from a member, claimed by the first responder,
    escalated (peers → on-duty specialist → admin) while nobody claims it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for someone")
        CLAIMED = "claimed", _("Someone is with you")
        CLOSED = "closed", _("Closed")

    class Tier(models.IntegerChoices):
        PEERS = 0, _("Circle and on-duty supporters")
        SPECIALIST = 1, _("On-duty specialist")
        ADMIN = 2, _("Administrator")

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="reach_outs")
    message = EncryptedTextField(blank=True)
    level = models.CharField(max_length=10, default="urgent")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    tier = models.PositiveSmallIntegerField(choices=Tier.choices, default=Tier.PEERS)
    created_at = models.DateTimeField(default=timezone.now)
    escalates_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="claimed_reach_outs"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # A number the member chose to give for a call: shown only to the person with them, and
    # erased when the reach-out closes.
    phone = EncryptedTextField(blank=True, default="")
    # The person with them asked a peer specialist to take over (`hand_off_reach_out`); cleared
    # when one does.
    handed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "escalates_at"])]

    def __str__(self):
        return f"reach-out {self.pk} by {self.member}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_handed_off(self) -> bool:
        return self.status == self.Status.CLAIMED and self.handed_off_at is not None

    @property
    def tel_href(self) -> str:
        digits = "".join(c for c in self.phone if c.isdigit() or c == "+")
        return f"tel:{digits}" if digits else ""


class ReachOutRecipient(models.Model):
    """Someone who was asked to respond to a reach-out, at which tier."""

    reach_out = models.ForeignKey(ReachOut, on_delete=models.CASCADE, related_name="recipients")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="reach_outs_received")
    tier = models.PositiveSmallIntegerField(choices=ReachOut.Tier.choices)
    notified_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reach_out", "person"], name="one_recipient_row")
        ]

    def __str__(self):
        return f"{self.person} for reach-out {self.reach_out_id}"


class ReachOutMessage(models.Model):
    """A message between the member and the person who claimed their reach-out, or a note
    that the person with them asked a peer specialist to take over (both read it)."""

    class Kind(models.TextChoices):
        MESSAGE = "message", _("Message")
        HAND_OFF = "hand_off", _("Asked a peer specialist to take over")

    reach_out = models.ForeignKey(ReachOut, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MESSAGE)
    text = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"message {self.pk} on reach-out {self.reach_out_id}"


class AlertQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Alert.Status.RESOLVED)


class Alert(models.Model):
    """Urgent writing in a shared space, for on-duty moderators and specialists to act on."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        RESOLVED = "resolved", _("Resolved")

    level = models.CharField(max_length=10)
    reasons = models.JSONField(default=list)
    # A `safety.contexts.Context` value (no choices on the column: a new context needs no
    # migration). Rows written before contexts were typed may hold older words.
    context = models.CharField(max_length=32, help_text="post, chat, message…")
    source = models.CharField(max_length=128, blank=True, help_text="app.model:pk of the text")
    source_url = models.CharField(max_length=300, blank=True)
    excerpt = EncryptedTextField(blank=True)
    author = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts_about"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    tier = models.PositiveSmallIntegerField(choices=ReachOut.Tier.choices, default=0)
    created_at = models.DateTimeField(default=timezone.now)
    respond_by = models.DateTimeField()
    owner = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts_owned"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    escalations = models.PositiveSmallIntegerField(default=0)

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "respond_by"])]

    def __str__(self):
        return f"alert {self.pk} ({self.level})"

    @property
    def context_label(self) -> str:
        """Where it was written, in words ("group post")."""
        try:
            return str(Context(self.context).label)
        except ValueError:
            return self.context


class AlertNote(models.Model):
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"note on alert {self.alert_id}"


class ReviewItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ReviewItem.Status.OPEN)

    def handled(self):
        return self.exclude(status=ReviewItem.Status.OPEN)


class ReviewItem(models.Model):
    """Shared words the safety net is unsure about (tier 2, "review"): they wait in the "Needs a
    look" queue for on-duty peers and moderators, who let them be, reach out to the writer, or
    raise them to an urgent alert before `respond_by`; unanswered, they escalate like an alert.
    Nobody is paged when an item is queued."""

    class Status(models.TextChoices):
        OPEN = "open", _("Needs a look")
        FINE = "fine", _("Looks fine")
        REACHED_OUT = "reached_out", _("Reached out")
        RAISED = "raised", _("Raised to urgent")

    # What was written, as alerts keep it: "app.model:pk", a `Context` value, a link, the words.
    source = models.CharField(max_length=128, blank=True, help_text="app.model:pk of the text")
    source_url = models.CharField(max_length=300, blank=True)
    context = models.CharField(max_length=32, help_text="post, reply, message…")
    excerpt = EncryptedTextField(blank=True)
    reasons = models.JSONField(default=list)
    score = models.FloatField(default=0.0)
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="review_items")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    # 0: in the queue, nobody told; then the tiers of an alert (ReachOut.Tier).
    tier = models.PositiveSmallIntegerField(choices=ReachOut.Tier.choices, default=0)
    created_at = models.DateTimeField(default=timezone.now)
    respond_by = models.DateTimeField()
    escalations = models.PositiveSmallIntegerField(default=0)
    handled_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="review_items_handled"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    # The alert it was raised to, if it was.
    alert = models.ForeignKey(
        Alert, null=True, blank=True, on_delete=models.SET_NULL, related_name="review_items"
    )

    objects = ReviewItemQuerySet.as_manager()

    class Meta:
        ordering = ["respond_by", "pk"]
        indexes = [
            models.Index(fields=["status", "respond_by"]),
            models.Index(fields=["source"]),
        ]

    def __str__(self):
        return f"review item {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def context_label(self) -> str:
        """Where it was written, in words ("group post")."""
        try:
            return str(Context(self.context).label)
        except ValueError:
            return self.context
