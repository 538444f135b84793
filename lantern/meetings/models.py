from datetime import date, datetime, timedelta
from math import cos, radians
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.core import site

WEEKDAYS = [  # Meeting Guide numbering: Sunday is 0
    (0, _("Sunday")),
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
]


def days_to_mask(days) -> int:
    return sum(1 << d for d in set(days))


def mask_to_days(mask: int) -> list[int]:
    return [d for d in range(7) if mask & (1 << d)]


def spec_weekday(day: date) -> int:
    """Python counts Monday as 0; Meeting Guide counts Sunday as 0."""
    return (day.weekday() + 1) % 7


class Fellowship(models.TextChoices):
    AA = "aa", "Alcoholics Anonymous"
    NA = "na", "Narcotics Anonymous"
    CA = "ca", "Cocaine Anonymous"
    SMART = "smart", "SMART Recovery"
    REFUGE = "refuge", "Refuge Recovery"
    DHARMA = "dharma", "Recovery Dharma"
    CELEBRATE = "celebrate", "Celebrate Recovery"
    DRA = "dra", "Dual Recovery Anonymous"
    ALANON = "al-anon", "Al-Anon"
    NARANON = "nar-anon", "Nar-Anon"
    OTHER = "other", _("Other")


class MeetingType(models.Model):
    """A meeting type: the standard Meeting Guide codes, plus any an admin adds."""

    code = models.CharField(max_length=16, primary_key=True)
    name_en = models.CharField(max_length=100)
    name_es = models.CharField(max_length=100)
    standard = models.BooleanField(default=False)

    class Meta:
        ordering = ["name_en"]

    def __str__(self):
        return f"{self.code}: {self.name_en}"


class Group(models.Model):
    name = models.CharField(max_length=255)
    fellowship = models.CharField(
        max_length=16, choices=Fellowship.choices, default=Fellowship.OTHER
    )
    contact = models.CharField(max_length=255, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "fellowship"], name="one_group_per_name")
        ]

    def __str__(self):
        return self.name


class Location(models.Model):
    name = models.CharField(max_length=255, blank=True)
    address = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=100, blank=True)
    postal_code = models.CharField(max_length=16, blank=True)
    country = models.CharField(max_length=2, default="US")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    region = models.CharField(max_length=100, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    notes = models.TextField(blank=True)

    def __str__(self):
        return self.name or self.address

    @property
    def one_line(self) -> str:
        parts = [self.address, self.city, f"{self.state} {self.postal_code}".strip()]
        return ", ".join(p for p in parts if p)


def box_condition(lat: float, lon: float, km: float, prefix: str = "") -> models.Q:
    """Inside a bounding box around a point (cheap, indexable); callers refine by distance.
    `prefix` names other fields (or aliases) holding the coordinates: `{prefix}latitude`."""
    dlat = km / 111.0
    dlon = km / (111.320 * max(cos(radians(lat)), 0.01))
    return models.Q(
        **{
            f"{prefix}latitude__gte": lat - dlat,
            f"{prefix}latitude__lte": lat + dlat,
            f"{prefix}longitude__gte": lon - dlon,
            f"{prefix}longitude__lte": lon + dlon,
        }
    )


class MeetingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def on_days(self, days):
        """Meetings held on any of `days` (Meeting Guide numbering)."""
        mask = days_to_mask(days)
        return self.annotate(_day_hit=models.F("days_mask").bitand(mask)).filter(_day_hit__gt=0)

    def within_box(self, lat, lon, km):
        """A cheap bounding box around a point; callers refine by real distance."""
        return self.filter(box_condition(lat, lon, km))

    def with_type(self, code):
        return self.filter(types__contains=f" {code} ")


class Meeting(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=255)
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.SET_NULL)
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.SET_NULL)
    days_mask = models.PositiveSmallIntegerField(help_text="Bit 0 is Sunday … bit 6 Saturday")
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True)
    time_zone = models.CharField(max_length=64)
    # Space-delimited type codes with a space at each end (" O D W "): searchable with one LIKE.
    types = models.CharField(max_length=255, blank=True, default=" ")
    language = models.CharField(max_length=8, default="en")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    conference_url = models.URLField(max_length=500, blank=True)
    conference_url_notes = models.TextField(blank=True)
    conference_phone = models.CharField(max_length=64, blank=True)
    conference_phone_notes = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True, db_index=True)
    longitude = models.FloatField(null=True, blank=True)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    source = models.CharField(max_length=255, blank=True, help_text="The feed it came from")
    source_hash = models.CharField(max_length=64, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start_time", "name"]
        indexes = [
            models.Index(fields=["active", "latitude", "longitude"]),
            # The finder's walk through time: meetings of one zone starting in a wall-clock
            # range. Every column the walk reads or filters on is in the index, so it never
            # reads the table (and `active` is not first: SQLite cannot seek on a bare boolean).
            models.Index(
                fields=[
                    "time_zone",
                    "start_time",
                    "days_mask",
                    "end_time",
                    "active",
                    "latitude",
                    "longitude",
                    "mode",
                ],
                name="meeting_by_local_start",
            ),
            models.Index(fields=["source", "active"]),
            # Meetings by appointment (no day): few, found by place.
            models.Index(
                fields=["latitude", "longitude"],
                condition=models.Q(days_mask=0, active=True),
                name="meeting_by_appointment",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def days(self) -> list[int]:
        return mask_to_days(self.days_mask)

    @property
    def day_names(self) -> list[str]:
        names = dict(WEEKDAYS)
        return [str(names[d]) for d in self.days]

    @property
    def type_codes(self) -> list[str]:
        return self.types.split()

    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.time_zone)
        except (KeyError, ValueError):
            return site.time_zone()

    def duration(self) -> timedelta:
        if self.end_time is None:
            return timedelta(hours=1)
        start = datetime.combine(date(2000, 1, 3), self.start_time)
        end = datetime.combine(date(2000, 1, 3), self.end_time)
        return end - start if end > start else end + timedelta(days=1) - start

    def next_start(self, now: datetime, days=None) -> datetime | None:
        """The next time this meeting starts at or after `now` (aware), in its own zone, on
        one of `days` if given. A meeting already under way counts as starting now, so it
        still shows tonight."""
        zone = self.zone()
        local = now.astimezone(zone)
        mask = self.days_mask & days_to_mask(days) if days else self.days_mask
        for offset in range(-1, 8):
            day = local.date() + timedelta(days=offset)
            if not mask & (1 << spec_weekday(day)):
                continue
            start = datetime.combine(day, self.start_time, tzinfo=zone)
            if start + self.duration() > now:
                return start
        return None


class Attendance(models.Model):
    """A meeting a member went to: private to the member."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    meeting = models.ForeignKey(Meeting, null=True, on_delete=models.SET_NULL, related_name="+")
    meeting_name = models.CharField(max_length=255)
    date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "meeting", "date"], name="one_attendance_per_meeting_day"
            )
        ]

    def __str__(self):
        return f"{self.member} at {self.meeting_name} on {self.date}"


class ChangeReport(models.Model):
    """A member's correction to a meeting's details, waiting for a moderator."""

    class Topic(models.TextChoices):
        TIME = "time", _("The day or time")
        PLACE = "place", _("The address or place")
        ONLINE = "online", _("The online link or phone number")
        GONE = "gone", _("It no longer meets")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        APPLIED = "applied", _("Applied")
        DISMISSED = "dismissed", _("Dismissed")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="change_reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="meeting_change_reports",
    )
    topic = models.CharField(max_length=10, choices=Topic.choices)
    details = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_topic_display()}: {self.meeting}"
