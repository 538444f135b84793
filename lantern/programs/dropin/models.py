"""Drop-in centers and clubhouses: when the center is open, what is on today, the sign-in kiosks
on its front-desk tablets, and the visits they record.

Times of day (opening hours, activities) are local wall-clock times in the center's zone (its
own, or the community's: `Center.zone()`); a visit's `signed_in_at` is an instant (UTC), counted
on the center's local day and hour. A kiosk is known by a secret in its URL, kept only as a
SHA-256 digest, like an API token.
"""

from datetime import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core import site
from lantern.programs.models import Program

USER = settings.AUTH_USER_MODEL

# Python's date.weekday(): Monday is 0.
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
SPANS_A_DAY = 2


class Center(models.Model):
    """What a drop-in program keeps beyond the program itself: its zone and a word about its
    hours ("Closed on public holidays"). A program without a row uses the community's zone."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="dropin_center")
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    hours_note = models.CharField(_("a word about the hours"), max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.program} (drop-in)"

    def zone(self) -> ZoneInfo:
        if self.time_zone:
            try:
                return ZoneInfo(self.time_zone)
            except (KeyError, ValueError):
                pass
        return site.time_zone()


class OpeningSpan(models.Model):
    """One stretch of a weekday when the center is open (at most two a day); a day without
    any is a closed day."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="opening_spans")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="dropin_span_closes_after_opening"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="dropin_span_weekday"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def is_open_at(self, t: time) -> bool:
        return self.opens <= t < self.closes


class ActivityQuerySet(models.QuerySet):
    def on(self, day):
        """What happens on a local date: the one-off activities of that date and the weekly
        ones of its weekday."""
        return self.filter(Q(date=day) | Q(weekday=day.weekday())).order_by("starts", "title")


class Activity(models.Model):
    """Something on at the center (a coffee hour, a meeting, a computer class): once, on a
    date, or every week on a weekday."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="dropin_activities")
    title = models.CharField(_("what"), max_length=120)
    place = models.CharField(_("where in the center"), max_length=80, blank=True)
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)  # once
    weekday = models.PositiveSmallIntegerField(
        _("every week on"), choices=WEEKDAYS, null=True, blank=True
    )
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "date", "starts", "title"]
        verbose_name_plural = "activities"
        constraints = [
            # Exactly one of: a date (once) or a weekday (every week).
            models.CheckConstraint(
                condition=(Q(date__isnull=False) & Q(weekday__isnull=True))
                | (Q(date__isnull=True) & Q(weekday__isnull=False)),
                name="dropin_activity_once_or_weekly",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def weekly(self) -> bool:
        return self.weekday is not None


class KioskQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True, program__active=True)


class Kiosk(models.Model):
    """A sign-in page for a shared tablet at a center's front desk, reached by a long random
    URL and nothing else: no session, no account. Revoking it makes the URL a 404 at once."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="dropin_kiosks")
    name = models.CharField(_("name"), max_length=60)
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the secret in the URL
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = KioskQuerySet.as_manager()

    class Meta:
        ordering = ["revoked_at", "name", "pk"]

    def __str__(self):
        return self.name

    @property
    def live(self) -> bool:
        return self.revoked_at is None


class Visit(models.Model):
    """Someone came in: signed in at a kiosk by handle (`person`) or as a guest (no one)."""

    class Purpose(models.TextChoices):
        COFFEE = "coffee", _("Coffee")
        MEETING = "meeting", _("A meeting")
        COMPUTER = "computer", _("The computer")
        PEER = "peer", _("Talk to a peer")
        OTHER = "other", _("Something else")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="dropin_visits")
    person = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="dropin_visits"
    )
    signed_in_at = models.DateTimeField(default=timezone.now)
    purpose = models.CharField(max_length=10, choices=Purpose, blank=True)
    first_visit = models.BooleanField(default=False)
    kiosk = models.ForeignKey(
        Kiosk, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits"
    )

    class Meta:
        ordering = ["-signed_in_at", "-pk"]
        indexes = [
            models.Index(fields=["program", "signed_in_at"], name="dropin_visit_program_at"),
            models.Index(fields=["person", "signed_in_at"], name="dropin_visit_person_at"),
        ]

    def __str__(self):
        return f"Visit to {self.program} at {self.signed_in_at:%Y-%m-%d %H:%M}"

    @property
    def guest(self) -> bool:
        return self.person_id is None
