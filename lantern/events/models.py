"""Sober social events, workshops and activities, the RSVPs to them (with a waitlist), and
clubs: recurring activity groups with their own members and upcoming events.

An event's start and end are instants (stored in UTC) plus the IANA zone it happens in: the
page and the calendar show it in the event's own zone (with the viewer's beside it when they
differ), and the `.ics` carries the zone as a VTIMEZONE.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Club(models.Model):
    """A recurring activity group (hiking, running, cooking, art): its members, its events."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("what the club does"), max_length=2000)
    organizer = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events-club", args=[self.slug])


class ClubMember(models.Model):
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="club_memberships")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["club", "person"], name="club_member_once"),
        ]

    def __str__(self):
        return f"{self.person} in {self.club}"


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public events for everyone; members-only events for people signed in."""
        if user is None or not user.is_authenticated:
            return self.filter(visibility=Event.Visibility.PUBLIC)
        return self

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")


class Event(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Anyone, also visitors")
        MEMBERS = "members", _("Members only")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=5000)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(_("time zone"), max_length=64)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    organizer = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    club = models.ForeignKey(
        Club, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    tags = models.JSONField(default=list, blank=True)
    accessibility = models.TextField(_("accessibility"), max_length=1000, blank=True)
    visibility = models.CharField(
        _("who can see it"), max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    # Bumped when the time changes: a reminder task scheduled for an older time does nothing.
    reminder_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["visibility", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events-detail", args=[self.pk])

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC


class Rsvp(models.Model):
    """One person's answer to one event: going, on the waitlist (in the order they asked), or
    no longer coming. A row per person and event; changing one's mind updates it."""

    class Status(models.TextChoices):
        GOING = "going", _("Going")
        WAITLIST = "waitlist", _("On the waitlist")
        CANCELLED = "cancelled", _("Not going")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="rsvps")
    status = models.CharField(max_length=10, choices=Status.choices)
    # When they joined the waitlist: the first in line is promoted first.
    queued_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="rsvp_once"),
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self):
        return f"{self.person} {self.status} {self.event}"


# --- Volunteering -------------------------------------------------------------------------------


class Opportunity(models.Model):
    """A way to give back: greeter at the drop-in center, chair a meeting, answer the warmline,
    set up an event. It has shifts people sign up for."""

    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("what you would do"), max_length=3000)
    place = models.CharField(_("where"), max_length=200, blank=True)
    organizer = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events-opportunity", args=[self.pk])


class Shift(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64)
    spots = models.PositiveSmallIntegerField(_("people needed"), default=1)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="volunteer_shift_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.opportunity} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def local_start(self):
        return self.starts_at.astimezone(ZoneInfo(self.time_zone))

    @property
    def local_end(self):
        return self.ends_at.astimezone(ZoneInfo(self.time_zone))

    @property
    def hours(self) -> float:
        return round((self.ends_at - self.starts_at).total_seconds() / 3600, 1)


class ShiftSignup(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="shift_signups")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shift", "person"], name="signup_once"),
        ]

    def __str__(self):
        return f"{self.person} for {self.shift}"


class ServiceHours(models.Model):
    """Hours a person gave, logged by them after a shift and confirmed (or not) by the
    opportunity's organizer."""

    class Status(models.TextChoices):
        LOGGED = "logged", _("Waiting for the organizer")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Not confirmed")

    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="service_hours")
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="logged_hours")
    hours = models.DecimalField(max_digits=4, decimal_places=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.LOGGED)
    confirmed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["shift__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "shift"], name="hours_once_per_shift"),
        ]

    def __str__(self):
        return f"{self.hours} h by {self.person}"


# --- Recovery stories ---------------------------------------------------------------------------


class StoryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Story.Status.PUBLISHED)


class Story(models.Model):
    """A member's recovery story: read by a moderator (and the safety net) before anyone else
    sees it, shown with the author's handle or as "a member", tagged so a newcomer finds
    someone like them."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for a moderator")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Not published")
        WITHDRAWN = "withdrawn", _("Taken down by the author")

    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("your story"), max_length=20_000)
    pathways = models.JSONField(default=list, blank=True)
    substances = models.JSONField(default=list, blank=True)
    background = models.JSONField(default=list, blank=True)
    anonymous = models.BooleanField(_('show me as "a member"'), default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    moderator_note = models.CharField(max_length=500, blank=True)  # to the author, if declined
    reviewed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events-story", args=[self.pk])


class StoryReport(models.Model):
    """Someone asks the moderators to look at a published story again."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=12)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "reporter"], name="story_report_once"),
        ]

    def __str__(self):
        return f"report on {self.story}"
